import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { Core } from '../../electron/core/core'
import { verifyAuditChain } from '../../electron/core/loops/auditChain'
import { applyLoopRules } from '../../electron/core/loops/rules'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertCustomers, T0 } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

type Row = {
  id: number
  state: string
  assigneeId: number | null
  slaState: string
  dueAt: number | null
  priority: number
}

const HOUR = 3_600_000
// Wednesday 2026-10-07 10:00 Berlin (08:00 UTC): inside business hours.
const NOW = Date.UTC(2026, 9, 7, 8, 0)

describe('closing the loop: lifecycle, roles, SLA, rules and audit in the core', () => {
  const tmp = tempDir()
  let core: Core
  let now = NOW
  const users = { agentDe: 0, agentEn: 0, agent2: 0, lead: 0, supervisor: 0 }

  const { as, refused } = sessionCaller(() => core)

  beforeAll(async () => {
    core = await createTestCore(tmp.file('loops.db'), () => now)
    insertCustomers(core.db, [
      { id: 1, firstName: 'Eva', lastName: 'Lang', phones: ['+49301112223'] },
      { id: 2, firstName: 'John', lastName: 'Smith', phones: ['+447700900123'], language: 'en' },
      { id: 3, firstName: 'Ute', lastName: 'Berg' },
    ])
    const add = core.db.prepare(`INSERT INTO users (name, role, languages, team) VALUES (?, ?, ?, ?)`)
    users.agentDe = Number(add.run('Anna Agent', 'agent', 'de', 'Nord').lastInsertRowid)
    users.agentEn = Number(add.run('Ben Bilingual', 'agent', 'de,en', 'Nord').lastInsertRowid)
    users.agent2 = Number(add.run('Cem Colleague', 'agent', 'de', 'Süd').lastInsertRowid)
    users.lead = Number(add.run('Lea Lead', 'team_lead', 'de,en', 'Nord').lastInsertRowid)
    users.supervisor = Number(add.run('Sven Supervisor', 'supervisor', 'de,en', null).lastInsertRowid)
    await as('agent', 'session.signIn', { userId: users.agentDe })
    await as('agent2', 'session.signIn', { userId: users.agent2 })
    await as('lead', 'session.signIn', { userId: users.lead })
    await as('sup', 'session.signIn', { userId: users.supervisor })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('signs in per session and reports the role permissions', async () => {
    const agent = await as<{ user: { name: string; role: string }; permissions: string[] }>(
      'agent',
      'session.current',
      {},
    )
    expect(agent.user).toMatchObject({ name: 'Anna Agent', role: 'agent' })
    expect(agent.permissions).not.toContain('loop.assign_others')
    const lead = await as<{ user: { role: string } }>('lead', 'session.current', {})
    expect(lead.user.role).toBe('team_lead')
    const created = await as<{ user: { name: string; role: string } }>('new', 'session.signIn', {
      name: 'Nina Neu',
      role: 'agent',
      languages: ['de', 'en'],
    })
    expect(created.user).toMatchObject({ name: 'Nina Neu', role: 'agent' })
    expect(await refused('other', 'session.signIn', { name: 'nina neu', role: 'supervisor' })).toBe(
      'CONFLICT',
    )
  })

  it('creates a loop with its SLA due date in business hours and priority from risk x value', async () => {
    const loop = await as<Row>('agent', 'loops.create', {
      customerId: 1,
      type: 'callback',
      origin: 'call',
      title: 'Rückruf wegen Rechnung',
      assignee: 'me',
    })
    expect(loop.state).toBe('assigned')
    expect(loop.assigneeId).toBe(users.agentDe)
    // No insight yet: risk 0 -> expected loss 0 -> priority 5; callback p5 = 50 business hours
    // = 5 days of 10 h: Wednesday 10:00 -> Wednesday a week later 10:00 Berlin.
    expect(loop.priority).toBe(5)
    expect(loop.dueAt).toBe(NOW + 7 * 24 * HOUR)
    expect(loop.slaState).toBe('ok')
  })

  it('walks the lifecycle and refuses illegal steps with a clear error', async () => {
    const loop = await as<Row>('agent', 'loops.create', {
      customerId: 1,
      type: 'service_recovery',
      title: 'Gutschrift prüfen',
      assignee: 'me',
    })
    const r1 = await core.dispatch('loops.transition', { id: loop.id, to: 'resolved' }, { session: 'agent' })
    expect(r1).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    if (!r1.ok) {
      expect(r1.error.message).toMatch(/supervisors only/)
      // A stable code and its values, so the UI can say it in German.
      expect(r1.error).toMatchObject({
        reason: 'loops.transition_needs_supervisor',
        params: { id: loop.id, from: 'assigned', to: 'resolved' },
      })
    }
    const r0 = await core.dispatch('loops.transition', { id: loop.id, to: 'reopened' }, { session: 'agent' })
    expect(r0).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'loops.may_not_reopen' } })
    expect(await refused('agent', 'loops.transition', { id: loop.id, to: 'customer_informed' })).toBe(
      'CONFLICT',
    )
    await as('agent', 'loops.transition', { id: loop.id, to: 'in_progress' })
    // "action taken" needs to say what was done.
    expect(await refused('agent', 'loops.transition', { id: loop.id, to: 'action_taken' })).toBe('VALIDATION')
    await as('agent', 'loops.addAction', { id: loop.id, text: 'Gutschrift über 20 € veranlasst' })
    const informed = await as<Row>('agent', 'loops.transition', {
      id: loop.id,
      to: 'customer_informed',
      channel: 'phone',
      note: 'Kundin über die Gutschrift informiert',
    })
    expect(informed.state).toBe('customer_informed')
    const resolved = await as<Row & { reviewState: string }>('agent', 'loops.transition', {
      id: loop.id,
      to: 'resolved',
    })
    expect(resolved).toMatchObject({ state: 'resolved', reviewState: 'pending', slaState: 'met' })
    const detail = await as<{
      events: Array<{ kind: string; oldValue: string | null; newValue: string | null }>
    }>('agent', 'loops.get', { id: loop.id })
    expect(
      detail.events.filter((e) => e.kind === 'state').map((e) => `${e.oldValue}->${e.newValue}`),
    ).toEqual([
      'assigned->in_progress',
      'in_progress->action_taken',
      'action_taken->customer_informed',
      'customer_informed->resolved',
    ])
  })

  it('lets only a supervisor resolve before the customer was informed, and only with a reason', async () => {
    const loop = await as<Row>('lead', 'loops.create', {
      customerId: 3,
      type: 'callback',
      title: 'Kunde nicht erreichbar',
      assignee: users.agentDe,
    })
    expect(
      await refused('lead', 'loops.transition', {
        id: loop.id,
        to: 'resolved',
        overrideReason: 'Kunde verzogen',
      }),
    ).toBe('CONFLICT')
    expect(await refused('sup', 'loops.transition', { id: loop.id, to: 'resolved' })).toBe('CONFLICT')
    const done = await as<Row>('sup', 'loops.transition', {
      id: loop.id,
      to: 'resolved',
      overrideReason: 'Kunde verzogen, keine Adresse',
    })
    expect(done.state).toBe('resolved')
    const detail = await as<{ overrideReason: string }>('sup', 'loops.get', { id: loop.id })
    expect(detail.overrideReason).toBe('Kunde verzogen, keine Adresse')
  })

  it('refuses what a role may not do', async () => {
    const loop = await as<Row>('lead', 'loops.create', {
      customerId: 1,
      type: 'retention',
      title: 'Bindung sichern',
      assignee: users.agent2,
    })
    // An agent cannot reassign others' loops, work them, cancel, approve, or see the whole queue.
    expect(await refused('agent', 'loops.assign', { ids: [loop.id], assigneeId: users.agentEn })).toBe(
      'FORBIDDEN',
    )
    // Taking a loop for oneself only works on unassigned ones.
    const take = await as<{ updated: number; skipped: Array<{ reason: string }> }>('agent', 'loops.assign', {
      ids: [loop.id],
      assigneeId: users.agentDe,
    })
    expect(take).toEqual({
      updated: 0,
      skipped: [{ id: loop.id, reason: 'assigned to someone else', code: 'assigned_to_other' }],
    })
    expect(await refused('agent', 'loops.transition', { id: loop.id, to: 'in_progress' })).toBe('FORBIDDEN')
    expect(await refused('agent', 'loops.addAction', { id: loop.id, text: 'nachgefasst' })).toBe('FORBIDDEN')
    expect(await refused('agent2', 'loops.transition', { id: loop.id, to: 'cancelled' })).toBe('FORBIDDEN')
    expect(await refused('agent', 'loops.autoAssign', { ids: [loop.id], strategy: 'workload' })).toBe(
      'FORBIDDEN',
    )
    expect(await refused('agent', 'loops.queue', {})).toBe('FORBIDDEN')
    expect(await refused('agent', 'loops.workload', {})).toBe('FORBIDDEN')
    expect(await refused('agent', 'audit.verify', {})).toBe('FORBIDDEN')
    expect(await refused('agent', 'loops.setSlaSettings', { policies: [] })).toBe('FORBIDDEN')
    // Review is for supervisors only: a team lead is refused too.
    const resolvedId = core.db
      .prepare(`SELECT id FROM loops WHERE review_state = 'pending' LIMIT 1`)
      .pluck()
      .get() as number
    expect(await refused('agent', 'loops.review', { id: resolvedId, decision: 'approve' })).toBe('FORBIDDEN')
    expect(await refused('lead', 'loops.review', { id: resolvedId, decision: 'approve' })).toBe('FORBIDDEN')
    // The refusals changed nothing.
    const row = core.db.prepare(`SELECT assignee_id, state FROM loops WHERE id = ?`).get(loop.id)
    expect(row).toEqual({ assignee_id: users.agent2, state: 'assigned' })
  })

  it('bulk-assigns, notifies the assignee, and auto-assigns by language skill', async () => {
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await as<Row>('lead', 'loops.create', {
            customerId: i % 2 ? 2 : 1,
            type: 'callback',
            title: `Rückruf ${i}`,
          })
        ).id,
      )
    }
    const result = await as<{ updated: number; skipped: unknown[] }>('lead', 'loops.assign', {
      ids,
      assigneeId: users.agent2,
    })
    expect(result).toEqual({ updated: 5, skipped: [] })
    const notes = await as<{ unread: number; items: Array<{ kind: string; loopId: number }> }>(
      'agent2',
      'notifications.list',
      {},
    )
    expect(notes.items.filter((n) => n.kind === 'loop_assigned' && ids.includes(n.loopId))).toHaveLength(5)
    const mine = await as<{ total: number; rows: Row[] }>('agent2', 'loops.queue', {
      filter: { assignee: 'me' },
      sort: 'due',
    })
    expect(mine.rows.map((r) => r.id)).toEqual(expect.arrayContaining(ids))
    // English-speaking customer 2's loops may only go to agents who speak English.
    const auto = await as<{ assignments: Array<{ userId: number; count: number }> }>(
      'lead',
      'loops.autoAssign',
      {
        ids,
        strategy: 'language',
      },
    )
    const english = core.db
      .prepare(`SELECT assignee_id FROM loops WHERE id IN (${ids.join(',')}) AND language = 'en'`)
      .pluck()
      .all() as number[]
    expect(english.length).toBe(2)
    for (const a of english)
      expect([
        users.agentEn,
        core.db.prepare(`SELECT id FROM users WHERE name = 'Nina Neu'`).pluck().get(),
      ]).toContain(a)
    expect(auto.assignments.reduce((s, a) => s + a.count, 0)).toBe(5)
    await as('agent2', 'notifications.markRead', {})
    expect((await as<{ unread: number }>('agent2', 'notifications.list', {})).unread).toBe(0)
  })

  it('review: the supervisor approves one and reopens another, which the agent sees again', async () => {
    const make = async (title: string) => {
      const l = await as<Row>('agent', 'loops.create', {
        customerId: 3,
        type: 'callback',
        title,
        assignee: 'me',
      })
      await as('agent', 'loops.markInformed', {
        id: l.id,
        channel: 'email',
        note: 'Kunde informiert',
        action: 'Tarif angepasst',
      })
      return as<Row>('agent', 'loops.transition', { id: l.id, to: 'resolved' })
    }
    const a = await make('Tarif prüfen A')
    const b = await make('Tarif prüfen B')
    expect(
      (await as<Row & { reviewState: string }>('sup', 'loops.review', { id: a.id, decision: 'approve' }))
        .reviewState,
    ).toBe('approved')
    expect(await refused('sup', 'loops.review', { id: b.id, decision: 'reopen' })).toBe('VALIDATION')
    const reopened = await as<Row & { reopenCount: number }>('sup', 'loops.review', {
      id: b.id,
      decision: 'reopen',
      reason: 'Kunde hat die Bestätigung nicht erhalten',
    })
    expect(reopened).toMatchObject({ state: 'reopened', reopenCount: 1 })
    const mine = await as<{ rows: Row[] }>('agent', 'loops.queue', { filter: { assignee: 'me' } })
    expect(mine.rows.find((r) => r.id === b.id)?.state).toBe('reopened')
    const notes = await as<{ items: Array<{ kind: string; loopId: number }> }>(
      'agent',
      'notifications.list',
      {},
    )
    expect(notes.items).toContainEqual(expect.objectContaining({ kind: 'loop_reopened', loopId: b.id }))
    expect(await refused('sup', 'loops.review', { id: a.id, decision: 'approve' })).toBe('CONFLICT')
    const sample = await as<Row[]>('sup', 'loops.reviewSample', { size: 1, seed: 7 })
    const again = await as<Row[]>('sup', 'loops.reviewSample', { size: 1, seed: 7 })
    expect(sample.map((r) => r.id)).toEqual(again.map((r) => r.id))
  })

  it('filters and sorts the queue; SLA state follows the clock', async () => {
    const loop = await as<Row>('lead', 'loops.create', {
      customerId: 1,
      type: 'service_recovery',
      title: 'Dringend',
      priority: 1,
      assignee: users.agentDe,
    })
    // p1 service recovery: 10 business hours -> Thursday 10:00.
    expect(loop.dueAt).toBe(NOW + 24 * HOUR)
    now = NOW + 21 * HOUR
    const soon = await as<{ rows: Row[] }>('lead', 'loops.queue', { filter: { slaState: ['due_soon'] } })
    expect(soon.rows.map((r) => r.id)).toContain(loop.id)
    now = NOW + 25 * HOUR
    const breached = await as<{ total: number; rows: Row[] }>('lead', 'loops.queue', {
      filter: { slaState: ['breached'], priority: [1] },
    })
    expect(breached.rows.map((r) => r.id)).toEqual([loop.id])
    expect(breached.total).toBe(1)
    const notes = await as<{ items: Array<{ kind: string; loopId: number }> }>(
      'agent',
      'notifications.list',
      {},
    )
    expect(notes.items).toContainEqual(expect.objectContaining({ kind: 'sla_breached', loopId: loop.id }))
    const byPriority = await as<{ rows: Row[] }>('lead', 'loops.queue', { sort: 'priority' })
    const priorities = byPriority.rows.map((r) => r.priority)
    expect(priorities).toEqual([...priorities].sort((x, y) => x - y))
    now = NOW
  })

  it('updates priority, due date, root causes and outcome, each change audited old -> new', async () => {
    const loop = await as<Row>('agent', 'loops.create', {
      customerId: 1,
      type: 'service_recovery',
      title: 'Ursache klären',
      priority: 3,
      assignee: 'me',
    })
    const dueAt = NOW + 3 * 24 * HOUR
    const updated = await as<Row>('agent', 'loops.update', {
      id: loop.id,
      priority: 2,
      dueAt,
      rootCauses: ['billing', 'billing', 'price'],
      outcome: 'Gutschrift',
    })
    expect(updated).toMatchObject({ priority: 2, dueAt })
    const detail = await as<{
      rootCauses: string[]
      outcome: string
      events: Array<{ kind: string; oldValue: string | null; newValue: string | null }>
    }>('agent', 'loops.get', { id: loop.id })
    expect(detail.rootCauses).toEqual(['billing', 'price'])
    expect(detail.outcome).toBe('Gutschrift')
    const changes = detail.events
      .filter((e) => ['priority', 'due', 'root_causes', 'outcome'].includes(e.kind))
      .map((e) => [e.kind, e.oldValue, e.newValue])
    expect(changes).toEqual([
      ['priority', '3', '2'],
      ['due', String(loop.dueAt), String(dueAt)],
      ['root_causes', '[]', '["billing","price"]'],
      ['outcome', null, 'Gutschrift'],
    ])
    // Nothing changed, nothing audited; someone else's loop is refused.
    await as('agent', 'loops.update', { id: loop.id, priority: 2 })
    const again = await as<{ events: unknown[] }>('agent', 'loops.get', { id: loop.id })
    expect(again.events).toHaveLength(detail.events.length)
    expect(await refused('agent2', 'loops.update', { id: loop.id, priority: 1 })).toBe('FORBIDDEN')
  })

  it('keeps the queue total only until a loop changes, on this connection or another', async () => {
    const count = async () =>
      (await as<{ total: number }>('lead', 'loops.queue', { filter: { type: ['upsell'] } })).total
    const before = await count()
    await as('lead', 'loops.create', { customerId: 3, type: 'upsell', title: 'Upgrade anbieten' })
    expect(await count()).toBe(before + 1)
    const other = new Database(tmp.file('loops.db'))
    other.prepare(`UPDATE loops SET state = 'cancelled' WHERE type = 'upsell' AND state = 'open'`).run()
    other.close()
    expect(await count()).toBe(0)
  })

  it('uses the partial queue index for the open-loop queue', () => {
    const sql = core.context.loops.queries.queueSql({ states: 'open' }, 'priority', NOW, 1)
    const plan = core.db.prepare(`EXPLAIN QUERY PLAN ${sql.page}`).all(...sql.params, 100, 0) as Array<{
      detail: string
    }>
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING COVERING INDEX loops_queue\b/)
    const mine = core.context.loops.queries.queueSql({ states: 'open', assignee: 'me' }, 'due', NOW, 1)
    const plan2 = core.db.prepare(`EXPLAIN QUERY PLAN ${mine.page}`).all(...mine.params, 100, 0) as Array<{
      detail: string
    }>
    expect(plan2.map((p) => p.detail).join(' | ')).toMatch(
      /USING COVERING INDEX loops_queue_assignee \(assignee_id=\?\)/,
    )
  })

  it('sorts by SLA state, segment and topic from covering indexes in order (migration 16: id included)', async () => {
    const pagePlan = (sort: 'sla' | 'segment' | 'topic' | 'assignee', filter = {}) => {
      const sql = core.context.loops.queries.queueSql({ states: 'open', ...filter }, sort, NOW, 1)
      const plan = core.db.prepare(`EXPLAIN QUERY PLAN ${sql.page}`).all(...sql.params, 100, 0) as Array<{
        detail: string
        id: number
        parent: number
      }>
      // The inner page query (ids only) is what scans; the outer one sorts 100 rows.
      const page = plan.find((p) => p.detail.startsWith('CO-ROUTINE page'))
      return plan
        .filter((p) => page && p.parent === page.id)
        .map((p) => p.detail)
        .join(' | ')
    }
    expect(pagePlan('sla')).toMatch(/^SCAN l USING COVERING INDEX loops_queue_sla$/)
    expect(pagePlan('topic', { type: ['callback'] })).toMatch(
      /^SCAN l USING COVERING INDEX loops_queue_topic$/,
    )
    expect(pagePlan('segment')).toMatch(/^SCAN l USING COVERING INDEX loops_queue_segment$/)
    // Names live in users: as one statement the assignee order sorts all open loops; the queue walks
    // the assignees instead (loopQueuePlans.test.ts).
    expect(pagePlan('assignee')).toMatch(/USE TEMP B-TREE FOR ORDER BY/)
    // And the orders are what they say: worst SLA first, assignee names A..Z with unassigned last.
    await as('lead', 'loops.create', { customerId: 3, type: 'callback', title: 'Noch ohne Zuständige' })
    const rows = async (sort: string) =>
      (
        await as<{ rows: Array<Row & { assigneeName: string | null; informedAt: number | null }> }>(
          'lead',
          'loops.queue',
          { sort, limit: 500 },
        )
      ).rows
    const bySla = await rows('sla')
    const uninformed = bySla
      .filter((r) => r.informedAt === null && r.dueAt !== null)
      .map((r) => r.dueAt as number)
    expect(uninformed).toEqual([...uninformed].sort((x, y) => x - y))
    expect(bySla.findIndex((r) => r.informedAt !== null)).not.toBe(0)
    const names = (await rows('assignee')).map((r) => r.assigneeName)
    const named = names.filter((n): n is string => n !== null)
    expect(named).toEqual([...named].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)))
    expect(names.indexOf(null)).toBe(named.length)
    expect(names.slice(named.length).every((n) => n === null)).toBe(true)
  })

  it('opens loops by rule once per cause: detractor answer, at-risk promoter', async () => {
    const countRuleLoops = () =>
      core.db
        .prepare(
          `SELECT count(*) FROM loops WHERE cause LIKE 'detractor:%' OR cause LIKE 'at_risk_promoter:%'`,
        )
        .pluck()
        .get() as number
    const before = countRuleLoops()
    await as('agent', 'feedback.record', {
      customerId: 2,
      nps: 3,
      comment: 'Zu teuer und schlechter Service',
    })
    const detractorLoops = core.db
      .prepare(`SELECT cause, type FROM loops WHERE origin = 'rule' AND customer_id = 2`)
      .all() as Array<{ cause: string; type: string }>
    expect(detractorLoops.filter((l) => l.cause.startsWith('detractor:f'))).toHaveLength(1)
    const feedbackId = Number(detractorLoops[0]?.cause.slice('detractor:f'.length))
    // Running the rules again for the same answer adds nothing.
    expect(applyLoopRules(core.db, { feedbackIds: [feedbackId], now })).toEqual({ created: 0 })
    // NPS 9 with intent 2/10 -> at-risk promoter -> one retention loop, not two on a second answer.
    await as('agent', 'feedback.record', { customerId: 3, nps: 9, intentRaw: 2, intentScale: '0-10' })
    await as('agent', 'feedback.record', { customerId: 3, nps: 9, intentRaw: 1, intentScale: '0-10' })
    const promoter = core.db
      .prepare(`SELECT count(*) FROM loops WHERE cause = 'at_risk_promoter:c3'`)
      .pluck()
      .get()
    expect(promoter).toBe(1)
    expect(countRuleLoops() - before).toBe(2)
  })

  it('keeps an append-only, hash-chained audit trail and detects an edited or removed row', async () => {
    expect(verifyAuditChain(core.db)).toMatchObject({ ok: true, brokenAt: null })
    const v = await as<{ ok: boolean; checked: number }>('sup', 'audit.verify', {})
    expect(v.ok).toBe(true)
    expect(v.checked).toBeGreaterThan(20)
    // The application cannot change or delete audit rows or loops.
    expect(() => core.db.prepare(`UPDATE loop_events SET kind = 'x' WHERE id = 3`).run()).toThrow(
      /append-only/,
    )
    expect(() => core.db.prepare(`DELETE FROM loop_events WHERE id = 3`).run()).toThrow(/append-only/)
    expect(() => core.db.prepare(`DELETE FROM loops WHERE id = 1`).run()).toThrow(/never deleted/)
    // Someone with another tool drops the triggers and edits a row: the chain shows where.
    const raw = new Database(tmp.file('loops.db'))
    raw.exec(`DROP TRIGGER loop_events_append_only_update`)
    raw.prepare(`UPDATE loop_events SET new_value = 'resolved' WHERE id = 5`).run()
    raw.close()
    expect(verifyAuditChain(core.db)).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: expect.stringMatching(/edited/),
    })
    expect(T0).toBeLessThan(NOW)
  })
})
