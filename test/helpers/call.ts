import type { Core } from '../../electron/core/core'

/** Calls the core through its dispatcher as the UI does; a refused request fails the test with its error. */
export function caller(core: () => Core) {
  return async <T>(method: string, payload: unknown): Promise<T> => {
    const r = await core().dispatch(method, payload)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
}
