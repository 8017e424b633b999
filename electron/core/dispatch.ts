import type { z } from 'zod'
import {
  contract,
  isMethod,
  type Method,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc/contract'
import { AppError, refusal } from './errors'

/** Who is asking: one session per window (IPC) or browser tab (headless mode). */
export interface RequestContext {
  session: string
}

export const DEFAULT_SESSION = 'default'

export type Handler<M extends Method> = (
  request: ParsedRequestOf<M>,
  context: RequestContext,
) => ResponseOf<M> | Promise<ResponseOf<M>>

export type Handlers = {
  [M in Method]: Handler<M>
}

/** The handlers of one area's contract file, e.g. `AreaHandlers<typeof loopsContract>`. */
export type AreaHandlers<C> = {
  [M in keyof C & Method]: Handler<M>
}

export interface DispatchOptions {
  /** Check every response against its schema too (on by default; a broken service must not leak bad data). */
  validateResponses?: boolean
  log?: (message: string, err: unknown) => void
  /**
   * Waiting for the write lock off the event loop: the main connection gives up on a held lock
   * after a few milliseconds (its busy timeout), and the request is tried again after an async
   * pause, so an import committing a batch in the worker never freezes screen pops and the UI.
   * `changes` (the connection's total_changes()) tells whether the failed attempt wrote anything;
   * only attempts that wrote nothing are repeated.
   */
  busyRetry?: { changes: () => number; maxWaitMs?: number }
}

const isBusy = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && /^SQLITE_BUSY/.test(String((err as { code?: unknown }).code))

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const BUSY_MESSAGE =
  'The database is busy with an import and your change was not saved. Please try again in a moment.'

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
}

/**
 * The one entry point for every request from any transport (Electron IPC or HTTP):
 * unknown method -> UNKNOWN_METHOD, bad payload -> VALIDATION with field issues,
 * AppError -> its code, anything else -> INTERNAL without internals leaking to the UI.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}) {
  const validateResponses = options.validateResponses ?? true
  const log = options.log ?? ((message, err) => console.error(message, err))

  const retry = options.busyRetry
  async function runWaitingForLock(run: () => unknown): Promise<unknown> {
    if (!retry) return run()
    const started = Date.now()
    for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
      const before = retry.changes()
      try {
        return await run()
      } catch (err) {
        const waited = Date.now() - started
        if (!isBusy(err)) throw err
        if (retry.changes() !== before || waited + delay > (retry.maxWaitMs ?? 30_000)) {
          throw refusal('CONFLICT', 'db.busy', BUSY_MESSAGE)
        }
        await pause(delay)
      }
    }
  }

  return async function dispatch(
    method: unknown,
    payload: unknown,
    context: RequestContext = { session: DEFAULT_SESSION },
  ): Promise<Result<unknown>> {
    if (!isMethod(method)) {
      const name = typeof method === 'string' ? method.slice(0, 80) : typeof method
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${name}` } }
    }
    const spec = contract[method]
    const parsed = spec.request.safeParse(payload ?? {})
    if (!parsed.success) {
      const issues = formatIssues(parsed.error)
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Invalid request for ${method}: ${issues.join('; ')}`, issues },
      }
    }
    try {
      const handler = handlers[method] as (request: unknown, context: RequestContext) => unknown
      const value = await runWaitingForLock(() => handler(parsed.data, context))
      if (validateResponses) {
        const checked = spec.response.safeParse(value)
        if (!checked.success) {
          log(`response of ${method} does not match its schema`, checked.error)
          return {
            ok: false,
            error: {
              code: 'INTERNAL',
              message: `The answer to ${method} was malformed; nothing was changed on screen.`,
            },
          }
        }
        return { ok: true, value: checked.data }
      }
      return { ok: true, value }
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toApiError() }
      log(`${method} failed`, err)
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `${method} failed: ${(err as Error).message ?? 'unexpected error'}`,
        },
      }
    }
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>
