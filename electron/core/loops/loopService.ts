import type { Statement } from 'better-sqlite3'
import type { z } from 'zod'
import type { DB } from '../db/connection'
import { notFound, refusal } from '../errors'
import {
  can,
  checkTransition,
  isFinished,
  loopPriority,
  nextStates,
  pathToInformed,
  type InformedChannel,
  type LoopStateName,
  type LoopType,
} from '../../../shared/domain/loopLifecycle'
import { dueAtFor, type SlaCause } from '../../../shared/domain/sla'
import type { LoopDetailSchema, SKIP_CODES } from '../../../shared/ipc/loopsContract'
import { createAuditWriter, verifyAuditChain, type AuditEventInput } from './auditChain'
import {
  createLoopQueries,
  toLoopRow,
  type LoopDbRow,
  type LoopRow,
  type QueueFilter,
  type QueueSort,
} from './loopQueries'
import { createSlaSettings, type SlaConfig, type SlaSettings } from './slaSettings'
import { createNotifications } from './notifications'
import { createAssignment } from './assignment'
import type { Sessions, User } from './sessions'
import type { createSettings } from '../settings'

export type LoopDetail = z.infer<typeof LoopDetailSchema>
type Skip = { id: number; reason: string; code: (typeof SKIP_CODES)[number] }

export interface LoopServiceDeps {
  clock: () => number
  settings: ReturnType<typeof createSettings>
  sessions: Sessions
}

export interface NewLoop {
  customerId: number
  type: LoopType
  origin: 'call' | 'manual'
  title: string
  priority?: number | undefined
  dueAt?: number | undefined
  assignee?: 'me' | number | undefined
  interactionId?: number | undefined
  feedbackId?: number | undefined
  note?: string | undefined
}

interface TransitionInput {
  id: number
  to: LoopStateName
  note?: string | undefined
  overrideReason?: string | undefined
  outcome?: string | undefined
  channel?: InformedChannel | undefined
}

// English fallbacks; the UI shows the translation of the reason code ('loops.transition_illegal').
const REASON_TEXT: Record<string, string> = {
  illegal: 'is not a legal step',
  needs_override_reason: 'needs an override reason (at least 5 characters)',
  needs_supervisor: 'before the customer was informed is for supervisors only',
  needs_assignee: 'needs an assignee first',
}

const loopNotFound = (id: number) => refusal('NOT_FOUND', 'loops.not_found', `Loop ${id} not found`, { id })

/** A refusal of this service: code 'loops.<reason>' for the UI, the English message as fallback. */
const refuse = (
  code: 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION',
  reason: string,
  message: string,
  params: Record<string, string | number> = {},
) => refusal(code, `loops.${reason}`, message, params)

/**
 * Closing the loop, enforced here: the lifecycle, who may do what, SLA due dates, and an audit
 * event (old -> new, hash-chained) for every change, written in the same transaction as the change.
 */
export function createLoopService(db: DB, deps: LoopServiceDeps) {
  const { clock, sessions } = deps
  const audit = createAuditWriter(db)
  const queries = createLoopQueries(db)
  const sla = createSlaSettings(db, deps.settings)
  const notifications = createNotifications(db)
  const assignment = createAssignment(db, deps.settings)

  const customer = db.prepare<[number], { id: number; language: string; value_cents: number }>(
    `SELECT id, language, value_cents FROM customers WHERE id = ?`,
  )
  const insight = db.prepare<[number], { segment: string | null; risk_score: number; value_cents: number }>(
    `SELECT segment, risk_score, value_cents FROM customer_insights WHERE customer_id = ?`,
  )
  // One statement per column loops.update may change; the names are fixed here, never from a request.
  const updateColumn = Object.fromEntries(
    (['priority', 'due_at', 'root_causes', 'outcome'] as const).map((column) => [
      column,
      db.prepare<[unknown, number, number]>(`UPDATE loops SET ${column} = ?, updated_at = ? WHERE id = ?`),
    ]),
  ) as Record<'priority' | 'due_at' | 'root_causes' | 'outcome', Statement<[unknown, number, number]>>
  const feedbackRow = db.prepare<[number, number], { id: number; topics: string | null; nps: number | null }>(
    `SELECT id, topics, nps FROM feedback WHERE id = ? AND customer_id = ?`,
  )
  const insertLoop = db.prepare(
    `INSERT INTO loops (customer_id, feedback_id, origin, type, title, state, priority, due_at, assignee_id,
                        created_at, updated_at, segment, topic, language, risk_score, value_cents,
                        interaction_id, created_by, sla_hours, assigned_at)
     VALUES (@customerId, @feedbackId, @origin, @type, @title, @state, @priority, @dueAt, @assigneeId,
             @now, @now, @segment, @topic, @language, @risk, @value, @interactionId, @createdBy, @slaHours, @assignedAt)`,
  )
  const setState = db.prepare<[LoopStateName, number, number]>(
    `UPDATE loops SET state = ?, updated_at = ? WHERE id = ?`,
  )
  // [[id, assigneeId, state, assignedAt], ...]: one statement for a whole bulk assignment.
  const setAssignees = db.prepare<[number, string]>(
    `UPDATE loops SET assignee_id = j.value ->> 1, state = j.value ->> 2, assigned_at = j.value ->> 3,
                      updated_at = ?
       FROM json_each(?) AS j
      WHERE loops.id = j.value ->> 0`,
  )
  const touchFirstAction = db.prepare<[number, number]>(
    `UPDATE loops SET first_action_at = coalesce(first_action_at, ?) WHERE id = ?`,
  )
  const setInformed = db.prepare<[number, InformedChannel, string, number]>(
    `UPDATE loops SET informed_at = ?, informed_channel = ?, informed_note = ? WHERE id = ?`,
  )
  const setResolved = db.prepare<[number, string | null, string | null, number]>(
    `UPDATE loops SET resolved_at = ?, review_state = 'pending', override_reason = ?, outcome = coalesce(?, outcome) WHERE id = ?`,
  )
  const setReopened = db.prepare<[number]>(
    `UPDATE loops SET resolved_at = NULL, reopen_count = reopen_count + 1 WHERE id = ?`,
  )
  const setReview = db.prepare<[string, number, number, string | null, number]>(
    `UPDATE loops SET review_state = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?`,
  )
  const hasAction = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM loop_events WHERE loop_id = ? AND kind = 'action'`,
  )
  const detailRow = db.prepare<
    [number],
    {
      cause: string | null
      feedback_id: number | null
      root_causes: string
      outcome: string | null
      informed_channel: InformedChannel | null
      informed_note: string | null
      override_reason: string | null
      review_note: string | null
    }
  >(
    `SELECT cause, feedback_id, root_causes, outcome, informed_channel, informed_note, override_reason, review_note
       FROM loops WHERE id = ?`,
  )
  const feedbackSummary = db.prepare<
    [number],
    { nps: number | null; intent: number | null; comment: string | null; answered_at: number }
  >(`SELECT nps, intent, comment, answered_at FROM feedback WHERE id = ?`)
  const events = db.prepare<
    [number],
    {
      id: number
      at: number
      user_id: number | null
      user_name: string | null
      kind: string
      old_value: string | null
      new_value: string | null
      detail: string | null
    }
  >(
    `SELECT e.id, e.at, e.user_id, u.name AS user_name, e.kind, e.old_value, e.new_value, e.detail
       FROM loop_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.loop_id = ? ORDER BY e.at, e.id`,
  )

  const assignableRows = db.prepare<[string], Assignable & { language: string }>(
    `SELECT id, state, assignee_id, language FROM loops WHERE id IN (SELECT value FROM json_each(?))`,
  )
  /** The few columns a bulk assignment needs, for all ids in one query. */
  function assignables(ids: readonly number[]) {
    return new Map(assignableRows.all(JSON.stringify(ids)).map((r) => [r.id, r]))
  }

  function load(id: number): LoopDbRow {
    const row = queries.row(id)
    if (!row) throw loopNotFound(id)
    return row
  }

  /** Agents work their own loops; team leads and supervisors any loop. */
  function mayWork(user: User, loop: LoopDbRow): boolean {
    if (can(user.role, 'loop.work_any')) return true
    return loop.assignee_id === user.id
  }

  function requireWork(user: User, loop: LoopDbRow): void {
    if (!mayWork(user, loop)) {
      throw refuse(
        'FORBIDDEN',
        'not_yours',
        `${user.name} may not change loop ${loop.id}: it is assigned to someone else`,
        { id: loop.id },
      )
    }
  }

  function move(
    user: User,
    loop: LoopDbRow,
    to: LoopStateName,
    now: number,
    detail?: Record<string, unknown>,
  ): void {
    setState.run(to, now, loop.id)
    audit({
      loopId: loop.id,
      at: now,
      userId: user.id,
      kind: 'state',
      oldValue: loop.state,
      newValue: to,
      detail,
    })
    if (to === 'in_progress' || to === 'action_taken') touchFirstAction.run(now, loop.id)
    loop.state = to
  }

  type Assignable = Pick<LoopDbRow, 'id' | 'state' | 'assignee_id'>

  /** Assigning moves an open loop to 'assigned'; unassigning an 'assigned' one back to 'open'. */
  const stateAfterAssign = (state: LoopStateName, assigneeId: number | null): LoopStateName =>
    assigneeId === null ? (state === 'assigned' ? 'open' : state) : state === 'open' ? 'assigned' : state

  /**
   * Assigns loops set-based: one UPDATE for all rows, one INSERT for all audit events (chained
   * from one read of the head), one INSERT for the notifications. Per-row statements cost ~1 ms a
   * loop on the big database (each one opens a statement journal and fires the audit guard and
   * rollup triggers on its own); see bench:loops. The loop objects are updated in place.
   */
  function assignMany(
    actor: User,
    changes: ReadonlyArray<{ loop: Assignable; assigneeId: number | null }>,
    now: number,
  ): void {
    if (changes.length === 0) return
    const rows: Array<[number, number | null, LoopStateName, number | null]> = []
    const events: AuditEventInput[] = []
    const notify: Array<[number, number]> = []
    for (const { loop, assigneeId } of changes) {
      const nextState = stateAfterAssign(loop.state, assigneeId)
      rows.push([loop.id, assigneeId, nextState, assigneeId === null ? null : now])
      events.push({
        loopId: loop.id,
        at: now,
        userId: actor.id,
        kind: 'assignee',
        oldValue: loop.assignee_id === null ? null : String(loop.assignee_id),
        newValue: assigneeId === null ? null : String(assigneeId),
      })
      if (nextState !== loop.state) {
        events.push({
          loopId: loop.id,
          at: now,
          userId: actor.id,
          kind: 'state',
          oldValue: loop.state,
          newValue: nextState,
        })
      }
      if (assigneeId !== null && assigneeId !== actor.id) notify.push([assigneeId, loop.id])
      loop.assignee_id = assigneeId
      loop.state = nextState
    }
    setAssignees.run(now, JSON.stringify(rows))
    audit.many(events)
    if (notify.length) notifications.addMany('loop_assigned', notify, now)
  }

  function assignOne(actor: User, loop: Assignable, assigneeId: number | null, now: number): void {
    assignMany(actor, [{ loop, assigneeId }], now)
  }

  function rowOf(id: number): LoopRow {
    return toLoopRow(load(id), clock())
  }

  const service = {
    queries,
    sla,
    notifications,

    create(user: User, input: NewLoop): LoopRow {
      if (!can(user.role, 'loop.create'))
        throw refuse('FORBIDDEN', 'may_not_create', `${user.name} may not create loops`)
      const c = customer.get(input.customerId)
      if (!c) throw notFound(`Customer ${input.customerId}`)
      let assigneeId: number | null = null
      if (input.assignee === 'me') assigneeId = user.id
      else if (typeof input.assignee === 'number') {
        if (input.assignee !== user.id && !can(user.role, 'loop.assign_others')) {
          throw refuse('FORBIDDEN', 'may_not_assign_others', `${user.name} may not assign loops to others`)
        }
        if (!sessions.user(input.assignee)) throw notFound(`User ${input.assignee}`)
        assigneeId = input.assignee
      }
      let topic: string | null = null
      // A loop opened by hand about a detractor's answer is a detractor callback too (SLA cap).
      let slaCause: SlaCause | null = null
      if (input.feedbackId !== undefined) {
        const f = feedbackRow.get(input.feedbackId, input.customerId)
        if (!f) throw notFound(`Answer ${input.feedbackId} of customer ${input.customerId}`)
        topic = (f.topics ?? '').split(',').find(Boolean) ?? null
        if (f.nps !== null && f.nps <= 6) slaCause = 'detractor'
      }
      const ins = insight.get(input.customerId)
      const value = ins?.value_cents ?? c.value_cents
      const risk = ins?.risk_score ?? 0
      const priority = input.priority ?? loopPriority(risk, value)
      const now = clock()
      const policy = sla.get()
      const due = dueAtFor(now, input.type, priority, policy.policies, policy.calendar, {
        cause: slaCause,
        caps: policy.caps,
      })
      const id = db
        .transaction(() => {
          const loopId = Number(
            insertLoop.run({
              customerId: input.customerId,
              feedbackId: input.feedbackId ?? null,
              origin: input.origin,
              type: input.type,
              title: input.title,
              state: assigneeId === null ? 'open' : 'assigned',
              priority,
              dueAt: input.dueAt ?? due.dueAt,
              assigneeId,
              now,
              segment: ins?.segment ?? null,
              topic,
              language: c.language,
              risk,
              value,
              interactionId: input.interactionId ?? null,
              createdBy: user.id,
              slaHours: due.businessHours,
              assignedAt: assigneeId === null ? null : now,
            }).lastInsertRowid,
          )
          audit({
            loopId,
            at: now,
            userId: user.id,
            kind: 'created',
            newValue: assigneeId === null ? 'open' : 'assigned',
            detail: { origin: input.origin, type: input.type, priority, dueAt: input.dueAt ?? due.dueAt },
          })
          if (assigneeId !== null) {
            audit({
              loopId,
              at: now,
              userId: user.id,
              kind: 'assignee',
              oldValue: null,
              newValue: String(assigneeId),
            })
            if (assigneeId !== user.id) notifications.add(assigneeId, 'loop_assigned', loopId, now)
          }
          if (input.note)
            audit({ loopId, at: now, userId: user.id, kind: 'note', detail: { text: input.note } })
          return loopId
        })
        .immediate()
      return rowOf(id)
    },

    transition(user: User, input: TransitionInput): LoopRow {
      const now = clock()
      db.transaction(() => {
        const loop = load(input.id)
        const to = input.to
        if (to === 'cancelled' && !can(user.role, 'loop.cancel')) {
          throw refuse('FORBIDDEN', 'may_not_cancel', `${user.name} may not cancel loops`)
        }
        if (to === 'reopened' && !can(user.role, 'loop.work_any')) {
          throw refuse('FORBIDDEN', 'may_not_reopen', `${user.name} may not reopen loops`)
        }
        // Taking an unassigned loop is the one step an agent may do on a loop that is not theirs.
        const taking = to === 'assigned' && loop.assignee_id === null
        if (taking) {
          if (!can(user.role, 'loop.take_unassigned'))
            throw refuse('FORBIDDEN', 'may_not_take', `${user.name} may not take loops`)
        } else requireWork(user, loop)
        if (to === 'open' && loop.assignee_id !== user.id && !can(user.role, 'loop.assign_others')) {
          throw refuse('FORBIDDEN', 'may_not_unassign_others', `${user.name} may not unassign others' loops`)
        }
        const check = checkTransition({
          from: loop.state,
          to,
          role: user.role,
          hasAssignee: loop.assignee_id !== null || taking,
          overrideReason: input.overrideReason,
        })
        if (!check.ok) {
          throw refuse(
            'CONFLICT',
            `transition_${check.reason}`,
            `Loop ${loop.id}: ${loop.state} -> ${to} ${REASON_TEXT[check.reason] ?? 'is refused'}`,
            { id: loop.id, from: loop.state, to },
          )
        }
        if (to === 'customer_informed') {
          if (!input.channel || !input.note) {
            throw refuse(
              'VALIDATION',
              'informed_needs_channel_note',
              'Say how the customer was informed (channel) and what they were told (note)',
            )
          }
        }
        if (to === 'action_taken' && hasAction.get(loop.id)?.n === 0 && !input.note) {
          throw refuse(
            'VALIDATION',
            'action_needs_text',
            'Say what was done (an action or a note) before marking the action taken',
          )
        }
        if (taking) assignOne(user, loop, user.id, now)
        if (to === 'open') {
          assignOne(user, loop, null, now)
          return
        }
        if (loop.state !== to) {
          move(user, loop, to, now, input.note ? { note: input.note } : undefined)
        }
        if (to === 'action_taken' && input.note) {
          audit({ loopId: loop.id, at: now, userId: user.id, kind: 'action', detail: { text: input.note } })
        }
        if (to === 'customer_informed' && input.channel && input.note) {
          setInformed.run(now, input.channel, input.note, loop.id)
          audit({
            loopId: loop.id,
            at: now,
            userId: user.id,
            kind: 'informed',
            newValue: input.channel,
            detail: { note: input.note },
          })
        }
        if (to === 'resolved') {
          setResolved.run(
            now,
            check.override ? (input.overrideReason ?? null) : null,
            input.outcome ?? null,
            loop.id,
          )
          if (check.override) {
            audit({
              loopId: loop.id,
              at: now,
              userId: user.id,
              kind: 'override',
              detail: { reason: input.overrideReason },
            })
          }
        }
        if (to === 'reopened') {
          setReopened.run(loop.id)
          if (loop.assignee_id !== null && loop.assignee_id !== user.id) {
            notifications.add(loop.assignee_id, 'loop_reopened', loop.id, now)
          }
        }
      }).immediate()
      return rowOf(input.id)
    },

    /** Logs what was done; working on an assigned loop starts it and makes the action "taken". */
    addAction(user: User, id: number, text: string): LoopRow {
      const now = clock()
      db.transaction(() => {
        const loop = load(id)
        requireWork(user, loop)
        if (isFinished(loop.state))
          throw refuse('CONFLICT', 'finished', `Loop ${id} is ${loop.state}: reopen it first`, {
            id,
            state: loop.state,
          })
        if (loop.state === 'open') assignOne(user, loop, user.id, now)
        if (loop.state === 'assigned' || loop.state === 'reopened') move(user, loop, 'in_progress', now)
        audit({ loopId: id, at: now, userId: user.id, kind: 'action', detail: { text } })
        touchFirstAction.run(now, id)
        if (loop.state === 'in_progress') move(user, loop, 'action_taken', now)
      }).immediate()
      return rowOf(id)
    },

    /** "Customer informed" from wherever the loop stands, every step on the way audited. */
    markInformed(user: User, id: number, channel: InformedChannel, note: string, action?: string): LoopRow {
      const now = clock()
      db.transaction(() => {
        const loop = load(id)
        const path = pathToInformed(loop.state)
        if (!path)
          throw refuse(
            'CONFLICT',
            'nothing_to_inform',
            `Loop ${id} is ${loop.state}: nothing to inform about`,
            {
              id,
              state: loop.state,
            },
          )
        if (loop.assignee_id === null) {
          if (!can(user.role, 'loop.take_unassigned'))
            throw refuse('FORBIDDEN', 'may_not_take', `${user.name} may not take loops`)
        } else requireWork(user, loop)
        if (!action && hasAction.get(id)?.n === 0) {
          throw refuse(
            'VALIDATION',
            'informed_needs_action',
            'Say what was done for the customer before marking them informed',
          )
        }
        for (const step of path) {
          if (step === 'assigned') assignOne(user, loop, user.id, now)
          else if (step === 'action_taken') {
            if (action)
              audit({ loopId: id, at: now, userId: user.id, kind: 'action', detail: { text: action } })
            move(user, loop, step, now)
          } else if (step === 'customer_informed') {
            move(user, loop, step, now)
            setInformed.run(now, channel, note, id)
            audit({
              loopId: id,
              at: now,
              userId: user.id,
              kind: 'informed',
              newValue: channel,
              detail: { note },
            })
          } else move(user, loop, step, now)
        }
      }).immediate()
      return rowOf(id)
    },

    update(
      user: User,
      input: {
        id: number
        priority?: number | undefined
        dueAt?: number | undefined
        rootCauses?: string[] | undefined
        outcome?: string | undefined
      },
    ): LoopRow {
      const now = clock()
      db.transaction(() => {
        const loop = load(input.id)
        requireWork(user, loop)
        const current = detailRow.get(input.id)
        const changes: Array<
          [
            column: keyof typeof updateColumn,
            kind: string,
            oldValue: string | null,
            newValue: string | null,
            value: unknown,
          ]
        > = []
        if (input.priority !== undefined && input.priority !== loop.priority)
          changes.push([
            'priority',
            'priority',
            String(loop.priority),
            String(input.priority),
            input.priority,
          ])
        if (input.dueAt !== undefined && input.dueAt !== loop.due_at)
          changes.push([
            'due_at',
            'due',
            loop.due_at === null ? null : String(loop.due_at),
            String(input.dueAt),
            input.dueAt,
          ])
        if (input.rootCauses !== undefined) {
          const next = JSON.stringify([...new Set(input.rootCauses)])
          if (next !== current?.root_causes)
            changes.push(['root_causes', 'root_causes', current?.root_causes ?? '[]', next, next])
        }
        if (input.outcome !== undefined && input.outcome !== (current?.outcome ?? null))
          changes.push(['outcome', 'outcome', current?.outcome ?? null, input.outcome, input.outcome])
        for (const [column, kind, oldValue, newValue, value] of changes) {
          updateColumn[column].run(value, now, input.id)
          audit({ loopId: input.id, at: now, userId: user.id, kind, oldValue, newValue })
        }
      }).immediate()
      return rowOf(input.id)
    },

    assign(user: User, ids: number[], assigneeId: number | null) {
      const selfTake = assigneeId === user.id
      if (!can(user.role, 'loop.assign_others') && !(selfTake && can(user.role, 'loop.take_unassigned'))) {
        throw refuse('FORBIDDEN', 'may_not_assign', `${user.name} may not assign or reassign loops`)
      }
      if (assigneeId !== null) {
        const target = sessions.user(assigneeId)
        if (!target) throw notFound(`User ${assigneeId}`)
      }
      const now = clock()
      const skipped: Skip[] = []
      let updated = 0
      db.transaction(() => {
        const found = assignables(ids)
        const changes: Array<{ loop: Assignable; assigneeId: number | null }> = []
        for (const id of new Set(ids)) {
          const loop = found.get(id)
          if (!loop) skipped.push({ id, reason: 'not found', code: 'not_found' })
          else if (isFinished(loop.state)) skipped.push({ id, reason: `is ${loop.state}`, code: 'finished' })
          else if (!can(user.role, 'loop.assign_others') && loop.assignee_id !== null)
            skipped.push({ id, reason: 'assigned to someone else', code: 'assigned_to_other' })
          else if (loop.assignee_id === assigneeId)
            skipped.push({ id, reason: 'already assigned to them', code: 'already_assignee' })
          else changes.push({ loop, assigneeId })
        }
        assignMany(user, changes, now)
        updated = changes.length
      }).immediate()
      return { updated, skipped }
    },

    autoAssign(user: User, ids: number[], strategy: 'round_robin' | 'language' | 'workload', team?: string) {
      if (!can(user.role, 'loop.assign_others'))
        throw refuse('FORBIDDEN', 'may_not_assign', `${user.name} may not assign loops`)
      const now = clock()
      const skipped: Skip[] = []
      const counts = new Map<number, number>()
      db.transaction(() => {
        const found = assignables(ids)
        const changes: Array<{ loop: Assignable; assigneeId: number | null }> = []
        const picker = assignment.picker(strategy, team)
        for (const id of new Set(ids)) {
          const loop = found.get(id)
          if (!loop) {
            skipped.push({ id, reason: 'not found', code: 'not_found' })
            continue
          }
          if (isFinished(loop.state)) {
            skipped.push({ id, reason: `is ${loop.state}`, code: 'finished' })
            continue
          }
          const agent = picker.pick(loop.language)
          if (!agent) {
            skipped.push({ id, reason: `no agent for language ${loop.language}`, code: 'no_agent' })
            continue
          }
          if (loop.assignee_id !== agent.id) changes.push({ loop, assigneeId: agent.id })
          counts.set(agent.id, (counts.get(agent.id) ?? 0) + 1)
        }
        assignMany(user, changes, now)
        picker.finish()
      }).immediate()
      const assignments = [...counts].map(([userId, count]) => ({
        userId,
        name: sessions.user(userId)?.name ?? String(userId),
        count,
      }))
      return { updated: assignments.reduce((s, a) => s + a.count, 0), assignments, skipped }
    },

    review(user: User, id: number, decision: 'approve' | 'reopen', reason?: string): LoopRow {
      if (!can(user.role, 'loop.review'))
        throw refuse('FORBIDDEN', 'may_not_review', `${user.name} may not review loops`)
      const now = clock()
      db.transaction(() => {
        const loop = load(id)
        if (loop.state !== 'resolved' || loop.review_state !== 'pending') {
          throw refuse('CONFLICT', 'not_waiting_review', `Loop ${id} is not waiting for review`, { id })
        }
        if (decision === 'reopen' && (!reason || reason.trim().length < 5))
          throw refuse(
            'VALIDATION',
            'reopen_needs_reason',
            'Say why the loop is reopened (at least 5 characters)',
          )
        const verdict = decision === 'approve' ? 'approved' : 'reopened'
        setReview.run(verdict, user.id, now, reason ?? null, id)
        audit({
          loopId: id,
          at: now,
          userId: user.id,
          kind: 'review',
          oldValue: 'pending',
          newValue: verdict,
          detail: reason ? { reason } : undefined,
        })
        if (decision === 'approve') return
        move(user, loop, 'reopened', now, { reason })
        setReopened.run(id)
        if (loop.assignee_id !== null) notifications.add(loop.assignee_id, 'loop_reopened', id, now)
      }).immediate()
      return rowOf(id)
    },

    get(user: User, id: number): LoopDetail {
      const loop = load(id)
      const d = detailRow.get(id)
      const f = d?.feedback_id ? feedbackSummary.get(d.feedback_id) : undefined
      const mine =
        mayWork(user, loop) || (loop.assignee_id === null && can(user.role, 'loop.take_unassigned'))
      const allowed = mine
        ? nextStates(loop.state, user.role).filter(
            (s) =>
              (s !== 'cancelled' || can(user.role, 'loop.cancel')) &&
              (s !== 'reopened' || can(user.role, 'loop.work_any')),
          )
        : []
      return {
        loop: toLoopRow(loop, clock()),
        cause: d?.cause ?? null,
        feedbackId: d?.feedback_id ?? null,
        feedback: f ? { nps: f.nps, intent: f.intent, comment: f.comment, answeredAt: f.answered_at } : null,
        rootCauses: JSON.parse(d?.root_causes ?? '[]') as string[],
        outcome: d?.outcome ?? null,
        informedChannel: d?.informed_channel ?? null,
        informedNote: d?.informed_note ?? null,
        overrideReason: d?.override_reason ?? null,
        reviewNote: d?.review_note ?? null,
        nextStates: allowed,
        events: events.all(id).map((e) => ({
          id: e.id,
          at: e.at,
          userId: e.user_id,
          userName: e.user_name,
          kind: e.kind,
          oldValue: e.old_value,
          newValue: e.new_value,
          detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
        })),
      }
    },

    queue(user: User, filter: QueueFilter, sort: QueueSort, offset: number, limit: number) {
      // Agents see their own loops and the unassigned pool; the whole team's queue is for leads.
      if (
        !can(user.role, 'loop.work_any') &&
        filter.assignee !== 'me' &&
        filter.assignee !== 'unassigned' &&
        filter.assignee !== user.id &&
        filter.customerId === undefined
      ) {
        throw refuse(
          'FORBIDDEN',
          'queue_scope',
          `${user.name} sees their own loops, the unassigned ones and a customer's loops`,
        )
      }
      return queries.queue(filter, sort, offset, limit, clock(), user.id)
    },

    reviewSample(user: User, size: number, seed?: number): LoopRow[] {
      if (!can(user.role, 'loop.review'))
        throw refuse('FORBIDDEN', 'may_not_review', `${user.name} may not review loops`)
      const ids = db
        .prepare<[], { id: number }>(`SELECT id FROM loops WHERE review_state = 'pending' ORDER BY id`)
        .all()
        .map((r) => r.id)
      // Partial Fisher-Yates with a small seeded generator: the same seed gives the same sample.
      let state = (seed ?? clock()) >>> 0 || 1
      const next = () => {
        state ^= state << 13
        state ^= state >>> 17
        state ^= state << 5
        return (state >>> 0) / 4294967296
      }
      const n = Math.min(size, ids.length)
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (ids.length - i))
        const tmp = ids[i] as number
        ids[i] = ids[j] as number
        ids[j] = tmp
      }
      const now = clock()
      return ids.slice(0, n).map((id) => toLoopRow(load(id), now))
    },

    workload(team?: string) {
      return assignment.workload(clock(), team)
    },

    suggestAssignee(customerId: number) {
      if (!customer.get(customerId)) throw notFound(`Customer ${customerId}`)
      return assignment.suggest(customerId)
    },

    /** Everyone reads the SLA settings (agents see due dates computed from them). */
    slaSettings(): SlaConfig {
      return sla.get()
    },

    /** Team leads and supervisors change SLA policies, caps and the business calendar. */
    setSlaSettings(user: User, next: Parameters<SlaSettings['set']>[0]): SlaConfig {
      if (!can(user.role, 'sla.configure'))
        throw refuse('FORBIDDEN', 'may_not_configure_sla', `${user.name} may not change SLA settings`)
      if (!next.calendar && !next.policies && !next.caps)
        throw refuse(
          'VALIDATION',
          'sla_nothing_to_change',
          'Nothing to change: give a calendar, policies or caps',
        )
      return sla.set(next)
    },

    verifyAudit() {
      return verifyAuditChain(db)
    },
  }
  return service
}

export type LoopService = ReturnType<typeof createLoopService>
