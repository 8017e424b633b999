import { describe, expect, it } from 'vitest'
import { churnStats, periodsBack } from '../../shared/domain/churn'

describe('churn and retention rate', () => {
  it('is lost / at start (hand computation)', () => {
    // 1,000 customers on 1 October, 25 lost during October: 2.5 % churn, 97.5 % retention
    expect(churnStats(1000, 25)).toEqual({ atStart: 1000, lost: 25, churnRate: 0.025, retentionRate: 0.975 })
    expect(churnStats(0, 0)).toEqual({ atStart: 0, lost: 0, churnRate: null, retentionRate: null })
  })
  it('refuses impossible counts', () => {
    expect(() => churnStats(10, 11)).toThrow(RangeError)
    expect(() => churnStats(-1, 0)).toThrow(RangeError)
  })
  it('builds month and quarter periods back from a date', () => {
    const until = Date.UTC(2026, 1, 10) // 10 Feb 2026
    expect(periodsBack(until, 'month', 3).map((p) => p.label)).toEqual(['2025-12', '2026-01', '2026-02'])
    const q = periodsBack(until, 'quarter', 2)
    expect(q.map((p) => p.label)).toEqual(['2025-Q4', '2026-Q1'])
    expect(q[1]).toMatchObject({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 3, 1) })
  })
  it('builds ISO weeks starting on Monday', () => {
    // Thursday 1 Jan 2026 lies in ISO week 2026-W01, which starts on Monday 29 Dec 2025.
    const w = periodsBack(Date.UTC(2026, 0, 1, 12), 'week', 2)
    expect(w.map((p) => p.label)).toEqual(['2025-W52', '2026-W01'])
    expect(w[1]).toMatchObject({ start: Date.UTC(2025, 11, 29), end: Date.UTC(2026, 0, 5) })
    // Monday 23 Nov 2026 starts 2026-W48.
    expect(periodsBack(Date.UTC(2026, 10, 23), 'week', 1)[0]).toMatchObject({
      label: '2026-W48',
      start: Date.UTC(2026, 10, 23),
    })
  })
})
