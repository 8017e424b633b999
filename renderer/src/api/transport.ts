import type {
  ApiError,
  AppEvent,
  ErrorCode,
  LoopdeskApi,
  Method,
  RequestOf,
  ResponseOf,
  Result,
} from '../../../shared/ipc/contract'
import { ERROR_CODES, type ErrorParams } from '../../../shared/ipc/errors'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the renderer runs in a plain browser (headless mode). */
    loopdesk?: LoopdeskApi
  }
}

const TOKEN_KEY = 'loopdesk.token'
const REQUEST_TIMEOUT_MS = 20_000

/** Thrown by `call()` when the core answers with `ok: false` (or cannot be reached). */
export class ApiCallError extends Error {
  readonly code: ErrorCode
  readonly issues: string[]
  /** The refusal's stable code and values, for a translated text (see toFailure). */
  readonly reason: string | undefined
  readonly params: ErrorParams

  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.issues = error.issues ?? []
    this.reason = typeof error.reason === 'string' ? error.reason : undefined
    this.params = error.params && typeof error.params === 'object' ? error.params : {}
  }
}

function failure(code: ErrorCode, message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

// ---------------------------------------------------------------------------------------------
// Start-up parameters (headless mode): ?token=...&call=... are read once and removed from the URL,
// so the token does not linger in the address bar, the history or a copied link.
// ---------------------------------------------------------------------------------------------

interface StartParams {
  token: string | null
  call: string | null
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

function readStartParams(): StartParams {
  if (typeof window === 'undefined') return { token: null, call: null }
  const url = new URL(window.location.href)
  const params = url.searchParams
  const urlToken = params.get('token')
  const urlCall = params.get('call')
  const storage = safeSessionStorage()
  if (urlToken) storage?.setItem(TOKEN_KEY, urlToken)
  if (params.has('token') || params.has('call')) {
    params.delete('token')
    params.delete('call')
    const search = params.toString()
    try {
      window.history.replaceState(
        window.history.state,
        '',
        `${url.pathname}${search ? `?${search}` : ''}${url.hash}`,
      )
    } catch {
      // replaceState can fail on unusual schemes; the token then simply stays visible.
    }
  }
  const call = urlCall?.trim() ? urlCall.trim() : null
  return { token: urlToken || storage?.getItem(TOKEN_KEY) || null, call }
}

let startParams: StartParams | null = null

function getStartParams(): StartParams {
  startParams ??= readStartParams()
  return startParams
}

/** The number of a call handed over in the start URL (`&call=...`), or null. */
export function initialCallFromUrl(): string | null {
  return getStartParams().call
}

// ---------------------------------------------------------------------------------------------
// Transports
// ---------------------------------------------------------------------------------------------

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string' &&
    (v.issues === undefined || (Array.isArray(v.issues) && v.issues.every((i) => typeof i === 'string')))
  )
}

function asResult<T>(body: unknown, status: number): Result<T> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const envelope = body as { ok: unknown; value?: unknown; error?: unknown }
    if (envelope.ok === true && 'value' in envelope) return { ok: true, value: envelope.value as T }
    if (envelope.ok === false && isApiError(envelope.error)) return { ok: false, error: envelope.error }
  }
  const code: ErrorCode = status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : 'INTERNAL'
  return failure(code, `Unexpected answer from the LoopDesk service (HTTP ${status})`)
}

const SESSION_KEY = 'loopdesk.session'

/** One id per browser tab, so two tabs can be signed in as different users (kept across reloads). */
function tabSession(): string | null {
  const storage = safeSessionStorage()
  if (!storage) return null
  let id = storage.getItem(SESSION_KEY)
  if (!id) {
    const bytes = new Uint8Array(16)
    crypto.getRandomValues(bytes)
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    storage.setItem(SESSION_KEY, id)
  }
  return id
}

async function httpInvoke<M extends Method>(
  method: M,
  payload: RequestOf<M>,
): Promise<Result<ResponseOf<M>>> {
  const { token } = getStartParams()
  const session = tabSession()
  const controller = new AbortController()
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
  let response: Response
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(session ? { 'X-LoopDesk-Session': session } : {}),
      },
      body: JSON.stringify({ method, payload }),
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'omit',
    })
  } catch (err) {
    const message = controller.signal.aborted
      ? `The LoopDesk service did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`
      : `The LoopDesk service is not reachable (${errorMessage(err)})`
    return failure('INTERNAL', message)
  } finally {
    window.clearTimeout(timer)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  return asResult<ResponseOf<M>>(body, response.status)
}

function createHttpApi(): LoopdeskApi {
  // Make sure the token is captured (and stripped from the address bar) right at start-up.
  getStartParams()
  return {
    invoke: httpInvoke,
    // Headless mode has no push channel yet: incoming calls arrive via ?call= or calls.takePending.
    onEvent: (_listener: (event: AppEvent) => void) => () => {},
  }
}

/** Wraps the preload bridge so a rejected IPC call still yields a Result envelope. */
function createIpcApi(bridge: LoopdeskApi): LoopdeskApi {
  return {
    async invoke<M extends Method>(method: M, payload: RequestOf<M>): Promise<Result<ResponseOf<M>>> {
      try {
        const result = await bridge.invoke(method, payload)
        return asResult<ResponseOf<M>>(result, 200)
      } catch (err) {
        return failure('INTERNAL', `The LoopDesk core did not answer (${errorMessage(err)})`)
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
  }
}

function pickTransport(): { api: LoopdeskApi; mode: 'ipc' | 'http' } {
  const bridge = typeof window !== 'undefined' ? window.loopdesk : undefined
  if (bridge) return { api: createIpcApi(bridge), mode: 'ipc' }
  return { api: createHttpApi(), mode: 'http' }
}

const transport = pickTransport()

/** The API the renderer talks to: the Electron preload bridge, or the loopback HTTP server. */
export const api: LoopdeskApi = transport.api
export const transportMode: 'ipc' | 'http' = transport.mode

/** Invokes a method and unwraps the Result; throws ApiCallError on `ok: false`. */
export async function call<M extends Method>(method: M, payload: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await api.invoke(method, payload)
  if (!result.ok) throw new ApiCallError(result.error)
  return result.value
}
