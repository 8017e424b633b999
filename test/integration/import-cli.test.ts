import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/connection'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const TSX = path.resolve('node_modules/.bin/tsx')
const IMPORT_CLI = 'electron/core/import/cli.ts'
const EXPORT_CLI = 'electron/core/export/cli.ts'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a CLI the way `npm run import`/`npm run export` do: tsx in a child process. */
function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], {
      env: { ...process.env, LOOPDESK_DB: '', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The value of one report line, e.g. "imported:             2" -> 2. */
function reported(stdout: string, label: string): number {
  const m = new RegExp(`^${label}:\\s+(\\d+)$`, 'm').exec(stdout)
  if (!m) throw new Error(`no "${label}" line in:\n${stdout}`)
  return Number(m[1])
}

describe('npm run import / npm run export as child processes', () => {
  const tmp = tempDir()
  const db = tmp.file('cli.db')
  const file = (name: string, lines: string[]): string => {
    fs.writeFileSync(tmp.file(name), `\uFEFF${lines.join('\r\n')}\r\n`)
    return tmp.file(name)
  }
  const count = (where = '1 = 1'): number => {
    const d = openDatabase(db, { readonly: true })
    try {
      return d.prepare(`SELECT count(*) FROM feedback WHERE ${where}`).pluck().get() as number
    } finally {
      d.close()
    }
  }

  beforeAll(() => {
    const d = openDatabase(db)
    insertCustomers(
      d,
      [1, 2, 3].map((id) => ({ id, firstName: 'Kunde', lastName: String(id) })),
    )
    d.close()
  })
  afterAll(() => tmp.cleanup())

  it('a file with one bad row: exit 1, report on stdout with the line, progress on stderr', async () => {
    const csv = file('shop-umfrage_2026-11-03.csv', [
      'Antwort-ID;Kundennummer;Datum;NPS;Kommentar',
      'U-1;K-1000001;03.11.2026 10:00;9;Sehr gut',
      'U-2;K-1000002;03.11.2026 11:00;11;Skala verlassen',
      'U-3;K-1000003;03.11.2026 12:00;3;Zu teuer',
    ])
    const r = await run(IMPORT_CLI, ['--type', 'feedback', '--format', 'generic-csv', '--db', db, csv])
    expect(r.code).toBe(1)
    expect(reported(r.stdout, 'rows read')).toBe(3)
    expect(reported(r.stdout, 'imported')).toBe(2)
    expect(reported(r.stdout, 'rejected')).toBe(1)
    // The header is line 1: the second data row is line 3.
    expect(r.stdout).toMatch(/^line 3: .*11/m)
    expect(r.stderr).toMatch(/\d+ rows, \d+ rows\/s/)
    expect(r.stderr).toContain('source: shop-umfrage')
    expect(r.stdout).not.toMatch(/rows\/s, ETA/)
    expect(count(`source = 'shop-umfrage'`)).toBe(2)
  }, 60_000)

  it('a clean file exits 0; --source names the source, so id "1" of two tools is two answers', async () => {
    const a = file('a.csv', ['id,customer_no,date,nps', '1,K-1000001,2026-11-04,8'])
    const b = file('b.csv', ['id,customer_no,date,nps', '1,K-1000002,2026-11-04,6'])
    const common = ['--type', 'feedback', '--format', 'generic-csv', '--db', db]
    const first = await run(IMPORT_CLI, [...common, '--source', 'tool-a', a])
    expect(first.code).toBe(0)
    expect(reported(first.stdout, 'imported')).toBe(1)
    const second = await run(IMPORT_CLI, [...common, '--source', 'tool-b', b])
    expect(second.code).toBe(0)
    expect(reported(second.stdout, 'imported')).toBe(1)
    expect(count(`source_response_id = '1'`)).toBe(2)
    // The same file under the same source again: already present, nothing added.
    const again = await run(IMPORT_CLI, [...common, '--source', 'tool-a', a])
    expect(again.code).toBe(0)
    expect(reported(again.stdout, 'already present')).toBe(1)
    expect(count(`source_response_id = '1'`)).toBe(2)
  }, 60_000)

  it('reads a file of Formbricks webhook payloads with --format formbricks-webhook', async () => {
    const hooks = tmp.file('hooks.ndjson')
    const payload = (id: string, userId: string, nps: number) =>
      JSON.stringify({
        event: 'responseFinished',
        data: {
          id,
          createdAt: '2026-11-25T08:00:00.000Z',
          surveyId: 'survey1',
          data: { q_nps: nps, q_why: 'Freundlich' },
          contact: { userId },
        },
      })
    fs.writeFileSync(hooks, [payload('fb-1', 'K-1000001', 10), payload('fb-2', 'K-1000003', 2)].join('\n'))
    const mapping = tmp.file('hook-mapping.json')
    fs.writeFileSync(mapping, JSON.stringify({ nps: 'q_nps', comment: 'q_why' }))
    const r = await run(IMPORT_CLI, [
      '--format',
      'formbricks-webhook',
      '--mapping',
      mapping,
      '--db',
      db,
      hooks,
    ])
    expect(r.code).toBe(0)
    expect(reported(r.stdout, 'imported')).toBe(2)
    expect(count(`source = 'formbricks' AND nps = 2 AND comment = 'Freundlich'`)).toBe(1)
  }, 60_000)

  it('bad arguments exit 2 with the usage', async () => {
    const csv = file('x.csv', ['id,customer_no,date,nps', '9,K-1000001,2026-11-04,8'])
    for (const args of [
      ['--format', 'excel', csv],
      ['--format', 'generic-csv'],
      ['--format', 'generic-csv', tmp.file('missing.csv')],
      ['--format', 'qualtrics', '--source', 'mine', csv],
      ['--format', 'generic-csv', '--source', 'a/b', csv],
    ]) {
      const r = await run(IMPORT_CLI, [...args, '--db', db])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/^usage: npm run import -- --type /m)
      expect(r.stdout).toBe('')
    }
  }, 60_000)

  it('export: a ";" CSV with BOM for German Excel, one line per customer; bad arguments exit 2', async () => {
    const out = tmp.file('kunden.csv')
    const r = await run(EXPORT_CLI, ['--what', 'customers', '--out', out, '--delimiter', ';', '--db', db])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`3 customers rows written to ${out}`)
    const text = fs.readFileSync(out, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]?.split(';').slice(0, 3)).toEqual(['customer_no', 'first_name', 'last_name'])
    expect(lines[0]).toContain(';segment;risk_score;')
    expect(lines.slice(1, -1).map((l) => l.split(';')[0])).toEqual(['K-1000001', 'K-1000002', 'K-1000003'])
    // value_cents 48000 as euros with a decimal comma
    expect(lines[1]).toContain(';480,00;')

    for (const args of [
      ['--what', 'tickets', '--out', out],
      ['--what', 'customers'],
      ['--what', 'customers', '--out', out, '--delimiter', '\t'],
    ]) {
      const bad = await run(EXPORT_CLI, [...args, '--db', db])
      expect(bad.code, args.join(' ')).toBe(2)
      expect(bad.stderr).toMatch(/^usage: npm run export -- --what customers\|feedback\|loops/m)
    }
  }, 60_000)
})
