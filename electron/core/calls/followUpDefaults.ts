import type { DB } from '../db/connection'
import { AppError } from '../errors'
import type { LoopService } from '../loops/loopService'
import type { User } from '../loops/sessions'
import { can, loopPriority, type LoopType } from '../../../shared/domain/loopLifecycle'
import { dueAtFor } from '../../../shared/domain/sla'
import type { FollowUpDefaults } from '../../../shared/ipc/callsContract'

/**
 * What the follow-up dialog starts from: the priority and SLA due date the loop service would give
 * a new loop of this type right now (business hours, holidays), and who should do it. The
 * priority follows the same rule as `loops.create` (risk x customer value), so a loop saved without
 * an explicit due date gets exactly the date the agent saw.
 */
export function createFollowUpDefaults(db: DB, loops: LoopService, clock: () => number) {
  const lossOf = db.prepare<[number], { risk: number | null; value: number }>(
    `SELECT i.risk_score AS risk, coalesce(i.value_cents, c.value_cents) AS value
       FROM customers c LEFT JOIN customer_insights i ON i.customer_id = c.id
      WHERE c.id = ?`,
  )

  return (user: User, customerId: number, type: LoopType, priority?: number): FollowUpDefaults => {
    if (!can(user.role, 'loop.create')) throw new AppError('FORBIDDEN', `${user.name} may not create loops`)
    const customer = lossOf.get(customerId)
    if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`)
    const chosen = priority ?? loopPriority(customer.risk ?? 0, customer.value)
    const { policies, calendar } = loops.sla.get()
    const { dueAt, businessHours } = dueAtFor(clock(), type, chosen, policies, calendar)
    const { agent, reason } = loops.suggestAssignee(customerId)
    return {
      priority: chosen,
      dueAt,
      businessHours,
      suggestion:
        agent && reason !== 'none'
          ? {
              userId: agent.id,
              name: agent.name,
              reason,
              // Agents may only take loops themselves; the core refuses anything else on save.
              assignable: agent.id === user.id || can(user.role, 'loop.assign_others'),
            }
          : null,
    }
  }
}
