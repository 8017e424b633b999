/** Churn for one period: customers lost during it / customers at its start (design notes). */
export interface ChurnStats {
  atStart: number
  lost: number
  /** null when nobody was a customer at the start */
  churnRate: number | null
  retentionRate: number | null
}

export function churnStats(atStart: number, lost: number): ChurnStats {
  if (!Number.isInteger(atStart) || !Number.isInteger(lost) || atStart < 0 || lost < 0) {
    throw new RangeError('customer counts must be non-negative integers')
  }
  if (lost > atStart) throw new RangeError(`lost (${lost}) cannot exceed customers at start (${atStart})`)
  if (atStart === 0) return { atStart, lost, churnRate: null, retentionRate: null }
  const churnRate = lost / atStart
  return { atStart, lost, churnRate, retentionRate: 1 - churnRate }
}

export type PeriodUnit = 'month' | 'quarter'

/** Period boundaries [start, end) in UTC, the last one containing `until`, oldest first. */
export function periodsBack(
  until: number,
  unit: PeriodUnit,
  count: number,
): { label: string; start: number; end: number }[] {
  const d = new Date(until)
  const step = unit === 'month' ? 1 : 3
  let year = d.getUTCFullYear()
  let month = unit === 'month' ? d.getUTCMonth() : Math.floor(d.getUTCMonth() / 3) * 3
  const out: { label: string; start: number; end: number }[] = []
  for (let i = 0; i < count; i++) {
    const start = Date.UTC(year, month, 1)
    const end = Date.UTC(year, month + step, 1)
    const label =
      unit === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${month / 3 + 1}`
    out.push({ label, start, end })
    month -= step
    if (month < 0) {
      month += 12
      year--
    }
  }
  return out.reverse()
}
