import type { LoopSummary } from '../../../../shared/ipc/types'
import type { Session } from '../../loops/loopsStore'

/** Why the signed-in user may not act on a loop from the call, or null when they may. */
export type LoopLock = { kind: 'colleague'; name: string } | { kind: 'unassigned' } | null

function colleague(loop: LoopSummary, session: Session): LoopLock {
  if (loop.assigneeId === session.user.id || session.permissions.includes('loop.work_any')) return null
  return { kind: 'colleague', name: loop.assigneeName ?? '?' }
}

/**
 * "Customer informed": the core lets a user take an unassigned loop on the way, and refuses a loop
 * a colleague holds (unless the role works any loop). Without a session yet, nothing is locked:
 * the core decides.
 */
export function informedLock(loop: LoopSummary, session: Session | null): LoopLock {
  if (!session) return null
  if (loop.assigneeId === null)
    return session.permissions.includes('loop.take_unassigned') ? null : { kind: 'unassigned' }
  return colleague(loop, session)
}

/** Logging an action: the core accepts it only on the user's own loops (or any, for team leads). */
export function actionLock(loop: LoopSummary, session: Session | null): LoopLock {
  if (!session) return null
  if (loop.assigneeId === null)
    return session.permissions.includes('loop.work_any') ? null : { kind: 'unassigned' }
  return colleague(loop, session)
}
