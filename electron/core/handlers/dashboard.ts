import type { AreaHandlers } from '../dispatch'
import type { dashboardContract } from '../../../shared/ipc/dashboardContract'
import type { CoreContext } from '../context'

export function createDashboardHandlers(_ctx: CoreContext): AreaHandlers<typeof dashboardContract> {
  return {}
}
