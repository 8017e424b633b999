import { spawnSync } from 'node:child_process'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { openDatabase } from '../../electron/core/db/connection'
import { seedDemoData } from '../../electron/core/demo/generator'
import { auditHash, verifyAuditChain } from '../../electron/core/loops/auditChain'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const NOW = Date.UTC(2026, 9, 7, 8, 0)
const TSX = path.resolve('node_modules/.bin/tsx')

/** `npm run audit:verify -- --db FILE` as a child process, the way an operator runs it. */
function auditCli(file: string) {
  const r = spawnSync(TSX, ['electron/core/loops/audit-cli.ts', '--db', file], { encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

interface Head {
  id: number
  hash: string
}

describe('audit trail: forged, edited and removed rows are refused or found', () => {
  const tmp = tempDir()
  const file = tmp.file('audit.db')
  let core: Core
  const { as } = sessionCaller(() => core)
  const head = (db: Database.Database | Core['db']): Head =>
    db.prepare(`SELECT id, hash FROM loop_events ORDER BY id DESC LIMIT 1`).get() as Head
  const forge = (
    db: Database.Database | Core['db'],
    id: number,
    prevHash: string | null,
    hash: string | null,
  ) =>
    db
      .prepare(
        `INSERT INTO loop_events (id, loop_id, at, user_id, kind, old_value, new_value, detail, prev_hash, hash)
         VALUES (?, 1, ?, NULL, 'state', 'open', 'resolved', NULL, ?, ?)`,
      )
      .run(id, NOW, prevHash, hash)

  beforeAll(async () => {
    core = await createTestCore(file, () => NOW)
    insertCustomers(core.db, [{ id: 1, firstName: 'Eva', lastName: 'Lang' }])
    const lead = Number(
      core.db.prepare(`INSERT INTO users (name, role) VALUES ('Lea Lead', 'team_lead')`).run()
        .lastInsertRowid,
    )
    const agent = Number(
      core.db.prepare(`INSERT INTO users (name, role) VALUES ('Anna Agent', 'agent')`).run().lastInsertRowid,
    )
    await as('lead', 'session.signIn', { userId: lead })
    for (let i = 0; i < 3; i++) {
      const loop = await as<{ id: number }>('lead', 'loops.create', {
        customerId: 1,
        type: 'callback',
        title: `Rückruf ${i}`,
        assignee: agent,
      })
      await as('lead', 'loops.update', { id: loop.id, priority: 1 })
    }
  })
  afterAll(async () => {
    if (core) await core.close()
    tmp.cleanup()
  })

  it('refuses a plain INSERT without a hash, with an empty one, or not linked to the head', () => {
    const last = head(core.db)
    expect(last.id).toBe(9) // 3 loops x (created, assignee, priority)
    expect(() => forge(core.db, last.id + 1, last.hash, null)).toThrow(/extend the chain/)
    expect(() => forge(core.db, last.id + 1, last.hash, '')).toThrow(/extend the chain/)
    expect(() => forge(core.db, last.id + 1, null, 'a'.repeat(64))).toThrow(/extend the chain/)
    expect(() => forge(core.db, last.id + 1, 'f'.repeat(64), 'a'.repeat(64))).toThrow(/extend the chain/)
    // An id before the head (to slip a row into the middle) is refused too.
    expect(() => forge(core.db, last.id, last.hash, 'a'.repeat(64))).toThrow()
    // Nothing forged got in, and the chain still verifies.
    expect(head(core.db)).toEqual(last)
    expect(verifyAuditChain(core.db)).toEqual({ ok: true, checked: 9, brokenAt: null, reason: null })
  })

  it('still accepts a correct link: only the hash check of verify catches a made-up hash', () => {
    const last = head(core.db)
    const row = {
      id: last.id + 1,
      loop_id: 1,
      at: NOW,
      user_id: null,
      kind: 'state',
      old_value: 'open',
      new_value: 'resolved',
      detail: null,
    }
    // A row with the right link but a hash that is not SHA-256 of its content is stored ...
    forge(core.db, row.id, last.hash, 'b'.repeat(64))
    expect(verifyAuditChain(core.db)).toMatchObject({
      ok: false,
      brokenAt: row.id,
      reason: expect.stringMatching(/edited/),
    })
    expect(auditHash(last.hash, row)).not.toBe('b'.repeat(64))
  })

  it('never seals a row written around the triggers: the app refuses to go on, verify names it', async () => {
    // Reset to a clean chain in a second file, then forge there with the trigger dropped.
    const second = tmp.file('audit2.db')
    const other = await createTestCore(second, () => NOW)
    try {
      insertCustomers(other.db, [{ id: 1, firstName: 'Eva', lastName: 'Lang' }])
      const lead = Number(
        other.db.prepare(`INSERT INTO users (name, role) VALUES ('Lea Lead', 'team_lead')`).run()
          .lastInsertRowid,
      )
      await other.dispatch('session.signIn', { userId: lead }, { session: 's' })
      const made = await other.dispatch(
        'loops.create',
        { customerId: 1, type: 'callback', title: 'Rückruf' },
        { session: 's' },
      )
      expect(made.ok).toBe(true)
      const raw = new Database(second)
      raw.exec(`DROP TRIGGER loop_events_chained_insert`)
      raw
        .prepare(
          `INSERT INTO loop_events (loop_id, at, user_id, kind, old_value, new_value) VALUES (1, ?, NULL, 'state', 'open', 'resolved')`,
        )
        .run(NOW)
      raw.close()
      const forgedId = head(other.db).id
      expect(head(other.db).hash).toBeNull()
      const next = await other.dispatch('loops.update', { id: 1, priority: 1 }, { session: 's' })
      expect(next).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      // Not sealed: still no hash, and verification flags exactly that row.
      expect(head(other.db)).toEqual({ id: forgedId, hash: null })
      expect(verifyAuditChain(other.db)).toMatchObject({
        ok: false,
        brokenAt: forgedId,
        reason: expect.stringMatching(/no hash/),
      })
    } finally {
      await other.close()
    }
  })

  it('finds a removed row, and the CLI exits 0 on a good chain and 1 naming the first broken row', async () => {
    const third = tmp.file('audit3.db')
    const c3 = await createTestCore(third, () => NOW)
    insertCustomers(c3.db, [{ id: 1, firstName: 'Eva', lastName: 'Lang' }])
    const lead = Number(
      c3.db.prepare(`INSERT INTO users (name, role) VALUES ('Lea Lead', 'team_lead')`).run().lastInsertRowid,
    )
    await c3.dispatch('session.signIn', { userId: lead }, { session: 's' })
    for (let i = 0; i < 3; i++)
      await c3.dispatch(
        'loops.create',
        { customerId: 1, type: 'callback', title: `R ${i}`, assignee: lead },
        { session: 's' },
      )
    expect(head(c3.db).id).toBe(6)
    await c3.close()

    const good = auditCli(third)
    expect(good.status).toBe(0)
    expect(good.out).toMatch(/audit trail intact: 6 events verified/)

    const raw = new Database(third)
    raw.exec(`DROP TRIGGER loop_events_append_only_delete`)
    raw.prepare(`DELETE FROM loop_events WHERE id = 3`).run()
    raw.close()
    const db = openDatabase(third, { readonly: true })
    expect(verifyAuditChain(db)).toMatchObject({
      ok: false,
      brokenAt: 4,
      checked: 2,
      reason: expect.stringMatching(/removed/),
    })
    db.close()
    const broken = auditCli(third)
    expect(broken.status).toBe(1)
    expect(broken.out).toMatch(/audit trail BROKEN at event 4: .*removed/)
  }, 60_000)

  it('chains the demo generator\u2019s bulk-written events as it writes them', () => {
    const db = openDatabase(tmp.file('demo.db'))
    try {
      const report = seedDemoData(db, { customers: 300, now: NOW })
      expect(report.loops).toBeGreaterThan(0)
      const events = db.prepare(`SELECT count(*) FROM loop_events`).pluck().get() as number
      expect(events).toBeGreaterThan(report.loops)
      expect(verifyAuditChain(db)).toEqual({ ok: true, checked: events, brokenAt: null, reason: null })
    } finally {
      db.close()
    }
  })
})
