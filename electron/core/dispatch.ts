import type { z } from 'zod'
import {
  contract,
  isMethod,
  type Method,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc/contract'
import { AppError } from './errors'

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
}

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
      const value = await handler(parsed.data, context)
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
