import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { exportCsv } from '../../electron/core/export/csvExport'
import { EXPORT_CHUNK_BYTES } from '../../electron/core/export/exports'
import { caller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

type Status = {
  exportId: string
  state: string
  rows: number
  bytes: number
  chunks: number
  error: string | null
}

const CUSTOMERS = 4_000

describe('export in the app: written by the core, fetched in base64 chunks', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)
  const finish = async (status: Status): Promise<Status> => {
    let s = status
    for (let i = 0; i < 400 && s.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10))
      s = await call<Status>('export.status', { exportId: s.exportId })
    }
    return s
  }

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('e.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(
      core.db,
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        id: i + 1,
        firstName: i % 7 === 0 ? 'Zoë; "Zo"' : 'Kunde',
        lastName: `Nummer ${i + 1}`,
        emails: [`kunde${i + 1}@example.de`],
        company: i % 5 === 0 ? 'Müller GmbH\nZweigstelle Nord' : undefined,
      })),
    )
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('hands out exactly the bytes the CLI export writes, in several chunks, then forgets the file', async () => {
    const started = await call<Status>('export.start', { kind: 'customers', delimiter: ';' })
    expect(started.state).toBe('running')
    // A second export while one runs is refused rather than interleaved.
    expect(await core.dispatch('export.start', { kind: 'feedback' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    const done = await finish(started)
    expect(done).toMatchObject({ state: 'done', rows: CUSTOMERS, error: null })
    expect(done.chunks).toBe(Math.ceil(done.bytes / EXPORT_CHUNK_BYTES))
    expect(done.chunks).toBeGreaterThan(1)

    const parts: Buffer[] = []
    for (let index = 0; index < done.chunks; index++) {
      const chunk = await call<{ chunkBase64: string; last: boolean }>('export.chunk', {
        exportId: done.exportId,
        index,
      })
      expect(chunk.last).toBe(index === done.chunks - 1)
      parts.push(Buffer.from(chunk.chunkBase64, 'base64'))
    }
    const fetched = Buffer.concat(parts)
    expect(fetched.length).toBe(done.bytes)

    const reference = tmp.file('reference.csv')
    expect(await exportCsv(core.db, 'customers', reference, { delimiter: ';' })).toBe(CUSTOMERS)
    expect(fetched.equals(fs.readFileSync(reference))).toBe(true)
    expect(fetched.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))

    // Downloaded: the temp file is gone, asking again says so.
    expect(await core.dispatch('export.chunk', { exportId: done.exportId, index: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('refuses chunks past the end and unknown exports', async () => {
    const done = await finish(await call<Status>('export.start', { kind: 'feedback', delimiter: ',' }))
    expect(done).toMatchObject({ state: 'done', rows: 0, chunks: 1 })
    expect(await core.dispatch('export.chunk', { exportId: done.exportId, index: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    const only = await call<{ chunkBase64: string; last: boolean }>('export.chunk', {
      exportId: done.exportId,
      index: 0,
    })
    expect(only.last).toBe(true)
    expect(Buffer.from(only.chunkBase64, 'base64').toString('utf8')).toBe(
      '\ufeffcustomer_no,source,source_response_id,answered_at,nps,intent_raw,intent_scale,intent,comment,language,channel,polarity,sentiment,topics\r\n',
    )
    expect(await core.dispatch('export.status', { exportId: 'nosuchexport' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('keeps the event loop free while it writes: the main thread answers between slices', async () => {
    const started = await call<Status>('export.start', { kind: 'customers', delimiter: ';' })
    let longest = 0
    let last = performance.now()
    let ticks = 0
    while ((await call<Status>('export.status', { exportId: started.exportId })).state === 'running') {
      await new Promise((r) => setImmediate(r))
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      ticks++
    }
    // Several slices of 250 rows: the loop got its turn between them.
    expect(ticks).toBeGreaterThan(1)
    console.info(
      `export of ${CUSTOMERS} customers: ${ticks} event-loop turns, longest gap ${longest.toFixed(1)} ms`,
    )
  })
})
