import fs from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { startHeadlessServer, type HeadlessServer } from '../../electron/core/http/server'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** Raw requests, so Host and Origin can be forged the way a hostile page or DNS rebinding would. */
function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

describe('headless HTTP server', () => {
  const tmp = tempDir()
  let core: Core
  let server: HeadlessServer
  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: {
        Host: `127.0.0.1:${server.port}`,
        'Content-Type': 'application/json',
        Authorization: `Bearer ${server.token}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  beforeAll(async () => {
    fs.mkdirSync(tmp.file('www'))
    fs.writeFileSync(tmp.file('www/index.html'), '<!doctype html><title>LoopDesk</title>')
    fs.writeFileSync(tmp.file('secret.txt'), 'do not serve')
    core = await createCore({
      dbPath: tmp.file('h.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(core.db, [{ id: 1, firstName: 'Eva', lastName: 'Lang', phones: ['+49301112223'] }])
    server = await startHeadlessServer({ dispatch: core.dispatch, staticDir: tmp.file('www') })
  })
  afterAll(async () => {
    await server.close()
    await core.close()
    tmp.cleanup()
  })

  it('listens on loopback only, with a long random token in the app URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
    expect(server.appUrl).toBe(`${server.url}/?token=${server.token}`)
  })

  it('answers a valid call', async () => {
    const res = await invoke({ method: 'screenPop.lookup', payload: { query: '030 1112223' } })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { kind: 'match' } })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('refuses a missing or wrong token', async () => {
    const missing = await invoke({ method: 'app.info', payload: {} }, { Authorization: '' })
    const wrong = await invoke({ method: 'app.info', payload: {} }, { Authorization: 'Bearer nope' })
    expect([missing.status, wrong.status]).toEqual([401, 401])
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })

  it('refuses foreign Host headers (DNS rebinding) and foreign origins (CSRF)', async () => {
    const rebinding = await invoke(
      { method: 'app.info', payload: {} },
      { Host: `evil.example:${server.port}` },
    )
    expect(rebinding.status).toBe(421)
    const csrf = await invoke({ method: 'app.info', payload: {} }, { Origin: 'https://evil.example' })
    expect(csrf.status).toBe(403)
    const sameOrigin = await invoke({ method: 'app.info', payload: {} }, { Origin: server.url })
    expect(sameOrigin.status).toBe(200)
  })

  it('answers bad requests with clear JSON errors', async () => {
    expect((await invoke('{not json')).status).toBe(400)
    expect(JSON.parse((await invoke('{not json')).body).error.message).toMatch(/not valid JSON/)
    expect(JSON.parse((await invoke({ method: 'nope' })).body).error.code).toBe('UNKNOWN_METHOD')
    expect(
      JSON.parse((await invoke({ method: 'customers.get', payload: { id: 'x' } })).body).error.code,
    ).toBe('VALIDATION')
    expect((await invoke({ method: 'app.info', payload: {} }, { 'Content-Type': 'text/plain' })).status).toBe(
      415,
    )
    expect(
      (await invoke(JSON.stringify({ method: 'app.info', payload: { pad: 'x'.repeat(2_000_000) } }))).status,
    ).toBe(413)
  })

  it('serves the renderer with a strict CSP and never files outside its folder', async () => {
    const host = { Host: `127.0.0.1:${server.port}` }
    const index = await request(server.port, { path: '/', headers: host })
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    expect(index.headers['content-security-policy']).toContain("default-src 'none'")
    expect((await request(server.port, { path: '/%E0%A4%A', headers: host })).status).toBe(400)
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await request(server.port, { path: p, headers: host })
      expect(res.status, p).not.toBe(200)
      expect(res.body).not.toContain('do not serve')
    }
  })
})
