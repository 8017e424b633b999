import { describe, expect, it } from 'vitest'
import { dashboardCsv } from '../../renderer/src/components/dashboard/dashboardCsv'
import type { DashboardSummary, PeriodKpis } from '../../shared/ipc/dashboardContract'

const duration = { n: 0, medianMs: null, p90Ms: null }
const band = { high: 0, medium: 0, low: 0 }
const kpis = (detractors: number, nps: number | null): PeriodKpis => ({
  fromDay: 1,
  toDay: 8,
  nps: {
    n: detractors,
    promoters: 0,
    passives: 0,
    detractors,
    nps,
    marginOfError: null,
    low: null,
    high: null,
  },
  intent: { n: 0, avg: null, distribution: Array<number>(11).fill(0) },
  matrix: { promoter: band, passive: band, detractor: band },
  churn: { atStart: 4, lost: 1, churnRate: 0.25, retentionRate: 0.75 },
  loops: {
    opened: 0,
    assigned: 0,
    firstAction: 0,
    informed: 0,
    resolvedOfOpened: 0,
    closureRate: null,
    resolved: 0,
    timeToFirstAction: duration,
    timeToInformed: duration,
    timeToResolve: duration,
    slaDue: 0,
    slaMet: 0,
    slaCompliance: null,
    reopened: 0,
    reopenRate: null,
  },
  offers: {
    calls: 0,
    callsWithOffer: 0,
    presentationRate: null,
    presented: 0,
    accepted: 0,
    declined: 0,
    acceptanceRate: null,
    saves: 0,
  },
})

describe('dashboard CSV report', () => {
  const summary: DashboardSummary = {
    days: 7,
    current: kpis(3, -100),
    previous: kpis(0, null),
    trend: [],
    topics: [{ topic: 'price', mentions: 2, detractors: 2, previous: 5, trend: [2] }],
    movement: [{ from: { group: 'passive', band: 'medium' }, to: { group: 'detractor', band: 'low' }, n: 4 }],
    watchlistSize: 12,
    watchlistPrevious: { day: 20_000, size: 9 },
    facets: { teams: [], agents: [], channels: [] },
    computedMs: 1,
  }
  const csv = dashboardCsv(summary, { metric: 'Kennzahl', current: 'Aktuell; jetzt', previous: 'Vorher' })
  const lines = csv.slice(1).split('\r\n')

  it('starts with a BOM, uses ; and quotes fields that contain one', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(lines[0]).toBe('Kennzahl;"Aktuell; jetzt";Vorher')
  })

  it('has one row per KPI with both periods; unknown values stay empty', () => {
    expect(lines).toContain('nps.detractors;3;0')
    expect(lines).toContain('nps.nps;-100;')
    expect(lines).toContain('churn.churnRate;0.25;0.25')
    expect(lines).toContain('intent.distribution.10;0;0')
    expect(lines).toContain('watchlistSize;12;9')
    expect(lines).toContain('movement.passive.medium>detractor.low;4;')
    expect(lines).toContain('price;2;2;5')
  })
})
