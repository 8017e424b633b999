import fs from 'node:fs'
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { startHeadlessServer, type HeadlessServer } from '../../electron/core/http/server'
import { caller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const CSV = 'test/fixtures/import/formbricks-export.csv'
const HOOKS = 'test/fixtures/import/formbricks-webhook.json'
const SURVEY = 'cm3pz0s1v0000abcdsurvey01'
/** The question ids of the survey whose CSV export is formbricks-export.csv. */
const QUESTIONS = {
  nps: 'nps7k2a1recommend',
  comment: 'why4h8c2reason',
  intent: 'again9x3b7repurchase',
  intentScale: '0-10',
} as const

type Status = {
  state: string
  report: { imported: number; updated: number; duplicates: number; rejected: number } | null
}
type HookResult = { result: string; responseId: string; reason?: string; loopsCreated: number }

/** A webhook of a response of formbricks-export.csv, answers as the CSV row has them. */
function hook(
  responseId: string,
  createdAt: string,
  userId: string | null,
  answers: Record<string, unknown>,
  event = 'responseFinished',
) {
  return {
    webhookId: 'cm3wh00k0000abcdwebhook01',
    event,
    data: {
      id: responseId,
      createdAt,
      updatedAt: createdAt,
      surveyId: SURVEY,
      finished: event === 'responseFinished',
      data: answers,
      meta: { source: 'email' },
      contact: userId ? { id: 'c1', userId } : null,
      contactAttributes: {},
      language: 'default',
    },
  }
}

// Row 2 of the CSV: "2026-11-20 16:40:00 UTC", K-1000458, NPS 3, intent 2, a two-line comment.
const ROW2 = hook('cm3qk2b8c0002xyz8fbr2d4e2', '2026-11-20T16:40:00.731Z', 'K-1000458', {
  nps7k2a1recommend: 3,
  why4h8c2reason: 'Die Rechnung war "kreativ" berechnet.\nBitte prüfen.',
  again9x3b7repurchase: 2,
})
// Row 7: "2026-11-23 08:02:31 GMT+1", K-1000904, NPS 8, intent 7.
const ROW7_COMMENT = 'Lieferung pünktlich, Verpackung könnte besser sein.'

describe('Formbricks webhooks: received at once, one answer with the CSV export of the same responses', () => {
  const tmp = tempDir()
  let core: Core
  let server: HeadlessServer | null = null
  const call = caller(() => core)

  async function freshCore(name: string): Promise<void> {
    core = await createCore({
      dbPath: tmp.file(`${name}.db`),
      region: 'DE',
      mode: 'headless',
      demo: false,
      log: () => {},
    })
    insertCustomers(core.db, [
      ...[231, 458, 777, 815, 904, 999, 1012, 1101].map((id) => ({
        id,
        firstName: 'Kunde',
        lastName: String(id),
      })),
      { id: 502, firstName: 'Lea', lastName: 'Wagner', emails: ['lea.wagner@example.org'] },
      { id: 2000, firstName: 'Max', lastName: 'Mustermann', emails: ['max.mustermann@example.de'] },
    ])
  }
  afterEach(async () => {
    await server?.close()
    server = null
    await core.close()
  })

  const upload = async (file: string, fileName: string): Promise<string> =>
    (
      await call<{ uploadId: string }>('import.upload', {
        fileName,
        chunkBase64: fs.readFileSync(file).toString('base64'),
        last: true,
      })
    ).uploadId
  const finish = async (jobId: string): Promise<Status> => {
    for (let i = 0; i < 400; i++) {
      const s = await call<Status>('import.status', { jobId })
      if (s.state !== 'running') return s
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error('import did not finish')
  }
  const importCsv = async (): Promise<Status> =>
    finish(
      (
        await call<{ jobId: string }>('import.start', {
          uploadId: await upload(CSV, 'formbricks-export.csv'),
          format: 'formbricks',
        })
      ).jobId,
    )
  const rows = (responseId?: string): number =>
    (responseId
      ? core.db
          .prepare(`SELECT count(*) FROM feedback WHERE source = 'formbricks' AND source_response_id = ?`)
          .pluck()
          .get(responseId)
      : core.db.prepare(`SELECT count(*) FROM feedback WHERE source = 'formbricks'`).pluck().get()) as number
  const answer = (responseId: string) =>
    core.db
      .prepare(
        `SELECT f.nps, f.intent_raw, f.comment, c.customer_no FROM feedback f JOIN customers c ON c.id = f.customer_id
          WHERE f.source = 'formbricks' AND f.source_response_id = ?`,
      )
      .get(responseId) as {
      nps: number | null
      intent_raw: number | null
      comment: string | null
      customer_no: string
    }
  const saveQuestions = () =>
    call('import.setWebhookMapping', { surveyId: SURVEY, mapping: { ...QUESTIONS } })

  it('webhook first, then the CSV export: the CSV finds the answer already there', async () => {
    await freshCore('hook-then-csv')
    await saveQuestions()
    const [first] = JSON.parse(fs.readFileSync(HOOKS, 'utf8')) as unknown[]
    const received = await call<HookResult>('import.formbricksWebhook', first)
    expect(received).toMatchObject({ result: 'imported', responseId: 'cm3qk9p5q0009xyz8fbr2d4e9' })
    expect(answer('cm3qk9p5q0009xyz8fbr2d4e9')).toEqual({
      nps: 9,
      intent_raw: 8,
      comment: 'Freundliche Beratung im Shop, gerne wieder.',
      customer_no: 'K-1001012',
    })
    // The webhook went through the importer: the customer's insight is there at once.
    expect(core.db.prepare(`SELECT nps FROM customer_insights WHERE customer_id = 1012`).pluck().get()).toBe(
      9,
    )

    const csv = await importCsv()
    // 10 responses in the file, one of them already received by webhook.
    expect(csv.report).toMatchObject({ imported: 9, duplicates: 1, updated: 0, rejected: 0 })
    expect(rows('cm3qk9p5q0009xyz8fbr2d4e9')).toBe(1)
    expect(rows()).toBe(10)
  })

  it('CSV first, then webhooks of the same responses: nothing doubled, a changed score updates', async () => {
    await freshCore('csv-then-hook')
    await saveQuestions()
    expect((await importCsv()).report).toMatchObject({ imported: 10, rejected: 0 })
    expect(rows()).toBe(10)

    expect(await call<HookResult>('import.formbricksWebhook', ROW2)).toMatchObject({ result: 'duplicate' })
    expect(rows('cm3qk2b8c0002xyz8fbr2d4e2')).toBe(1)

    const changed = { ...ROW2, data: { ...ROW2.data, data: { ...ROW2.data.data, nps7k2a1recommend: 4 } } }
    expect(await call<HookResult>('import.formbricksWebhook', changed)).toMatchObject({ result: 'updated' })
    expect(answer('cm3qk2b8c0002xyz8fbr2d4e2')).toMatchObject({ nps: 4, intent_raw: 2 })
    expect(rows()).toBe(10)
  })

  it('a partial responseUpdated after the full CSV keeps the stored comment', async () => {
    await freshCore('partial-update')
    await saveQuestions()
    await importCsv()
    const partial = hook(
      'cm3qk7l3m0007xyz8fbr2d4e7',
      '2026-11-23T07:02:31.100Z',
      'K-1000904',
      { nps7k2a1recommend: 8 },
      'responseUpdated',
    )
    const received = await call<HookResult>('import.formbricksWebhook', partial)
    expect(['duplicate', 'updated']).toContain(received.result)
    expect(answer('cm3qk7l3m0007xyz8fbr2d4e7')).toEqual({
      nps: 8,
      intent_raw: 7,
      comment: ROW7_COMMENT,
      customer_no: 'K-1000904',
    })
    expect(rows()).toBe(10)
  })

  it('refuses a payload that is not a response webhook, and rejects an unknown customer with the reason', async () => {
    await freshCore('bad-hooks')
    await saveQuestions()
    const bad = await core.dispatch('import.formbricksWebhook', {
      event: 'responseFinished',
      data: { id: 'x' },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const unknown = hook('cm3qkzz0000unknown', '2026-11-25T10:00:00Z', 'K-9999999', { nps7k2a1recommend: 5 })
    const r = await call<HookResult>('import.formbricksWebhook', unknown)
    expect(r.result).toBe('rejected')
    expect(r.reason).toMatch(/K-9999999/)
    expect(rows()).toBe(0)
  })

  it('POST /api/webhooks/formbricks: imported with the token; refused without it, from a foreign origin or host', async () => {
    await freshCore('http')
    await saveQuestions()
    server = await startHeadlessServer({ dispatch: core.dispatch, token: 'test-token-123' })
    const port = server.port
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/webhooks/formbricks',
            headers: {
              Host: `127.0.0.1:${port}`,
              'Content-Type': 'application/json',
              Authorization: 'Bearer test-token-123',
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
            )
          },
        )
        req.on('error', reject)
        req.end(JSON.stringify(body))
      })

    expect((await post(ROW2, { Authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await post(ROW2, { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post(ROW2, { Host: 'evil.example:80' })).status).toBe(421)
    expect(rows()).toBe(0)

    const ok = await post(ROW2)
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { result: 'imported' } })
    expect(answer('cm3qk2b8c0002xyz8fbr2d4e2')).toMatchObject({ nps: 3, customer_no: 'K-1000458' })

    expect((await post({ event: 'displayCreated', data: {} })).status).toBe(400)
    const unknown = hook('cm3qkzz0000unknown', '2026-11-25T10:00:00Z', 'K-9999999', { nps7k2a1recommend: 5 })
    expect((await post(unknown)).status).toBe(422)
    expect(rows()).toBe(1)
  })

  it('a file of webhook payloads: question ids previewed, mapping saved for its survey and used by later webhooks', async () => {
    await freshCore('hook-file')
    const uploadId = await upload(HOOKS, 'formbricks-webhooks.json')
    const preview = await call<{
      format: string
      columns: string[]
      mapping: Record<string, string>
      source: string | null
      sample: { ok: boolean; nps?: number | null }[]
    }>('import.preview', { uploadId })
    expect(preview.format).toBe('formbricks-webhook')
    expect(preview.columns).toEqual([
      'nps7k2a1recommend',
      'why4h8c2reason',
      'again9x3b7repurchase',
      'topics5m1q0',
    ])
    // Two numeric questions: the one whose id says "recommend" is the NPS; one free-text question.
    expect(preview.mapping).toEqual({ nps: 'nps7k2a1recommend', comment: 'why4h8c2reason' })
    expect(preview.source).toBe(SURVEY)
    expect(preview.sample.map((s) => s.nps)).toEqual([9, 10])

    const mapping = { ...preview.mapping, intent: 'again9x3b7repurchase', intentScale: '0-10' }
    const { jobId } = await call<{ jobId: string }>('import.start', {
      uploadId,
      format: 'formbricks-webhook',
      mapping,
      source: SURVEY,
    })
    expect((await finish(jobId)).report).toMatchObject({ imported: 2, rejected: 0 })
    // The second payload has no contact: its e-mail attribute found Lea Wagner.
    expect(answer('cm3qkbt7u0011xyz8fbr2d4f1')).toMatchObject({ nps: 10, customer_no: 'K-1000502' })

    // A later webhook of that survey is read with the saved question ids (intent included).
    const later = hook('cm3qkcc0000later', '2026-11-26T09:00:00Z', 'K-1000231', {
      nps7k2a1recommend: 6,
      again9x3b7repurchase: 3,
      why4h8c2reason: 'Zu teuer.',
    })
    expect(await call<HookResult>('import.formbricksWebhook', later)).toMatchObject({ result: 'imported' })
    expect(answer('cm3qkcc0000later')).toEqual({
      nps: 6,
      intent_raw: 3,
      comment: 'Zu teuer.',
      customer_no: 'K-1000231',
    })
    expect(rows()).toBe(3)
  })
})
