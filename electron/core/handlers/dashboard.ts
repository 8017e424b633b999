import type { AreaHandlers } from '../dispatch'
import type { dashboardContract, DashboardFilter } from '../../../shared/ipc/dashboardContract'
import type { CoreContext } from '../context'
import type { RequestContext } from '../dispatch'
import { periodRanges } from '../../../shared/domain/kpi'

export function createDashboardHandlers(ctx: CoreContext): AreaHandlers<typeof dashboardContract> {
  const { sessions, analytics, clock, settings } = ctx

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
    'dashboard.summary': ({ days, filter }, rc) =>
      analytics.run('dashboardSummary', {
        now: clock(),
        days,
        filter: scoped(rc, filter),
        intentCutoffs: settings.intentCutoffs(),
      }),
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
