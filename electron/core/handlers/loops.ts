import type { AreaHandlers } from '../dispatch'
import type { loopsContract } from '../../../shared/ipc/loopsContract'
import type { CoreContext } from '../context'
import type { User } from '../loops/sessions'

export function createLoopHandlers(ctx: CoreContext): AreaHandlers<typeof loopsContract> {
  const { sessions, loops, clock } = ctx
  const session = (user: User) => ({ user, permissions: sessions.permissions(user) })
  return {
    'session.current': (_req, rc) => session(sessions.actor(rc)),
    'session.signIn': (req, rc) =>
      session(
        'userId' in req
          ? sessions.signInById(rc, req.userId)
          : sessions.signInByName(rc, req.name, req.role, req.languages),
      ),
    'users.list': () => sessions.list(),
    'loops.queue': ({ filter, sort, offset, limit }, rc) =>
      loops.queue(sessions.actor(rc), filter, sort, offset, limit),
    'loops.get': ({ id }, rc) => loops.get(sessions.actor(rc), id),
    'loops.create': (req, rc) => loops.create(sessions.actor(rc), req),
    'loops.suggestAssignee': ({ customerId }) => {
      const { agent, reason } = loops.suggestAssignee(customerId)
      return {
        user: agent
          ? {
              id: agent.id,
              name: agent.name,
              role: 'agent' as const,
              languages: agent.languages,
              team: agent.team,
            }
          : null,
        reason,
      }
    },
    'loops.transition': (req, rc) => loops.transition(sessions.actor(rc), req),
    'loops.addAction': ({ id, text }, rc) => loops.addAction(sessions.actor(rc), id, text),
    'loops.markInformed': ({ id, channel, note, action }, rc) =>
      loops.markInformed(sessions.actor(rc), id, channel, note, action),
    'loops.update': (req, rc) => loops.update(sessions.actor(rc), req),
    'loops.assign': ({ ids, assigneeId }, rc) => loops.assign(sessions.actor(rc), ids, assigneeId),
    'loops.autoAssign': ({ ids, strategy, team }, rc) =>
      loops.autoAssign(sessions.actor(rc), ids, strategy, team),
    'loops.workload': ({ team }, rc) => {
      sessions.require(rc, 'loop.assign_others')
      return loops.workload(team)
    },
    'loops.review': ({ id, decision, reason }, rc) => loops.review(sessions.actor(rc), id, decision, reason),
    'loops.reviewSample': ({ size, seed }, rc) => loops.reviewSample(sessions.actor(rc), size, seed),
    'loops.slaSettings': () => loops.slaSettings(),
    'loops.setSlaSettings': (req, rc) => loops.setSlaSettings(sessions.actor(rc), req),
    'notifications.list': ({ unreadOnly, limit }, rc) =>
      loops.notifications.list(sessions.actor(rc).id, unreadOnly, limit, clock()),
    'notifications.markRead': ({ ids }, rc) =>
      loops.notifications.markRead(sessions.actor(rc).id, ids, clock()),
    'audit.verify': (_req, rc) => {
      sessions.require(rc, 'audit.verify')
      return loops.verifyAudit()
    },
  }
}
