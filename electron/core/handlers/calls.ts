import type { AreaHandlers } from '../dispatch'
import type { callsContract } from '../../../shared/ipc/callsContract'
import type { CoreContext } from '../context'

export function createCallHandlers(_ctx: CoreContext): AreaHandlers<typeof callsContract> {
  return {}
}
