import type { DayRange } from '../../../shared/domain/kpi'

/**
 * Every tile can be computed from its rollup or, for the benchmark and the tests, by reading the
 * raw rows ("scan"); the two must give the same numbers. Where the rollup path is a different
 * computation (loops: SQL sums and index walks; saves and calls: SQL against a JS reduction) the
 * comparison checks one against the other.
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
