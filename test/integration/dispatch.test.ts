import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { createDispatcher, type Handlers } from '../../electron/core/dispatch'
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
})
