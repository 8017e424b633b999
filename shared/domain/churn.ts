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

export type PeriodUnit = 'week' | 'month' | 'quarter'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/** ISO week label (e.g. 2026-W47) of the week starting on Monday `monday` (UTC). */
function isoWeekLabel(monday: number): string {
  // The ISO year of a week is the year of its Thursday; week 1 holds the year's first Thursday.
  const thursday = new Date(monday + 3 * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS)
  return `${year}-W${String(week).padStart(2, '0')}`
}

function weeksBack(until: number, count: number): { label: string; start: number; end: number }[] {
  const d = new Date(until)
  const sinceMonday = (d.getUTCDay() + 6) % 7
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday)
  const out: { label: string; start: number; end: number }[] = []
  for (let i = count - 1; i >= 0; i--) {
    const start = monday - i * WEEK_MS
    out.push({ label: isoWeekLabel(start), start, end: start + WEEK_MS })
  }
  return out
}

/** Period boundaries [start, end) in UTC, the last one containing `until`, oldest first. */
export function periodsBack(
  until: number,
  unit: PeriodUnit,
  count: number,
): { label: string; start: number; end: number }[] {
  if (unit === 'week') return weeksBack(until, count)
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
