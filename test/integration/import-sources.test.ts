import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { sourceFromFileName } from '../../electron/core/import/sources'
import { caller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

type Preview = {
  format: string
  mapping: Record<string, string>
  source: string | null
  sources: string[]
  sample: { ok: boolean; nps?: number | null; reason?: string }[]
}
type Status = { state: string; report: { imported: number; duplicates: number; rejected: number } | null }

// Column names no automatic detection knows: only a mapping reads them.
const TOOL_A = [
  'kd;q7;q8;nr;wann',
  'K-1000001;9;Prima;1;03.11.2026 10:00',
  'K-1000002;4;Zu teuer;2;03.11.2026 11:00',
]
const MAPPING_A = {
  customerKey: 'kd',
  customerKeyKind: 'customer_no',
  nps: 'q7',
  comment: 'q8',
  responseId: 'nr',
  answeredAt: 'wann',
}
// Another tool that also numbers its responses from 1.
const TOOL_B = ['customer,score,id,date', 'K-1000003,7,1,2026-11-04']

describe('named sources for generic files', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)
  const upload = async (lines: string[], fileName: string): Promise<string> =>
    (
      await call<{ uploadId: string }>('import.upload', {
        fileName,
        chunkBase64: Buffer.from(lines.join('\r\n') + '\r\n').toString('base64'),
        last: true,
      })
    ).uploadId
  const run = async (payload: Record<string, unknown>): Promise<Status> => {
    const { jobId } = await call<{ jobId: string }>('import.start', payload)
    for (let i = 0; i < 400; i++) {
      const s = await call<Status>('import.status', { jobId })
      if (s.state !== 'running') return s
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error('import did not finish')
  }

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('s.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(
      core.db,
      [1, 2, 3].map((id) => ({ id, firstName: 'Kunde', lastName: String(id) })),
    )
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('derives a stable source name from file names, none from telling-nothing names', () => {
    expect(sourceFromFileName('zendesk-csat_2026-11-03.csv')).toBe('zendesk-csat')
    expect(sourceFromFileName('Umfrage Shop 03.11.2026.csv')).toBe('umfrage shop')
    expect(sourceFromFileName('export.csv')).toBeNull()
    expect(sourceFromFileName('2026-11-03.csv')).toBeNull()
  })

  it('saves the mapping per source and offers it again for a file of the same source', async () => {
    const first = await upload(TOOL_A, 'tool-a_2026-11-03.csv')
    const preview = await call<Preview>('import.preview', { uploadId: first, format: 'generic-csv' })
    expect(preview.source).toBe('tool-a')
    expect(preview.mapping.nps).toBeUndefined()
    const status = await run({ uploadId: first, format: 'generic-csv', mapping: MAPPING_A, source: 'tool-a' })
    expect(status.report).toMatchObject({ imported: 2, rejected: 0 })

    // The next night's file of the same tool: the saved mapping comes back, and it reads the rows.
    const next = await upload(TOOL_A, 'tool-a_2026-11-04.csv')
    const again = await call<Preview>('import.preview', { uploadId: next, format: 'generic-csv' })
    expect(again.source).toBe('tool-a')
    expect(again.sources).toContain('tool-a')
    expect(again.mapping).toMatchObject(MAPPING_A)
    expect(again.sample.map((s) => s.nps)).toEqual([9, 4])

    // Another source name has no mapping of its own: nothing from tool-a leaks into it.
    const other = await call<Preview>('import.preview', {
      uploadId: next,
      format: 'generic-csv',
      source: 'tool-x',
    })
    expect(other.source).toBe('tool-x')
    expect(other.mapping.nps).toBeUndefined()
  })

  it('the same response id from two sources is two answers; the same source twice is one', async () => {
    const b = await upload(TOOL_B, 'tool-b.csv')
    const status = await run({
      uploadId: b,
      format: 'generic-csv',
      source: 'tool-b',
      mapping: { customerKey: 'customer', nps: 'score', responseId: 'id', answeredAt: 'date' },
    })
    expect(status.report).toMatchObject({ imported: 1, rejected: 0 })
    const ones = core.db
      .prepare(`SELECT source, customer_id FROM feedback WHERE source_response_id = '1' ORDER BY source`)
      .all()
    expect(ones).toEqual([
      { source: 'tool-a', customer_id: 1 },
      { source: 'tool-b', customer_id: 3 },
    ])
    // tool-a again (its saved mapping applies without sending one): nothing added.
    const again = await run({
      uploadId: await upload(TOOL_A, 'tool-a.csv'),
      format: 'generic-csv',
      source: 'tool-a',
    })
    expect(again.report).toMatchObject({ imported: 0, duplicates: 2 })
    expect(core.db.prepare(`SELECT count(*) FROM feedback`).pluck().get()).toBe(3)
  })

  it('a file whose name tells nothing goes under the source used last', async () => {
    const id = await upload(TOOL_B, 'export.csv')
    const preview = await call<Preview>('import.preview', { uploadId: id, format: 'generic-csv' })
    expect(preview.source).toBe('tool-a')
  })

  it('refuses a source name with characters outside letters, digits, blank, ".", "_", "-"', async () => {
    const id = await upload(TOOL_B, 'x.csv')
    expect(await core.dispatch('import.preview', { uploadId: id, source: 'a/b' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })
})

describe('a saved Qualtrics mapping and a survey of another layout', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)
  const fixture = readFileSync('test/fixtures/import/qualtrics-export.csv', 'utf8')
  const upload = async (text: string, fileName: string): Promise<string> =>
    (
      await call<{ uploadId: string }>('import.upload', {
        fileName,
        chunkBase64: Buffer.from(text).toString('base64'),
        last: true,
      })
    ).uploadId

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('q.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('keeps the saved columns the file has and detects the rest instead of refusing the file', async () => {
    const first = await upload(fixture, 'q1.csv')
    const { jobId } = await call<{ jobId: string }>('import.start', {
      uploadId: first,
      format: 'qualtrics',
      mapping: { comment: 'Q4_5_TEXT', moreComments: ['Q2'] },
      saveMapping: true,
    })
    for (let i = 0; i < 400; i++) {
      if ((await call<Status>('import.status', { jobId })).state !== 'running') break
      await new Promise((r) => setTimeout(r, 25))
    }
    // The same survey again: the saved mapping applies as it was.
    const same = await call<Preview & { mapping: { moreComments?: string[] } }>('import.preview', {
      uploadId: await upload(fixture, 'q2.csv'),
      format: 'qualtrics',
    })
    expect(same.mapping).toMatchObject({ comment: 'Q4_5_TEXT', moreComments: ['Q2'] })

    // Another survey whose "other" text column has another id: the saved mapping does not fit,
    // and none of it is kept (Q2 may be another question there); detection takes over.
    const header = fixture.indexOf('\n')
    const other = fixture.slice(0, header).replace('Q4_5_TEXT', 'Q4_6_TEXT') + fixture.slice(header)
    const preview = await call<Preview & { mapping: { moreComments?: string[] } }>('import.preview', {
      uploadId: await upload(other, 'q3.csv'),
      format: 'qualtrics',
    })
    // (the fixture's own bad rows stay rejected; none for the mapping)
    expect(preview.sample.filter((s) => s.ok).length).toBeGreaterThan(3)
    expect(preview.sample.filter((s) => /chosen for/.test(s.reason ?? ''))).toEqual([])
    expect(preview.mapping.comment).toBe('Q2')
    expect(preview.mapping.moreComments).toBeUndefined()
  })
})
