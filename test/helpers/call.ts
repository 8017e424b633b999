import { createCore, type Core } from '../../electron/core/core'

/** Calls the core through its dispatcher as the UI does; a refused request fails the test with its error. */
export function caller(core: () => Core) {
  return async <T>(method: string, payload: unknown): Promise<T> => {
    const r = await core().dispatch(method, payload)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
}

/**
 * Calls the core as a signed-in user (one session name per user): `as` fails the test on a refusal,
 * `refused` fails it when the request goes through and returns the error code otherwise.
 */
export function sessionCaller(core: () => Core) {
  const as = async <T>(session: string, method: string, payload: unknown): Promise<T> => {
    const r = await core().dispatch(method, payload, { session })
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const refused = async (session: string, method: string, payload: unknown): Promise<string> => {
    const r = await core().dispatch(method, payload, { session })
    if (r.ok) throw new Error(`${method} was expected to be refused`)
    return r.error.code
  }
  return { as, refused }
}

/** A headless core on an empty database (no demo data) with a test-controlled clock and no log output. */
export function createTestCore(dbPath: string, clock: () => number): Promise<Core> {
  return createCore({ dbPath, region: 'DE', mode: 'headless', demo: false, clock, log: () => {} })
}
