import type { DashboardFilter } from '../../../shared/ipc/dashboardContract'
import type { DayRange } from '../../../shared/domain/kpi'

/**
 * Every tile can be computed from its rollup or, for the benchmark and the tests, by reading the
 * raw rows ("scan"); both go through the same reduction, so they must give the same numbers.
 */
export type Source = 'rollup' | 'scan'

export type Params = Record<string, string | number>

/** A WHERE clause built from conditions, with named parameters. */
export class Where {
  readonly parts: string[] = []
  readonly params: Params = {}

  add(condition: string, params: Params = {}): this {
    this.parts.push(condition)
    Object.assign(this.params, params)
    return this
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : ''
  }
}

/** The whole span a summary reads: the previous period and the current one. */
export function span(current: DayRange, previous: DayRange): DayRange {
  return { fromDay: previous.fromDay, toDay: current.toDay }
}

/** Which filters each tile honours; the others do not describe its rows (e.g. agents do not answer surveys). */
export const FILTERS_APPLIED = {
  feedback: ['segment', 'vertical', 'channel', 'language'],
  topics: ['vertical', 'channel', 'language'],
  churn: ['vertical', 'language'],
  offers: ['team', 'agentId', 'segment', 'vertical'],
  loops: ['team', 'agentId', 'segment', 'vertical', 'language'],
  watchlist: ['segment', 'vertical', 'language'],
} as const satisfies Record<string, readonly (keyof DashboardFilter)[]>
