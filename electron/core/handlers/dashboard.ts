import type { AreaHandlers } from '../dispatch'
import type { dashboardContract, DashboardFilter } from '../../../shared/ipc/dashboardContract'
import type { CoreContext } from '../context'
import type { RequestContext } from '../dispatch'
import { periodRanges } from '../../../shared/domain/kpi'
import { recordWatchlistSnapshot } from '../dashboard/watchlistSnapshots'

export function createDashboardHandlers(ctx: CoreContext): AreaHandlers<typeof dashboardContract> {
  const { sessions, analytics, clock, settings, db } = ctx

  /**
   * Team leads see their own team's work: the team filter is theirs whatever was asked. Supervisors
   * filter freely. Agents have no dashboard (FORBIDDEN).
   */
  function scoped(rc: RequestContext, filter: DashboardFilter): DashboardFilter {
    const user = sessions.require(rc, 'dashboard.view')
    return user.role === 'team_lead' && user.team ? { ...filter, team: user.team } : filter
  }

  return {
    // Rollup reads are quick but not free: they run in the analytics worker, off the main thread.
    // The watchlist has no history to recompute, so the first read of a day keeps today's counts
    // (a few dozen rows, on the main connection: the analytics worker reads only).
    'dashboard.summary': ({ days, filter }, rc) => {
      const scopedFilter = scoped(rc, filter)
      const now = clock()
      recordWatchlistSnapshot(db, now)
      return analytics.run('dashboardSummary', {
        now,
        days,
        filter: scopedFilter,
        intentCutoffs: settings.intentCutoffs(),
      })
    },
    'dashboard.drill': ({ days, filter, period, fromDay, toDay, target, limit }, rc) => {
      const ranges = periodRanges(clock(), days)
      const range = fromDay !== undefined && toDay !== undefined ? { fromDay, toDay } : ranges[period]
      return analytics.run('dashboardDrill', {
        range,
        filter: scoped(rc, filter),
        target,
        limit,
        intentCutoffs: settings.intentCutoffs(),
      })
    },
  }
}
