import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { BUSY_MESSAGE, createDispatcher, type Handlers } from '../../electron/core/dispatch'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

describe('request dispatch (the IPC and HTTP entry point)', () => {
  const tmp = tempDir()
  let core: Core
  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('d.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(core.db, [{ id: 7, firstName: 'Eva', lastName: 'Lang', phones: ['+49301112223'] }])
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('answers a valid request with ok and a typed value', async () => {
    const result = await core.dispatch('screenPop.lookup', { query: '030 1112223' })
    expect(result.ok).toBe(true)
    if (result.ok)
      expect(result.value).toMatchObject({ kind: 'match', matchedBy: 'phone', card: { customer: { id: 7 } } })
  })

  it('refuses unknown methods, including prototype names', async () => {
    for (const method of ['customers.drop', '__proto__', 'constructor', 42, null]) {
      const result = await core.dispatch(method, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    }
  })

  it.each([
    ['customers.get', { id: 'x' }, 'id'],
    ['customers.get', { id: -1 }, 'id'],
    ['customers.get', { id: 1, extra: true }, 'extra'],
    ['screenPop.lookup', { query: '' }, 'query'],
    ['screenPop.lookup', { query: 'x'.repeat(500) }, 'query'],
    ['screenPop.lookup', 'just a string', 'payload'],
    ['customers.create', { lastName: '', email: 'not-an-email' }, 'lastName'],
    ['customers.search', { query: 'a', limit: 1000 }, 'limit'],
  ])('refuses a malformed %s payload with field issues', async (method, payload, field) => {
    const result = await core.dispatch(method, payload)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION')
      expect(result.error.issues?.join(' ')).toContain(field)
    }
  })

  it('maps a missing customer to NOT_FOUND', async () => {
    expect(await core.dispatch('customers.get', { id: 424242 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('hands a launch-time call to the renderer exactly once', async () => {
    core.setPendingCall('+49301112223')
    expect(await core.dispatch('calls.takePending', {})).toEqual({
      ok: true,
      value: { number: '+49301112223' },
    })
    expect(await core.dispatch('calls.takePending', {})).toEqual({ ok: true, value: null })
  })

  it('never passes a malformed response through, and hides thrown internals behind INTERNAL', async () => {
    const logged: string[] = []
    const broken = {
      'app.info': () => ({ version: 1 }),
      'customers.get': () => {
        throw new Error('disk I/O error')
      },
    } as unknown as Handlers
    const dispatch = createDispatcher(broken, { log: (m) => logged.push(m) })
    expect(await dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(await dispatch('customers.get', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('disk I/O error') },
    })
    expect(logged).toHaveLength(2)
  })
  it('waits for a write lock held by another connection (an import batch) without blocking the event loop', async () => {
    const other = new Database(tmp.file('d.db'))
    other.exec('BEGIN IMMEDIATE')
    // the longest gap between timer ticks while the request waits = how long the event loop was blocked
    let last = performance.now()
    let longestGap = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
    }, 5)
    setTimeout(() => other.exec('COMMIT'), 600)
    const started = performance.now()
    const result = await core.dispatch('customers.create', {
      firstName: 'Lena',
      lastName: 'Busy',
      phone: '030 5550001',
    })
    const waited = performance.now() - started
    clearInterval(ticker)
    other.close()
    expect(result).toMatchObject({ ok: true })
    expect(waited).toBeGreaterThanOrEqual(550)
    expect(longestGap).toBeLessThan(150)
    expect(core.db.prepare(`SELECT count(*) FROM customers WHERE last_name = 'Busy'`).pluck().get()).toBe(1)
  })

  it('gives up with a readable CONFLICT when the lock is held too long, and repeats only attempts that wrote nothing', async () => {
    const file = tmp.file('busy.db')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 0')
    db.exec('CREATE TABLE t (x)')
    const holder = new Database(file)
    let attempts = 0
    const write = (payload: { id: number }) => {
      attempts++
      db.prepare('INSERT INTO t VALUES (?)').run(payload.id)
      return null
    }
    const changes = db.prepare('SELECT total_changes()').pluck()
    const dispatch = createDispatcher({ 'customers.get': write } as unknown as Handlers, {
      validateResponses: false,
      busyRetry: { changes: () => changes.get() as number, maxWaitMs: 300 },
    })
    holder.exec('BEGIN IMMEDIATE')
    const refused = await dispatch('customers.get', { id: 1 })
    expect(refused).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: BUSY_MESSAGE, reason: 'db.busy', params: {} },
    })
    expect(attempts).toBeGreaterThan(2)
    holder.exec('COMMIT')

    // a handler that committed one write and then met the lock is not run again (no double insert)
    attempts = 0
    const twoWrites = (payload: { id: number }) => {
      attempts++
      db.prepare('INSERT INTO t VALUES (?)').run(payload.id)
      holder.exec('BEGIN IMMEDIATE')
      db.prepare('INSERT INTO t VALUES (?)').run(payload.id + 1)
      return null
    }
    const dispatch2 = createDispatcher({ 'customers.get': twoWrites } as unknown as Handlers, {
      validateResponses: false,
      busyRetry: { changes: () => changes.get() as number, maxWaitMs: 300 },
    })
    expect(await dispatch2('customers.get', { id: 10 })).toMatchObject({
      ok: false,
      error: { reason: 'db.busy' },
    })
    holder.exec('COMMIT')
    expect(attempts).toBe(1)
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([10])
    holder.close()
    db.close()
  })
})
