import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { applyLoopRules } from '../../electron/core/loops/rules'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

type Row = { id: number; state: string; assigneeId: number | null; dueAt: number | null; priority: number }

const HOUR = 3_600_000
// Wednesday 2026-10-07 10:00 Berlin (08:00 UTC), inside business hours (Mon-Fri 08-18).
const NOW = Date.UTC(2026, 9, 7, 8, 0)

describe('loop rules, SLA settings, auto-assignment, refusals and SLA notifications', () => {
  const tmp = tempDir()
  let core: Core
  let now = NOW
  const users = { a: 0, b: 0, c: 0, lead: 0, lead2: 0, sup: 0 }
  const { as, refused } = sessionCaller(() => core)

  // The rules weigh the customer's yearly value (customers.value_cents) by the insight's risk.
  const setInsight = (customerId: number, risk: number, valueCents: number, segment: string | null) => {
    core.db.prepare(`UPDATE customers SET value_cents = ? WHERE id = ?`).run(valueCents, customerId)
    core.db
      .prepare(
        `INSERT INTO customer_insights (customer_id, segment, risk_score, flags_json, value_cents, computed_at)
         VALUES (?, ?, ?, '[]', ?, ?)
         ON CONFLICT (customer_id) DO UPDATE SET segment = excluded.segment, risk_score = excluded.risk_score,
           value_cents = excluded.value_cents`,
      )
      .run(customerId, segment, risk, valueCents, NOW)
  }
  let responseNo = 0
  const answer = (customerId: number, nps: number, polarity: string, topics: string) =>
    Number(
      core.db
        .prepare(
          `INSERT INTO feedback (customer_id, nps, comment, source, source_response_id, answered_at, created_at, polarity, topics)
           VALUES (?, ?, 'Kommentar', 'test', ?, ?, ?, ?, ?)`,
        )
        .run(customerId, nps, `r${++responseNo}`, NOW - HOUR, NOW - HOUR, polarity, topics).lastInsertRowid,
    )
  const loopsOf = (cause: string) =>
    core.db
      .prepare(`SELECT id, type, priority, due_at AS dueAt, sla_hours AS slaHours FROM loops WHERE cause = ?`)
      .all(cause) as Array<{ id: number; type: string; priority: number; dueAt: number; slaHours: number }>

  beforeAll(async () => {
    core = await createTestCore(tmp.file('rules.db'), () => now)
    insertCustomers(
      core.db,
      Array.from({ length: 12 }, (_, i) => ({ id: i + 1, firstName: 'Kunde', lastName: `Nr${i + 1}` })),
    )
    const add = core.db.prepare(`INSERT INTO users (name, role, languages, team) VALUES (?, ?, 'de', 'Nord')`)
    users.a = Number(add.run('Agent A', 'agent').lastInsertRowid)
    users.b = Number(add.run('Agent B', 'agent').lastInsertRowid)
    users.c = Number(add.run('Agent C', 'agent').lastInsertRowid)
    users.lead = Number(add.run('Lead Eins', 'team_lead').lastInsertRowid)
    users.lead2 = Number(add.run('Lead Zwei', 'team_lead').lastInsertRowid)
    users.sup = Number(add.run('Super Visor', 'supervisor').lastInsertRowid)
    for (const [session, id] of Object.entries(users)) await as(session, 'session.signIn', { userId: id })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('opens one loop for a negative comment about a watched topic, priority from risk x value', () => {
    // Risk 50 x 1,000 EUR a year = 500 EUR expected loss -> band >= 300 EUR -> priority 2.
    setInsight(1, 50, 100_000, 'passive')
    const id = answer(1, 8, 'negative', 'billing,service')
    expect(applyLoopRules(core.db, { feedbackIds: [id], now })).toEqual({ created: 1 })
    expect(applyLoopRules(core.db, { feedbackIds: [id], now })).toEqual({ created: 0 })
    const [loop, ...more] = loopsOf(`topic:billing:f${id}`)
    expect(more).toHaveLength(0)
    // Service recovery p2 = 20 business hours: Wed 10:00 -> Fri 10:00.
    expect(loop).toMatchObject({
      type: 'service_recovery',
      priority: 2,
      dueAt: NOW + 48 * HOUR,
      slaHours: 20,
    })
    // A negative comment about a topic nobody watches, or a positive one about billing, opens nothing.
    expect(applyLoopRules(core.db, { feedbackIds: [answer(1, 8, 'negative', 'delivery')], now })).toEqual({
      created: 0,
    })
    expect(applyLoopRules(core.db, { feedbackIds: [answer(1, 8, 'positive', 'billing')], now })).toEqual({
      created: 0,
    })
  })

  it('opens one retention loop for a risk score over the threshold, not for one below it', () => {
    // Risk 80 x 200 EUR = 160 EUR -> band >= 100 EUR -> priority 3; retention p3 = 24 h.
    setInsight(2, 80, 20_000, 'detractor')
    setInsight(3, 69, 500_000, 'passive')
    expect(applyLoopRules(core.db, { customerIds: [2, 3], now })).toEqual({ created: 1 })
    expect(applyLoopRules(core.db, { customerIds: [2, 3], now })).toEqual({ created: 0 })
    expect(loopsOf('risk:c2')).toEqual([
      // 24 h = Wed 10-18 (8) + Thu (10) + Fri 08-14 (6) -> Fri 14:00 Berlin = NOW + 52 h.
      expect.objectContaining({ type: 'retention', priority: 3, dueAt: NOW + 52 * HOUR, slaHours: 24 }),
    ])
    expect(loopsOf('risk:c3')).toEqual([])
    // Risk 95 x 2,000 EUR = 1,900 EUR -> priority 1: 8 h -> Wed 18:00.
    setInsight(4, 95, 200_000, 'detractor')
    expect(applyLoopRules(core.db, { customerIds: [4], now })).toEqual({ created: 1 })
    expect(loopsOf('risk:c4')).toEqual([expect.objectContaining({ priority: 1, dueAt: NOW + 8 * HOUR })])
  })

  it('gives a low-value detractor a callback within 48 h although its priority is 5', () => {
    // Risk 10 x 100 EUR = 10 EUR -> priority 5, whose policy allows 50 h; the detractor cap is 20 h.
    setInsight(5, 10, 10_000, 'detractor')
    const id = answer(5, 5, 'negative', 'service')
    expect(applyLoopRules(core.db, { feedbackIds: [id], now })).toEqual({ created: 1 })
    expect(loopsOf(`detractor:f${id}`)).toEqual([
      expect.objectContaining({ priority: 5, dueAt: NOW + 48 * HOUR, slaHours: 20 }),
    ])
  })

  it('applies an SLA settings change to rule-made loops at once (one source of truth)', async () => {
    // The core's own rule engine reads the settings once here (the old code cached them) ...
    await as('sup', 'feedback.record', { customerId: 6, nps: 4, comment: 'Schlecht' })
    const first = core.db
      .prepare(`SELECT sla_hours FROM loops WHERE customer_id = 6 AND cause LIKE 'detractor:%'`)
      .pluck()
      .get() as number
    expect(first === 10 || first === 20).toBe(true)
    // ... then a supervisor tightens the detractor cap to 5 h and retention to 3 h for every priority.
    const settings = await as<{ policies: Array<{ type: string; priority: number; businessHours: number }> }>(
      'sup',
      'loops.slaSettings',
      {},
    )
    const policies = settings.policies.map((p) => (p.type === 'retention' ? { ...p, businessHours: 3 } : p))
    await as('sup', 'loops.setSlaSettings', { policies, caps: [{ cause: 'detractor', businessHours: 5 }] })
    await as('sup', 'feedback.record', { customerId: 7, nps: 3, comment: 'Sehr schlecht' })
    expect(
      core.db
        .prepare(
          `SELECT due_at AS dueAt, sla_hours AS h FROM loops WHERE customer_id = 7 AND cause LIKE 'detractor:%'`,
        )
        .get(),
    ).toEqual({ dueAt: NOW + 5 * HOUR, h: 5 })
    // The same through another rule engine on the same file (as the import worker has).
    setInsight(8, 90, 100_000, 'detractor')
    expect(applyLoopRules(core.db, { customerIds: [8], now })).toEqual({ created: 1 })
    expect(loopsOf('risk:c8')).toEqual([expect.objectContaining({ dueAt: NOW + 3 * HOUR, slaHours: 3 })])
    // And a loop opened by hand about a detractor's answer gets the cap too.
    const detractorAnswer = answer(9, 2, 'negative', 'price')
    const manual = await as<Row>('lead', 'loops.create', {
      customerId: 9,
      type: 'callback',
      title: 'Rückruf',
      priority: 5,
      feedbackId: detractorAnswer,
    })
    expect(manual.dueAt).toBe(NOW + 5 * HOUR)
    // Back to the defaults for the tests below.
    await as('sup', 'loops.setSlaSettings', {
      policies: settings.policies,
      caps: [{ cause: 'detractor', businessHours: 20 }],
    })
    // Agents read the settings but may not change them; the refusal comes from the loop service
    // with a reason code the UI translates, and changes nothing.
    const before = await as('a', 'loops.slaSettings', {})
    const refusal = await core.dispatch('loops.setSlaSettings', { caps: [] }, { session: 'a' })
    expect(refusal).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'loops.may_not_configure_sla' },
    })
    expect(await as('sup', 'loops.slaSettings', {})).toEqual(before)
    // Team leads configure their queue's SLAs: a clock-hour policy applies to the next loop at once.
    const clockPolicies = settings.policies.map((p) =>
      p.type === 'callback' && p.priority === 5 ? { ...p, businessHours: 3, businessHoursOnly: false } : p,
    )
    const saved = await as<{ policies: typeof clockPolicies }>('lead', 'loops.setSlaSettings', {
      policies: clockPolicies,
    })
    expect(saved.policies.find((p) => p.type === 'callback' && p.priority === 5)).toEqual({
      type: 'callback',
      priority: 5,
      businessHours: 3,
      businessHoursOnly: false,
    })
    const clockLoop = await as<Row>('lead', 'loops.create', {
      customerId: 11,
      type: 'callback',
      title: 'Rückruf rund um die Uhr',
      priority: 5,
    })
    expect(clockLoop.dueAt).toBe(NOW + 3 * HOUR)
    expect(await refused('lead', 'loops.setSlaSettings', {})).toBe('VALIDATION')
    await as('lead', 'loops.setSlaSettings', { policies: settings.policies })
  })

  const newLoops = async (n: number, customerId = 10) => {
    const ids: number[] = []
    for (let i = 0; i < n; i++)
      ids.push(
        (await as<Row>('lead', 'loops.create', { customerId, type: 'callback', title: `Fall ${i}` })).id,
      )
    return ids
  }
  const assigneesOf = (ids: number[]) =>
    ids.map((id) => core.db.prepare(`SELECT assignee_id FROM loops WHERE id = ?`).pluck().get(id))

  it('auto-assigns round robin, going on where the last round stopped', async () => {
    const ids = await newLoops(4)
    const r = await as<{ updated: number; assignments: Array<{ userId: number; count: number }> }>(
      'lead',
      'loops.autoAssign',
      { ids, strategy: 'round_robin' },
    )
    // Agents in id order A, B, C; the first round starts with A and wraps around.
    expect(assigneesOf(ids)).toEqual([users.a, users.b, users.c, users.a])
    expect(r.updated).toBe(4)
    const next = await newLoops(2)
    await as('lead', 'loops.autoAssign', { ids: next, strategy: 'round_robin' })
    expect(assigneesOf(next)).toEqual([users.b, users.c])
  })

  it('auto-assigns by workload to the agent with the fewest open loops (ties: first agent)', async () => {
    // Open loops now: A 2, B 2, C 2. Give A two more and C one more -> A 4, B 2, C 3.
    const extra = await newLoops(3)
    await as('lead', 'loops.assign', { ids: extra.slice(0, 2), assigneeId: users.a })
    await as('lead', 'loops.assign', { ids: extra.slice(2), assigneeId: users.c })
    const workload = await as<Array<{ userId: number; open: number }>>('lead', 'loops.workload', {})
    expect(workload.map((w) => [w.userId, w.open])).toEqual([
      [users.a, 4],
      [users.b, 2],
      [users.c, 3],
    ])
    const ids = await newLoops(4)
    await as('lead', 'loops.autoAssign', { ids, strategy: 'workload' })
    // B 2 -> B (3); B 3 = C 3 -> B comes first (4); C 3 -> C (4); A 4 = B 4 = C 4 -> A.
    expect(assigneesOf(ids)).toEqual([users.b, users.b, users.c, users.a])
  })

  it('refuses what an agent may not do, and the refusal changes nothing', async () => {
    expect(
      await refused('a', 'loops.create', {
        customerId: 11,
        type: 'callback',
        title: 'Für B',
        assignee: users.b,
      }),
    ).toBe('FORBIDDEN')
    expect(core.db.prepare(`SELECT count(*) FROM loops WHERE title = 'Für B'`).pluck().get()).toBe(0)
    // A's own loop, worked to resolved: reopening is for team leads and supervisors.
    const own = await as<Row>('a', 'loops.create', {
      customerId: 11,
      type: 'callback',
      title: 'Eigen',
      assignee: 'me',
    })
    await as('a', 'loops.markInformed', {
      id: own.id,
      channel: 'phone',
      note: 'Angerufen',
      action: 'Geklärt',
    })
    await as('a', 'loops.transition', { id: own.id, to: 'resolved' })
    expect(await refused('a', 'loops.transition', { id: own.id, to: 'reopened' })).toBe('FORBIDDEN')
    // B's loop: A may neither unassign it nor mark its customer informed.
    const colleague = await as<Row>('lead', 'loops.create', {
      customerId: 11,
      type: 'callback',
      title: 'Von B',
      assignee: users.b,
    })
    expect(await refused('a', 'loops.transition', { id: colleague.id, to: 'open' })).toBe('FORBIDDEN')
    expect(await refused('a', 'loops.assign', { ids: [colleague.id], assigneeId: null })).toBe('FORBIDDEN')
    expect(
      await refused('a', 'loops.markInformed', {
        id: colleague.id,
        channel: 'email',
        note: 'Erledigt',
        action: 'x1',
      }),
    ).toBe('FORBIDDEN')
    // The quality sample is for supervisors only.
    expect(await refused('a', 'loops.reviewSample', { size: 3 })).toBe('FORBIDDEN')
    expect(await refused('lead', 'loops.reviewSample', { size: 3 })).toBe('FORBIDDEN')
    expect(
      core.db.prepare(`SELECT state, assignee_id, informed_at FROM loops WHERE id = ?`).get(colleague.id),
    ).toEqual({
      state: 'assigned',
      assignee_id: users.b,
      informed_at: null,
    })
    expect(core.db.prepare(`SELECT state FROM loops WHERE id = ?`).pluck().get(own.id)).toBe('resolved')
  })

  it('warns the assignee when a loop is about to breach, and the team leads when nobody has it', async () => {
    // Two p1 service-recovery loops (10 h: due Thu 10:00), one assigned to C, one unassigned.
    const mine = await as<Row>('lead', 'loops.create', {
      customerId: 12,
      type: 'service_recovery',
      title: 'Bald fällig (C)',
      priority: 1,
      assignee: users.c,
    })
    const pool = await as<Row>('lead', 'loops.create', {
      customerId: 12,
      type: 'service_recovery',
      title: 'Bald fällig (offen)',
      priority: 1,
    })
    expect(mine.dueAt).toBe(NOW + 24 * HOUR)
    type Notes = { items: Array<{ kind: string; loopId: number }> }
    const kindsFor = async (session: string, loopId: number) =>
      (await as<Notes>(session, 'notifications.list', { limit: 200 })).items
        .filter((n) => n.loopId === loopId)
        .map((n) => n.kind)
    // 5 h before: nothing yet. 3 h before (window is 4 h): due soon.
    now = NOW + 19 * HOUR
    expect(await kindsFor('c', mine.id)).not.toContain('sla_due_soon')
    expect(await kindsFor('lead', pool.id)).toEqual([])
    now = NOW + 21 * HOUR
    expect(await kindsFor('c', mine.id)).toContain('sla_due_soon')
    expect(await kindsFor('lead', pool.id)).toEqual(['sla_due_soon'])
    expect(await kindsFor('lead2', pool.id)).toEqual(['sla_due_soon'])
    // Agents are not told about the unassigned pool, nor leads about C's loop.
    expect(await kindsFor('a', pool.id)).toEqual([])
    expect(await kindsFor('lead', mine.id)).toEqual([])
    // Once, not on every poll; then breached.
    expect(await kindsFor('lead', pool.id)).toEqual(['sla_due_soon'])
    now = NOW + 25 * HOUR
    expect((await kindsFor('lead', pool.id)).sort()).toEqual(['sla_breached', 'sla_due_soon'])
    expect(await kindsFor('c', mine.id)).toContain('sla_breached')
    now = NOW
  })
})
