import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { auditHash, verifyAuditChain } from '../../electron/core/loops/auditChain'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

// Wednesday 2026-10-07 10:00 Berlin: inside business hours.
const NOW = Date.UTC(2026, 9, 7, 8, 0)

interface EventRow {
  id: number
  loop_id: number
  user_id: number | null
  kind: string
  old_value: string | null
  new_value: string | null
}

describe('bulk assignment: set-based writes, same audit trail as one loop at a time', () => {
  const tmp = tempDir()
  let core: Core
  const { as } = sessionCaller(() => core)
  const users = { lead: 0, anna: 0, ben: 0 }
  const loops = { open: 0, assigned: 0, working: 0, cancelled: 0 }

  const head = () =>
    core.db.prepare(`SELECT id, hash FROM loop_events ORDER BY id DESC LIMIT 1`).get() as {
      id: number
      hash: string
    }
  const eventsAfter = (id: number) =>
    core.db
      .prepare(
        `SELECT id, loop_id, user_id, kind, old_value, new_value FROM loop_events WHERE id > ? ORDER BY id`,
      )
      .all(id) as EventRow[]
  const loopRow = (id: number) =>
    core.db.prepare(`SELECT state, assignee_id, assigned_at, updated_at FROM loops WHERE id = ?`).get(id)

  beforeAll(async () => {
    core = await createTestCore(tmp.file('bulk.db'), () => NOW)
    insertCustomers(core.db, [{ id: 1, firstName: 'Eva', lastName: 'Lang' }])
    const add = core.db.prepare(`INSERT INTO users (name, role, languages) VALUES (?, ?, 'de')`)
    users.lead = Number(add.run('Lea Lead', 'team_lead').lastInsertRowid)
    users.anna = Number(add.run('Anna Agent', 'agent').lastInsertRowid)
    users.ben = Number(add.run('Ben Agent', 'agent').lastInsertRowid)
    await as('lead', 'session.signIn', { userId: users.lead })
    await as('anna', 'session.signIn', { userId: users.anna })
    const create = async (assignee?: number) =>
      (
        await as<{ id: number }>('lead', 'loops.create', {
          customerId: 1,
          type: 'callback',
          title: 'Rückruf',
          ...(assignee ? { assignee } : {}),
        })
      ).id
    loops.open = await create()
    loops.assigned = await create(users.anna)
    loops.working = await create(users.anna)
    await as('anna', 'loops.transition', { id: loops.working, to: 'in_progress' })
    loops.cancelled = await create()
    await as('lead', 'loops.transition', { id: loops.cancelled, to: 'cancelled', note: 'Doppelt' })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('assigns several loops in one request: assignee and state events per loop, in id order, chained', async () => {
    const before = head()
    const result = await as<{ updated: number; skipped: Array<{ id: number; code: string }> }>(
      'lead',
      'loops.assign',
      { ids: [loops.open, loops.assigned, loops.working, loops.cancelled, 9999], assigneeId: users.ben },
    )
    expect(result.updated).toBe(3)
    expect(result.skipped).toEqual([
      { id: loops.cancelled, reason: 'is cancelled', code: 'finished' },
      { id: 9999, reason: 'not found', code: 'not_found' },
    ])
    const lead = users.lead
    const ben = String(users.ben)
    const anna = String(users.anna)
    // The open loop moves to 'assigned'; the assigned and the in-progress one only change hands.
    expect(eventsAfter(before.id)).toEqual([
      {
        id: before.id + 1,
        loop_id: loops.open,
        user_id: lead,
        kind: 'assignee',
        old_value: null,
        new_value: ben,
      },
      {
        id: before.id + 2,
        loop_id: loops.open,
        user_id: lead,
        kind: 'state',
        old_value: 'open',
        new_value: 'assigned',
      },
      {
        id: before.id + 3,
        loop_id: loops.assigned,
        user_id: lead,
        kind: 'assignee',
        old_value: anna,
        new_value: ben,
      },
      {
        id: before.id + 4,
        loop_id: loops.working,
        user_id: lead,
        kind: 'assignee',
        old_value: anna,
        new_value: ben,
      },
    ])
    expect(loopRow(loops.open)).toEqual({
      state: 'assigned',
      assignee_id: users.ben,
      assigned_at: NOW,
      updated_at: NOW,
    })
    expect(loopRow(loops.working)).toMatchObject({ state: 'in_progress', assignee_id: users.ben })
    expect(loopRow(loops.cancelled)).toMatchObject({ state: 'cancelled', assignee_id: null })
    // The first new row links to the old head, and the whole chain verifies.
    const first = core.db
      .prepare(`SELECT prev_hash FROM loop_events WHERE id = ?`)
      .pluck()
      .get(before.id + 1)
    expect(first).toBe(before.hash)
    const total = core.db.prepare(`SELECT count(*) FROM loop_events`).pluck().get() as number
    expect(verifyAuditChain(core.db)).toEqual({ ok: true, checked: total, brokenAt: null, reason: null })
    // One notification per loop for the new assignee.
    const notes = core.db
      .prepare(
        `SELECT loop_id FROM notifications WHERE user_id = ? AND kind = 'loop_assigned' ORDER BY loop_id`,
      )
      .pluck()
      .all(users.ben)
    expect(notes).toEqual([loops.open, loops.assigned, loops.working])
  })

  it('unassigns: assigned loops go back to open, an in-progress one keeps its state, nobody is notified', async () => {
    const before = head()
    const notesBefore = core.db.prepare(`SELECT count(*) FROM notifications`).pluck().get()
    const result = await as<{ updated: number }>('lead', 'loops.assign', {
      ids: [loops.open, loops.working],
      assigneeId: null,
    })
    expect(result.updated).toBe(2)
    const ben = String(users.ben)
    expect(eventsAfter(before.id).map((e) => [e.loop_id, e.kind, e.old_value, e.new_value])).toEqual([
      [loops.open, 'assignee', ben, null],
      [loops.open, 'state', 'assigned', 'open'],
      [loops.working, 'assignee', ben, null],
    ])
    expect(loopRow(loops.open)).toMatchObject({ state: 'open', assignee_id: null, assigned_at: null })
    expect(loopRow(loops.working)).toMatchObject({ state: 'in_progress', assignee_id: null })
    expect(core.db.prepare(`SELECT count(*) FROM notifications`).pluck().get()).toBe(notesBefore)
    expect(verifyAuditChain(core.db).ok).toBe(true)
  })

  it('auto-assigns set-based too: one event pair per moved loop, the chain intact', async () => {
    const before = head()
    const auto = await as<{ updated: number; assignments: Array<{ userId: number; count: number }> }>(
      'lead',
      'loops.autoAssign',
      { ids: [loops.open, loops.working], strategy: 'round_robin' },
    )
    expect(auto.updated).toBe(2)
    const events = eventsAfter(before.id)
    // open -> assigned (2 events) and the in-progress loop's new assignee (1 event).
    expect(events.map((e) => [e.loop_id, e.kind])).toEqual([
      [loops.open, 'assignee'],
      [loops.open, 'state'],
      [loops.working, 'assignee'],
    ])
    expect(events.map((e) => e.id)).toEqual([before.id + 1, before.id + 2, before.id + 3])
    expect(verifyAuditChain(core.db).ok).toBe(true)
  })

  it('refuses a multi-row insert that forks the chain as a whole: the guard checks every row', () => {
    const before = head()
    const row = (id: number) => ({
      id,
      loop_id: loops.open,
      at: NOW,
      user_id: null,
      kind: 'state',
      old_value: 'open',
      new_value: 'resolved',
      detail: null,
    })
    const firstHash = auditHash(before.hash, row(before.id + 1))
    // Row 2 claims the old head as its predecessor too (a fork), with a well-formed hash.
    const secondHash = auditHash(before.hash, row(before.id + 2))
    const insert = (rows: Array<[number, string, string]>) =>
      core.db
        .prepare(
          `INSERT INTO loop_events (id, loop_id, at, user_id, kind, old_value, new_value, detail, prev_hash, hash)
           SELECT value ->> 0, ?, ?, NULL, 'state', 'open', 'resolved', NULL, value ->> 1, value ->> 2
             FROM json_each(?) ORDER BY key`,
        )
        .run(loops.open, NOW, JSON.stringify(rows))
    expect(() =>
      insert([
        [before.id + 1, before.hash, firstHash],
        [before.id + 2, before.hash, secondHash],
      ]),
    ).toThrow(/extend the chain/)
    // Nothing of the statement stayed, not even its valid first row.
    expect(head()).toEqual(before)
    expect(verifyAuditChain(core.db).ok).toBe(true)
  })
})
