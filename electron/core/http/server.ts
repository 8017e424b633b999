import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Result } from '../../../shared/ipc/contract'
import { DEFAULT_SESSION, type Dispatch } from '../dispatch'

const MAX_BODY_BYTES = 1024 * 1024
/** Webhooks come from a survey tool, not from a signed-in tab. */
const WEBHOOK_SESSION = 'webhook:formbricks'

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // MUI's emotion injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export interface HeadlessServerOptions {
  dispatch: Dispatch
  /** Built renderer (index.html and assets); when missing, only the API is served. */
  staticDir?: string
  port?: number
  /** Tests may pin the token; a normal launch draws a new random one. */
  token?: string
}

export interface HeadlessServer {
  url: string
  /** The URL to open: carries the per-launch token. */
  appUrl: string
  token: string
  port: number
  close(): Promise<void>
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  })
  res.end(body)
}

function sendResult(res: http.ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', {
    'Cache-Control': 'no-store',
  })
}

function errorResult(
  code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'VALIDATION' | 'NOT_FOUND' | 'INTERNAL',
  message: string,
): Result<never> {
  return { ok: false, error: { code, message } }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** Reads a JSON body; an oversized one is drained (so the client gets its 413) but not kept. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES * 16) req.destroy()
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Headless mode: the same core behind loopback HTTP so the renderer runs in a plain browser.
 * Defences: bound to 127.0.0.1; Host must name this loopback port (DNS rebinding); a foreign
 * Origin is refused (CSRF from other sites); every API call carries the per-launch token.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url')
  const staticRoot = options.staticDir ? path.resolve(options.staticDir) : null
  let port = 0
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])

  /** The per-launch token as a Bearer header; answers 401 itself when it is missing or wrong. */
  function authorized(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const auth = req.headers.authorization ?? ''
    if (auth.startsWith('Bearer ') && safeEqual(auth.slice(7), token)) return true
    sendResult(
      res,
      401,
      errorResult('UNAUTHORIZED', 'Missing or wrong session token; open the URL printed at start-up'),
    )
    return false
  }

  /** A JSON request body, or undefined after answering 415/413/400 itself. */
  async function jsonBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendResult(res, 415, errorResult('VALIDATION', 'Content-Type must be application/json'))
      return undefined
    }
    const body = await readBody(req)
    if (body === null) {
      sendResult(res, 413, errorResult('VALIDATION', 'Request body too large'))
      return undefined
    }
    try {
      return JSON.parse(body.toString('utf8')) as unknown
    } catch {
      sendResult(res, 400, errorResult('VALIDATION', 'Request body is not valid JSON'))
      return undefined
    }
  }

  const statusOf = (result: Result<unknown>): number =>
    result.ok ? 200 : result.error.code === 'INTERNAL' ? 500 : result.error.code === 'NOT_FOUND' ? 404 : 400

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST')
      return sendResult(res, 405, errorResult('VALIDATION', 'Use POST for /api/invoke'))
    if (!authorized(req, res)) return
    const message = await jsonBody(req, res)
    if (message === undefined) return
    if (typeof message !== 'object' || message === null || !('method' in message)) {
      return sendResult(res, 400, errorResult('VALIDATION', 'Expected {"method": ..., "payload": ...}'))
    }
    const { method, payload } = message as { method: unknown; payload?: unknown }
    const result = await options.dispatch(method, payload, { session: sessionOf(req) })
    sendResult(res, statusOf(result), result)
  }

  /**
   * Formbricks response webhooks (responseCreated/Updated/Finished), imported at once. The same
   * defences as /api/invoke (Host, Origin, token); the payload is checked by the dispatcher. A
   * payload that is read but cannot be stored (e.g. unknown customer) answers 422 with the reason.
   */
  async function handleFormbricksWebhook(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST')
      return sendResult(res, 405, errorResult('VALIDATION', 'Use POST for /api/webhooks/formbricks'))
    if (!authorized(req, res)) return
    const payload = await jsonBody(req, res)
    if (payload === undefined) return
    const result = await options.dispatch('import.formbricksWebhook', payload, { session: WEBHOOK_SESSION })
    const rejected =
      result.ok &&
      typeof result.value === 'object' &&
      result.value !== null &&
      (result.value as { result?: unknown }).result === 'rejected'
    sendResult(res, rejected ? 422 : statusOf(result), result)
  }

  /** Each browser tab names its own session (signed-in user); anything malformed shares the default. */
  function sessionOf(req: http.IncomingMessage): string {
    const header = req.headers['x-loopdesk-session']
    return typeof header === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(header)
      ? `http:${header}`
      : DEFAULT_SESSION
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', 'text/plain')
    if (!staticRoot)
      return send(
        res,
        404,
        'The renderer is not built: run "npm run build" first',
        'text/plain; charset=utf-8',
      )
    let relative: string
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    } catch {
      return send(res, 400, 'Malformed URL', 'text/plain')
    }
    const file = path.resolve(staticRoot, relative)
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep))
      return send(res, 403, 'Forbidden', 'text/plain')
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, 'Not found', 'text/plain')
      const headers: Record<string, string> = { 'Content-Security-Policy': CSP }
      headers['Cache-Control'] = relative === 'index.html' ? 'no-store' : 'max-age=3600'
      send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream', headers)
    })
  }

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? ''
    if (!allowedHosts().has(host)) return send(res, 421, 'Unknown host', 'text/plain')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return sendResult(res, 403, errorResult('FORBIDDEN', 'Cross-origin requests are not allowed'))
    }
    let pathname: string
    try {
      pathname = new URL(req.url ?? '/', `http://${host}`).pathname
    } catch {
      return send(res, 400, 'Bad request', 'text/plain')
    }
    const api =
      pathname === '/api/invoke'
        ? handleApi
        : pathname === '/api/webhooks/formbricks'
          ? handleFormbricksWebhook
          : null
    if (api) {
      api(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendResult(res, 500, errorResult('INTERNAL', (err as Error).message))
      })
      return
    }
    if (pathname.startsWith('/api/'))
      return sendResult(res, 404, errorResult('NOT_FOUND', `No such endpoint ${pathname}`))
    handleStatic(req, res, pathname)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    appUrl: `${url}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
