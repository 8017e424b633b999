import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { createCommentAnalyzer, type CommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { importFeedback, IMPORT_BATCH } from '../../electron/core/import/feedbackImporter'
import type { FeedbackRecord, RowResult } from '../../electron/core/import/types'
import { insertCustomers } from '../helpers/fixtures'
import { rebuildDashboardRollups } from '../../electron/core/dashboard/rollups'
import { rebuildMovement } from '../../electron/core/dashboard/movement'
import { tempDir } from '../helpers/tmp'

const base: FeedbackRecord = {
  source: 'qualtrics',
  sourceResponseId: 'R_1',
  customerKey: { kind: 'customer_no', value: 'K-1000001' },
  answeredAt: Date.UTC(2026, 10, 20, 13, 5),
  nps: 9,
  intentRaw: 2,
  intentScale: '0-10',
  comment: 'Guter Service, aber zu teuer.',
  language: 'de',
  channel: 'email',
}

async function* from(rows: RowResult<FeedbackRecord>[]): AsyncGenerator<RowResult<FeedbackRecord>> {
  yield* rows
}

/** The answer rollups and movement, non-zero rows in a stable order. */
function dashboardRows(db: DB): unknown[] {
  return ['dash_feedback_day', 'dash_topic_day', 'dash_move_day'].flatMap((t) =>
    (db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).all() as Record<string, unknown>[])
      .filter((r) =>
        Object.entries(r).some(
          ([k, v]) => typeof v === 'number' && v !== 0 && !['day', 'ib', 'from_cell', 'to_cell'].includes(k),
        ),
      )
      .map((r) => `${t} ${JSON.stringify(r)}`),
  )
}

describe('feedback import pipeline (real SQLite file)', () => {
  const tmp = tempDir()
  let db: DB
  let analyzer: CommentAnalyzer
  beforeAll(async () => {
    db = openDatabase(tmp.file('imp.db'))
    analyzer = await createCommentAnalyzer()
    insertCustomers(db, [
      {
        id: 1,
        firstName: 'Anna',
        lastName: 'Schröder',
        phones: ['+49301234567'],
        emails: ['anna@example.de'],
      },
      {
        id: 2,
        firstName: 'Jürgen',
        lastName: 'Müller',
        phones: ['+49897654321'],
        emails: ['shared@example.de'],
      },
      {
        id: 3,
        firstName: 'Petra',
        lastName: 'Müller',
        phones: ['+49897654322'],
        emails: ['shared@example.de'],
      },
    ])
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it('imports, matches customers by number, e-mail and phone, analyses comments and reports bad rows by line', async () => {
    const touched: number[] = []
    const report = await importFeedback(
      db,
      from([
        { ok: true, line: 4, record: base },
        {
          ok: true,
          line: 5,
          record: {
            ...base,
            sourceResponseId: 'R_2',
            customerKey: { kind: 'email', value: 'ANNA@example.de' },
            nps: null,
            comment: null,
          },
        },
        {
          ok: true,
          line: 6,
          record: {
            ...base,
            sourceResponseId: 'R_3',
            customerKey: { kind: 'phone', value: '089 7654321' },
            nps: 3,
          },
        },
        { ok: false, line: 7, reason: 'skipped: preview/test/spam', skipped: true },
        {
          ok: true,
          line: 9,
          record: { ...base, sourceResponseId: 'R_4', customerKey: { kind: 'customer_no', value: 'K-404' } },
        },
        {
          ok: true,
          line: 10,
          record: {
            ...base,
            sourceResponseId: 'R_5',
            customerKey: { kind: 'email', value: 'shared@example.de' },
          },
        },
        {
          ok: true,
          line: 11,
          record: { ...base, sourceResponseId: 'R_6', intentRaw: 7, intentScale: '1-5' },
        },
        { ok: false, line: 12, reason: 'NPS 11 is outside 0-10' },
      ]),
      { region: 'DE', analyzer, onBatch: (ids) => touched.push(...ids) },
    )
    expect(report).toMatchObject({
      rows: 8,
      imported: 3,
      updated: 0,
      duplicates: 0,
      skipped: 1,
      rejected: 4,
      customersTouched: 2,
      cancelled: false,
    })
    expect(report.rejects).toEqual([
      { line: 9, reason: 'no customer with number K-404' },
      { line: 10, reason: 'email shared@example.de belongs to several customers' },
      { line: 11, reason: 'intent answer 7 is outside the 1-5 scale' },
      { line: 12, reason: 'NPS 11 is outside 0-10' },
    ])
    expect([...new Set(touched)].sort()).toEqual([1, 2])
    const rows = db
      .prepare(
        `SELECT source_response_id AS id, customer_id, nps, intent, polarity, topics FROM feedback ORDER BY id`,
      )
      .all()
    expect(rows).toEqual([
      {
        id: 'R_1',
        customer_id: 1,
        nps: 9,
        intent: 0.2,
        polarity: 'negative',
        topics: expect.stringContaining('price'),
      },
      // A skipped NPS question stays empty, never 0.
      { id: 'R_2', customer_id: 1, nps: null, intent: 0.2, polarity: null, topics: null },
      {
        id: 'R_3',
        customer_id: 2,
        nps: 3,
        intent: 0.2,
        polarity: 'negative',
        topics: expect.stringContaining('price'),
      },
    ])
  })

  it('adds nothing twice on re-import and updates a changed response', async () => {
    const report = await importFeedback(
      db,
      from([
        { ok: true, line: 4, record: base },
        {
          ok: true,
          line: 6,
          record: {
            ...base,
            sourceResponseId: 'R_3',
            customerKey: { kind: 'phone', value: '089 7654321' },
            nps: 5,
          },
        },
      ]),
      { region: 'DE', analyzer },
    )
    expect(report).toMatchObject({ imported: 0, duplicates: 1, updated: 1 })
    expect(db.prepare(`SELECT count(*) FROM feedback`).pluck().get()).toBe(3)
    expect(db.prepare(`SELECT nps FROM feedback WHERE source_response_id = 'R_3'`).pluck().get()).toBe(5)
  })

  it('a partial newer version keeps the answers it leaves empty and changes the ones it carries', async () => {
    const full = { ...base, sourceResponseId: 'R_merge', comment: 'Viel zu teuer, ich kündige.' }
    await importFeedback(db, from([{ ok: true, line: 2, record: full }]), { region: 'DE', analyzer })
    // e.g. a Formbricks responseUpdated sent before the comment question, arriving after the export
    const partial = { ...full, nps: null, intentRaw: null, intentScale: null, comment: null }
    const same = await importFeedback(db, from([{ ok: true, line: 2, record: partial }]), {
      region: 'DE',
      analyzer,
    })
    expect(same).toMatchObject({ imported: 0, duplicates: 1, updated: 0 })
    const changed = await importFeedback(db, from([{ ok: true, line: 2, record: { ...partial, nps: 4 } }]), {
      region: 'DE',
      analyzer,
    })
    expect(changed).toMatchObject({ imported: 0, duplicates: 0, updated: 1 })
    expect(
      db
        .prepare(
          `SELECT nps, intent_raw, intent_scale, intent, comment, polarity FROM feedback WHERE source_response_id = 'R_merge'`,
        )
        .get(),
    ).toEqual({
      nps: 4,
      intent_raw: 2,
      intent_scale: '0-10',
      intent: 0.2,
      comment: 'Viel zu teuer, ich kündige.',
      polarity: 'negative',
    })
  })

  it('commits in batches and, when cancelled, commits what was read before the cancel and nothing after', async () => {
    const controller = new AbortController()
    const n = IMPORT_BATCH * 3
    async function* many(): AsyncGenerator<RowResult<FeedbackRecord>> {
      for (let i = 0; i < n; i++) {
        if (i === IMPORT_BATCH + 10) controller.abort()
        yield {
          ok: true,
          line: i + 2,
          record: { ...base, source: 'bulk', sourceResponseId: `b${i}`, comment: null },
        }
      }
    }
    const report = await importFeedback(db, many(), { region: 'DE', analyzer, signal: controller.signal })
    expect(report.cancelled).toBe(true)
    // The abort came before row IMPORT_BATCH + 10 (0-based) was handed over: the first batch and the
    // rows 0..IMPORT_BATCH + 10 of the second are committed, none after.
    expect(db.prepare(`SELECT count(*) FROM feedback WHERE source = 'bulk'`).pluck().get()).toBe(
      IMPORT_BATCH + 11,
    )
    expect(report.rows).toBe(IMPORT_BATCH + 11)
  })

  it('survives kill -9 inside a batch transaction: no half batch, intact file, a re-run completes', async () => {
    const file = tmp.file('kill.db')
    const prep = openDatabase(file)
    insertCustomers(prep, [
      { id: 1, firstName: 'A', lastName: 'A' },
      { id: 2, firstName: 'B', lastName: 'B' },
      { id: 3, firstName: 'C', lastName: 'C' },
    ])
    prep.close()
    const total = IMPORT_BATCH * 3
    const child = path.resolve('test/helpers/importChild.ts')
    // node itself with tsx's loader: the tsx CLI would run the script in a grandchild that a kill
    // of the CLI leaves running.
    const run = (...extra: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', child, file, String(total), ...extra], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    // The child stops inside the second batch's transaction, with its rows, rollups, movement,
    // insights and loops written but not committed, and is killed there.
    const first = run('2')
    await new Promise<void>((resolve) => {
      first.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('holding batch 2 open')) {
          first.kill('SIGKILL')
          resolve()
        }
      })
    })
    await new Promise((r) => first.once('exit', r))
    const after = openDatabase(file)
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok')
    // exactly the first batch: the second left nothing behind, not even its bulk-mode marker
    expect(after.prepare(`SELECT count(*) FROM feedback`).pluck().get()).toBe(IMPORT_BATCH)
    expect(after.prepare(`SELECT count(*) FROM bulk_insert_mode`).pluck().get()).toBe(0)
    // the committed rollups and movement are those of the first batch alone: equal to a recompute
    const rollups = dashboardRows(after)
    rebuildDashboardRollups(after)
    rebuildMovement(after)
    expect(dashboardRows(after)).toEqual(rollups)
    expect(rollups.length).toBeGreaterThan(0)
    const loopsAfterKill = after.prepare(`SELECT count(*) FROM loops`).pluck().get() as number
    expect(after.prepare(`SELECT count(*) FROM loops WHERE feedback_id > ?`).pluck().get(IMPORT_BATCH)).toBe(
      0,
    )
    expect(after.prepare(`SELECT count(*) FROM customer_insights`).pluck().get()).toBe(3)
    after.close()

    const second = run()
    let out = ''
    second.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise((r) => second.once('exit', r))
    expect(code).toBe(0)
    const report = JSON.parse(/done (.*)/.exec(out)?.[1] ?? '{}') as { imported: number; duplicates: number }
    expect(report.duplicates).toBe(IMPORT_BATCH)
    expect(report.imported).toBe(total - IMPORT_BATCH)
    const done = openDatabase(file)
    expect(done.prepare(`SELECT count(*) FROM feedback`).pluck().get()).toBe(total)
    expect(done.prepare(`SELECT count(DISTINCT source_response_id) FROM feedback`).pluck().get()).toBe(total)
    // and after the re-run, those of every row
    const kept = dashboardRows(done)
    rebuildDashboardRollups(done)
    rebuildMovement(done)
    expect(dashboardRows(done)).toEqual(kept)
    // loop rules open each cause once: the re-run found the first batch's loops and added none twice
    expect(done.prepare(`SELECT count(*) FROM loops`).pluck().get()).toBeGreaterThanOrEqual(loopsAfterKill)
    expect(
      done
        .prepare(`SELECT count(*) FROM (SELECT cause FROM loops GROUP BY cause HAVING count(*) > 1)`)
        .pluck()
        .get(),
    ).toBe(0)
    done.close()
  }, 180_000)
})
