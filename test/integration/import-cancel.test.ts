import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { caller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

type Report = {
  rows: number
  imported: number
  updated: number
  duplicates: number
  rejected: number
  cancelled: boolean
}
type Status = { state: string; rows: number; imported: number; report: Report | null }

const ROWS = 120_000
const CUSTOMERS = 1_000
const MAPPING = {
  customerKey: 'customer_no',
  customerKeyKind: 'customer_no',
  responseId: 'id',
  answeredAt: 'date',
  nps: 'nps',
  comment: 'comment',
}

describe('cancelling a running import through the job API', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)
  const csv = tmp.file('big.csv')
  const upload = async (): Promise<string> => {
    const bytes = fs.readFileSync(csv)
    let uploadId: string | undefined
    const chunk = 384 * 1024
    for (let at = 0; at < bytes.length; at += chunk) {
      const r = await call<{ uploadId: string }>('import.upload', {
        ...(uploadId ? { uploadId } : {}),
        fileName: 'big.csv',
        chunkBase64: bytes.subarray(at, at + chunk).toString('base64'),
        last: at + chunk >= bytes.length,
      })
      uploadId = r.uploadId
    }
    return uploadId as string
  }
  const stored = (): number =>
    core.db.prepare(`SELECT count(*) FROM feedback WHERE source = 'cancel-test'`).pluck().get() as number
  const until = async (jobId: string, done: (s: Status) => boolean): Promise<Status> => {
    const deadline = Date.now() + 100_000
    while (Date.now() < deadline) {
      const s = await call<Status>('import.status', { jobId })
      if (done(s)) return s
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('the import did not get there')
  }

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('c.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(
      core.db,
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        id: i + 1,
        firstName: 'Kunde',
        lastName: String(i + 1),
      })),
    )
    const lines = ['id,customer_no,date,nps,comment']
    for (let i = 0; i < ROWS; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0')
      lines.push(
        `R${i},K-${1_000_001 + (i % CUSTOMERS)},2026-11-${day},${i % 11},${i % 3 === 0 ? 'Zu teuer' : ''}`,
      )
    }
    fs.writeFileSync(csv, lines.join('\n') + '\n')
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('stops as cancelled with exactly the reported answers stored; a re-run adds the rest', async () => {
    const uploadId = await upload()
    const { jobId } = await call<{ jobId: string }>('import.start', {
      uploadId,
      format: 'generic-csv',
      source: 'cancel-test',
      mapping: MAPPING,
    })
    // Cancel once the worker has reported progress: it is running, well before the end.
    await until(jobId, (s) => s.state !== 'running' || s.rows > 0)
    const cancelling = await call<Status>('import.cancel', { jobId })
    expect(cancelling.state).toBe('running')
    const cancelled = await until(jobId, (s) => s.state !== 'running')
    expect(cancelled.state).toBe('cancelled')
    const report = cancelled.report as Report
    expect(report.cancelled).toBe(true)
    expect(report.rows).toBeLessThan(ROWS)
    expect(report.rejected).toBe(0)
    // What was read before the cancel is committed whole, nothing after it: the count agrees.
    expect(report.imported).toBe(report.rows)
    expect(stored()).toBe(report.imported)
    expect(cancelled.rows).toBe(report.rows)
    // A cancel of a job that has stopped changes nothing.
    expect((await call<Status>('import.cancel', { jobId })).state).toBe('cancelled')

    const again = await call<{ jobId: string }>('import.start', {
      uploadId: await upload(),
      format: 'generic-csv',
      source: 'cancel-test',
    })
    const rest = await until(again.jobId, (s) => s.state !== 'running')
    expect(rest.state).toBe('done')
    expect(rest.report).toMatchObject({
      rows: ROWS,
      imported: ROWS - report.imported,
      duplicates: report.imported,
      rejected: 0,
    })
    expect(stored()).toBe(ROWS)
  }, 240_000)
})
