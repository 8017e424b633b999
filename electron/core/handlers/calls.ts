import type { AreaHandlers } from '../dispatch'
import type { callsContract } from '../../../shared/ipc/callsContract'
import type { CoreContext } from '../context'
import { createCallService } from '../calls/callService'
import { createCallContextReader } from '../calls/callContext'
import { createHistoryReader } from '../calls/customerHistory'
import { createFollowUpDefaults } from '../calls/followUpDefaults'
import { AppError } from '../errors'

export function createCallHandlers(ctx: CoreContext): AreaHandlers<typeof callsContract> {
  const { sessions } = ctx
  const calls = createCallService(ctx.db, ctx.clock)
  const readContext = createCallContextReader(ctx.db)
  const readHistory = createHistoryReader(ctx.db)
  const followUpDefaults = createFollowUpDefaults(ctx.db, ctx.loops, ctx.clock)
  const customerExists = ctx.db.prepare<[number], { id: number }>(`SELECT id FROM customers WHERE id = ?`)
  const requireCustomer = (id: number) => {
    if (!customerExists.get(id)) throw new AppError('NOT_FOUND', `Customer ${id} not found`)
  }
  return {
    'calls.start': (req, rc) => calls.start(sessions.actor(rc), req),
    'calls.attach': ({ id, customerId }, rc) => calls.attach(sessions.actor(rc), id, customerId),
    'calls.event': (req, rc) =>
      req.kind === 'note'
        ? calls.note(sessions.actor(rc), req.id, req.text)
        : calls.setWrapUp(sessions.actor(rc), req.id, req.code),
    'calls.end': ({ id, wrapUp, note }, rc) => calls.end(sessions.actor(rc), id, wrapUp, note),
    'calls.active': (_req, rc) => calls.active(sessions.actor(rc)),
    'calls.recent': ({ limit }, rc) => calls.recent(sessions.actor(rc), limit),
    'calls.screenPop': ({ query, historyLimit }) => {
      const result = ctx.screenPop.lookup(query)
      if (result.kind !== 'match') return { result, context: null, history: null }
      const id = result.card.customer.id
      return { result, context: readContext(id), history: readHistory(id, historyLimit) }
    },
    'calls.context': ({ customerId }) => {
      requireCustomer(customerId)
      return readContext(customerId)
    },
    'calls.followUpDefaults': ({ customerId, type, priority }, rc) =>
      followUpDefaults(sessions.actor(rc), customerId, type, priority),
    'customers.history': ({ customerId, limit }) => {
      requireCustomer(customerId)
      return readHistory(customerId, limit)
    },
  }
}
