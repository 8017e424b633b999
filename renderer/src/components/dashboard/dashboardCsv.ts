import type { DashboardSummary, PeriodKpis } from '../../../../shared/ipc/dashboardContract'

/** One CSV field: quoted when it holds a separator, quote or line break (RFC 4180). */
function field(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[";\n\r,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Every KPI as a [dotted name, value] pair, in a stable order. */
function flatten(k: PeriodKpis, prefix = ''): [string, number | null][] {
  const out: [string, number | null][] = []
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number' || value === null) out.push([path, value])
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`))
    else if (typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        walk(v, path ? `${path}.${key}` : key)
    }
  }
  walk(k, prefix)
  return out
}

/**
 * The dashboard as CSV: one row per KPI with the current and previous period, then the trend and
 * topic rows. `;` with a BOM so German Excel opens it directly; numbers stay machine-readable.
 */
export function dashboardCsv(
  summary: DashboardSummary,
  header: { metric: string; current: string; previous: string },
): string {
  const rows: (string | number | null)[][] = [[header.metric, header.current, header.previous]]
  const previous = new Map(flatten(summary.previous))
  for (const [name, value] of flatten(summary.current)) rows.push([name, value, previous.get(name) ?? null])
  rows.push(['watchlistSize', summary.watchlistSize, summary.watchlistPrevious?.size ?? null])
  for (const m of summary.movement)
    rows.push([`movement.${m.from.group}.${m.from.band}>${m.to.group}.${m.to.band}`, m.n, null])
  rows.push([])
  const trendKeys = Object.keys(summary.trend[0] ?? {}) as (keyof DashboardSummary['trend'][number])[]
  rows.push(trendKeys.map((k) => `trend.${k}`))
  for (const b of summary.trend) rows.push(trendKeys.map((k) => b[k]))
  rows.push([])
  rows.push(['topic', 'mentions', 'detractors', 'previous'])
  for (const t of summary.topics) rows.push([t.topic, t.mentions, t.detractors, t.previous])
  return '\uFEFF' + rows.map((r) => r.map((v) => field(v ?? null)).join(';')).join('\r\n') + '\r\n'
}

/** Offers a text as a file download (works the same in Electron and in a browser). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}
