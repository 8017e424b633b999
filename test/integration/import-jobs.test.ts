import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'
import { caller } from '../helpers/call'

const QUALTRICS = 'test/fixtures/import/qualtrics-export.csv'
type Status = {
  state: string
  report: {
    imported: number
    duplicates: number
    skipped: number
    rejected: number
    rejects: { line: number; reason: string }[]
  } | null
}

describe('import through the core: upload in chunks, preview, run in the worker, report', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)
  const upload = async (file: string, chunk = 1024): Promise<string> => {
    const bytes = fs.readFileSync(file)
    let uploadId: string | undefined
    for (let at = 0; at < bytes.length; at += chunk) {
      const last = at + chunk >= bytes.length
      const r = await call<{ uploadId: string; bytes: number }>('import.upload', {
        ...(uploadId ? { uploadId } : {}),
        fileName: 'qualtrics-export.csv',
        chunkBase64: bytes.subarray(at, at + chunk).toString('base64'),
        last,
      })
      uploadId = r.uploadId
      if (last) expect(r.bytes).toBe(bytes.length)
    }
    return uploadId as string
  }
  const finish = async (jobId: string): Promise<Status> => {
    for (let i = 0; i < 200; i++) {
      const s = await call<Status>('import.status', { jobId })
      if (s.state !== 'running') return s
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('import did not finish')
  }

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('j.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(
      core.db,
      [231, 458, 502, 777, 815, 904, 999, 1012].map((id) => ({
        id,
        firstName: 'Kunde',
        lastName: String(id),
      })),
    )
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('previews with the NPS column found, imports, skips test rows, rejects unknown customers by line, and adds nothing twice', async () => {
    const uploadId = await upload(QUALTRICS)
    const preview = await call<{
      format: string
      mapping: { nps?: string; customerKey?: string }
      columns: string[]
      sample: { ok: boolean }[]
    }>('import.preview', { uploadId })
    expect(preview.format).toBe('qualtrics') // guessed from the file name
    expect(preview.mapping).toMatchObject({ nps: 'Q1', comment: 'Q2', intent: 'Q3' })
    expect(preview.columns).toContain('Q1_NPS_GROUP')
    expect(preview.sample.length).toBeGreaterThan(0)

    const { jobId } = await call<{ jobId: string }>('import.start', { uploadId, format: 'qualtrics' })
    const status = await finish(jobId)
    expect(status).toMatchObject({ state: 'done', error: null })
    expect(status.report).toMatchObject({ imported: 8, skipped: 3, rejected: 1 })
    expect(status.report?.rejects[0]?.reason).toMatch(/jonas\.becker@example\.com/i)
    // The imported answers updated those customers' insights right away.
    expect(core.db.prepare(`SELECT count(*) FROM customer_insights`).pluck().get()).toBe(8)
    expect(
      core.db
        .prepare(`SELECT count(*) FROM feedback WHERE source = 'qualtrics' AND nps IS NULL`)
        .pluck()
        .get(),
    ).toBe(1)

    const again = await finish(
      (
        await call<{ jobId: string }>('import.start', {
          uploadId: await upload(QUALTRICS, 4096),
          format: 'qualtrics',
        })
      ).jobId,
    )
    expect(again.report).toMatchObject({ imported: 0, duplicates: 8 })
    expect(core.db.prepare(`SELECT count(*) FROM feedback`).pluck().get()).toBe(8)
  })

  it('answers bad uploads and unknown ids with clear errors', async () => {
    expect(await core.dispatch('import.preview', { uploadId: 'nosuchupload1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const r = await call<{ uploadId: string }>('import.upload', {
      fileName: 'x.csv',
      chunkBase64: Buffer.from([0xff, 0xfe, 0x41, 0x00]).toString('base64'),
      last: true,
    })
    const bad = await core.dispatch('import.preview', { uploadId: r.uploadId, format: 'generic-csv' })
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/x\.csv: .*UTF-16/) },
    })
    expect(await core.dispatch('import.status', { jobId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
