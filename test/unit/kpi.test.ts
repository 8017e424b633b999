import { describe, expect, it } from 'vitest'
import {
  bandOfBucket,
  bucketDaysFor,
  churnFromCounts,
  delta,
  durationStats,
  intentBucket,
  median,
  percentileNearestRank,
  periodRanges,
  rate,
} from '../../shared/domain/kpi'
import { npsFromCounts } from '../../shared/domain/npsStats'
import { reduceLoops, type LoopTimes } from '../../electron/core/dashboard/loopTiles'
import { reduceFeedback, type FeedbackDayRow } from '../../electron/core/dashboard/feedbackTiles'
import { DEFAULT_INTENT_CUTOFFS } from '../../shared/domain/intent'

const H = 3_600_000
const DAY = 86_400_000

describe('KPI formulas', () => {
  it('median: middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNull()
  })

  it('p90 by nearest rank', () => {
    expect(percentileNearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
    // 20 values: rank ceil(0.9 * 20) = 18
    expect(
      percentileNearestRank(
        Array.from({ length: 20 }, (_, i) => 20 - i),
        90,
      ),
    ).toBe(18)
    // 3 values: rank ceil(2.7) = 3, the largest
    expect(percentileNearestRank([30, 10, 20], 90)).toBe(30)
    expect(percentileNearestRank([], 90)).toBeNull()
    expect(() => percentileNearestRank([1], 0)).toThrow(RangeError)
  })

  it('NPS margin of error: 50 promoters, 30 passives, 20 detractors', () => {
    // p = .5, d = .2: NPS 30; var = (.7 - .09) / 100 = .0061; MoE = 196 * sqrt(.0061) = 15.308
    const s = npsFromCounts(50, 30, 20)
    expect(s.nps).toBeCloseTo(30, 10)
    expect(s.marginOfError).toBeCloseTo(15.308, 3)
    expect(s.low).toBeCloseTo(14.692, 3)
    expect(s.high).toBeCloseTo(45.308, 3)
  })

  it('churn rate: 100 joined and 20 churned before, 8 lost during the period', () => {
    expect(churnFromCounts(100, 20, 8)).toEqual({ atStart: 80, lost: 8, churnRate: 0.1, retentionRate: 0.9 })
    expect(churnFromCounts(0, 0, 0)).toEqual({ atStart: 0, lost: 0, churnRate: null, retentionRate: null })
  })

  it('rates and deltas are null when undefined', () => {
    expect(rate(3, 4)).toBe(0.75)
    expect(rate(0, 0)).toBeNull()
    expect(delta(5, 2)).toBe(3)
    expect(delta(null, 2)).toBeNull()
  })

  it('periods: the last N full UTC days including today, and the N days before', () => {
    // 2026-11-01 is UTC day 20758, so 2026-11-23 is day 20780.
    const now = Date.UTC(2026, 10, 23, 19, 0)
    expect(periodRanges(now, 30)).toEqual({
      current: { fromDay: 20751, toDay: 20781 },
      previous: { fromDay: 20721, toDay: 20751 },
    })
    expect([7, 30, 90, 365].map(bucketDaysFor)).toEqual([1, 1, 7, 31])
  })

  it('intent tenths and their bands at the default cutoffs (high >= 0.7, medium >= 0.4)', () => {
    expect([0, 0.3, 0.39, 0.4, 0.69, 0.7, 0.75, 1].map(intentBucket)).toEqual([0, 3, 3, 4, 6, 7, 7, 10])
    expect([3, 4, 6, 7, 10].map((b) => bandOfBucket(b, DEFAULT_INTENT_CUTOFFS))).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ])
  })
})

describe('loop KPIs', () => {
  const base = 20_000 * DAY
  const loop = (over: Partial<LoopTimes>): LoopTimes => ({
    createdAt: base,
    assignedAt: null,
    firstActionAt: null,
    informedAt: null,
    resolvedAt: null,
    dueAt: null,
    reopenCount: 0,
    state: 'open',
    ...over,
  })
  // Four loops opened on day 20000: first actions after 2, 4 and 10 hours; two resolved (after 24 h
  // within a 48 h SLA, after 72 h past it, and that one reopened once), one cancelled.
  const loops = [
    loop({
      assignedAt: base + H,
      firstActionAt: base + 2 * H,
      informedAt: base + 20 * H,
      resolvedAt: base + 24 * H,
      dueAt: base + 48 * H,
      state: 'resolved',
    }),
    loop({
      assignedAt: base + H,
      firstActionAt: base + 4 * H,
      informedAt: base + 60 * H,
      resolvedAt: base + 72 * H,
      dueAt: base + 48 * H,
      reopenCount: 1,
      state: 'resolved',
    }),
    loop({ assignedAt: base + H, firstActionAt: base + 10 * H, state: 'in_progress' }),
    loop({ state: 'cancelled' }),
  ]
  const range = { fromDay: 20_000, toDay: 20_007 }

  it('funnel, closure, durations, SLA and reopen rate of the period', () => {
    const k = reduceLoops({ opened: loops, resolved: loops.filter((l) => l.resolvedAt !== null) }, range)
    expect(k).toMatchObject({
      opened: 4,
      assigned: 3,
      firstAction: 3,
      informed: 2,
      resolvedOfOpened: 2,
      // 2 resolved of 3 not cancelled
      closureRate: 2 / 3,
      resolved: 2,
      timeToFirstAction: { n: 3, medianMs: 4 * H, p90Ms: 10 * H },
      timeToInformed: { n: 2, medianMs: 40 * H, p90Ms: 60 * H },
      timeToResolve: { n: 2, medianMs: 48 * H, p90Ms: 72 * H },
      slaDue: 2,
      slaMet: 1,
      slaCompliance: 0.5,
      reopened: 1,
      reopenRate: 0.5,
    })
  })

  it('loops outside the period do not count', () => {
    const k = reduceLoops({ opened: loops, resolved: loops }, { fromDay: 20_010, toDay: 20_020 })
    expect(k.opened).toBe(0)
    expect(k.closureRate).toBeNull()
    expect(durationStats([])).toEqual({ n: 0, medianMs: null, p90Ms: null })
  })
})

describe('feedback KPIs from rollup rows', () => {
  const row = (day: number, ib: number, p: number, pa: number, d: number, nn = 0): FeedbackDayRow => ({
    day,
    ib,
    p,
    pa,
    d,
    nn,
    // every answer in bucket ib here has intent exactly ib / 10
    mp: p * ib * 100_000,
    mpa: pa * ib * 100_000,
    md: d * ib * 100_000,
    mnn: nn * ib * 100_000,
  })
  const rows = [
    row(10, 9, 3, 1, 0),
    row(10, 2, 1, 0, 4),
    row(11, 5, 0, 2, 1),
    row(11, -1, 1, 0, 1, 0),
    row(12, 8, 5, 0, 0),
  ]
  const range = { fromDay: 10, toDay: 12 }

  it('NPS, intent average and distribution, matrix; rows outside the range are left out', () => {
    const { kpis, trend } = reduceFeedback(
      rows,
      range,
      [
        { fromDay: 10, toDay: 11 },
        { fromDay: 11, toDay: 12 },
      ],
      undefined,
      DEFAULT_INTENT_CUTOFFS,
    )
    // promoters 3+1+1 = 5, passives 1+2 = 3, detractors 4+1+1 = 6: NPS = (5 - 6) / 14
    expect(kpis.nps).toMatchObject({ n: 14, promoters: 5, passives: 3, detractors: 6 })
    expect(kpis.nps.nps).toBeCloseTo((100 * (5 - 6)) / 14, 10)
    // intent answers: 4 at .9, 5 at .2, 3 at .5 -> (3.6 + 1 + 1.5) / 12
    expect(kpis.intent.n).toBe(12)
    expect(kpis.intent.avg).toBeCloseTo(6.1 / 12, 10)
    expect(kpis.intent.distribution).toEqual([0, 0, 5, 0, 0, 3, 0, 0, 0, 4, 0])
    expect(kpis.matrix.promoter).toEqual({ high: 3, medium: 0, low: 1 })
    expect(kpis.matrix.detractor).toEqual({ high: 0, medium: 1, low: 4 })
    expect(trend.map((t) => t.n)).toEqual([9, 5])
  })

  it('a segment filter keeps only answers in that cell: churn risk = detractors with low intent', () => {
    const { kpis } = reduceFeedback(rows, range, [], 'churn_risk', DEFAULT_INTENT_CUTOFFS)
    expect(kpis.nps).toMatchObject({ n: 4, promoters: 0, passives: 0, detractors: 4, nps: -100 })
    expect(kpis.intent).toMatchObject({ n: 4, distribution: [0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0] })
    expect(kpis.intent.avg).toBeCloseTo(0.2, 10)
  })
})
