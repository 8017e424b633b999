import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { createCommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { exportCsv } from '../../electron/core/export/csvExport'
import { createDerivedUpdates } from '../../electron/core/import/derivedUpdates'
import { importFeedback } from '../../electron/core/import/feedbackImporter'
import { importRecords, openRecordRows, type RecordType } from '../../electron/core/import/recordImporters'
import type { FeedbackRecord, RowResult } from '../../electron/core/import/types'
import { createCustomerSearch } from '../../electron/core/services/customerSearch'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

/** Customers, contact points, usage, tickets and churn events from generic CSV/JSON files into a real SQLite file. */
describe('record importers (real SQLite file)', () => {
  const tmp = tempDir()
  let db: DB
  let fileNo = 0
  const run = (type: RecordType, text: string, ext = 'csv') => {
    const file = tmp.file(`in-${++fileNo}.${ext}`)
    fs.writeFileSync(file, text)
    const input = openRecordRows(file, type, ext === 'json' ? 'json' : 'generic-csv', 'DE')
    return importRecords(db, type, input.rows, { region: 'DE', afterWrite: createDerivedUpdates(db) })
  }
  const count = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number

  beforeAll(() => {
    db = openDatabase(tmp.file('records.db'))
    insertCustomers(db, [{ id: 1, firstName: 'Anna', lastName: 'Schröder', phones: ['+49301234567'] }])
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  const customersCsv = [
    '\ufeffKundennummer;Vorname;Nachname;Firma;E-Mail;Telefon;Sprache;Branche;Wert;Kunde seit;Ort',
    'K-2001;Jürgen;Müller;;JM@Example.de;030 7654321;de;Telekommunikation;1.234,56 €;15.03.2021;Berlin',
    'K-2002;;;Acme Ltd;ops@acme.example;+44 20 7946 0018;en;SaaS;99;2022-01-01;London',
    'K-2003;Petra;Klein;;;;de;;;2020-05-05;Köln',
    'K-2004;Max;Weber;;;0123;de;shop;;2020-05-05;Köln',
    'K-2005;Eva;Roth;;;;fr;saas;;2020-05-05;Bonn',
    'K-2001;Jürgen;Müller;;;;de;telecom;;2021-03-15;Berlin',
  ].join('\n')

  it('imports customers with E.164 phones and searchable names, and rejects bad rows by line', async () => {
    const report = await run('customers', customersCsv)
    expect(report).toMatchObject({ rows: 6, imported: 2, updated: 0, duplicates: 0, rejected: 4 })
    expect(report.rejects).toEqual([
      { line: 4, reason: 'missing vertical (telecom, ecommerce or saas) for a new customer' },
      { line: 5, reason: '"0123" is not a valid phone number' },
      { line: 6, reason: "language 'fr' is not de or en" },
      { line: 7, reason: expect.stringContaining('K-2001') },
    ])
    const c = db
      .prepare(
        `SELECT id, display_name, vertical, value_cents, customer_since, language FROM customers WHERE customer_no = 'K-2001'`,
      )
      .get() as {
      id: number
      display_name: string
      vertical: string
      value_cents: number
      customer_since: string
    }
    expect(c).toMatchObject({
      display_name: 'Jürgen Müller',
      vertical: 'telecom',
      value_cents: 123_456,
      customer_since: '2021-03-15',
      language: 'de',
    })
    const contacts = db
      .prepare(`SELECT kind, value, is_primary FROM contact_points WHERE customer_id = ? ORDER BY kind`)
      .all(c.id)
    expect(contacts).toEqual([
      { kind: 'email', value: 'jm@example.de', is_primary: 1 },
      { kind: 'phone', value: '+49307654321', is_primary: 1 },
    ])
    expect(db.prepare(`SELECT display_name FROM customers WHERE customer_no = 'K-2002'`).pluck().get()).toBe(
      'Acme Ltd',
    )
    // customers_fts follows: type-ahead finds the new customer (umlauts folded) and the company
    const search = createCustomerSearch(db)
    expect(search.search('Muller', 5)).toEqual([c.id])
    expect(search.search('acme', 5)).toHaveLength(1)
    // each new customer got an insight
    expect(count(`SELECT count(*) FROM customer_insights WHERE customer_id = ?`, c.id)).toBe(1)
  })

  it('adds nothing on re-import and updates a changed customer', async () => {
    const again = await run('customers', customersCsv)
    expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: 2, rejected: 4 })
    const changed = await run(
      'customers',
      'customer_no,city,last_name,vertical,customer_since\nK-2001,Hamburg,Müller,telecom,2021-03-15\n',
    )
    expect(changed).toMatchObject({ imported: 0, updated: 1, duplicates: 0, rejected: 0 })
    expect(db.prepare(`SELECT city FROM customers WHERE customer_no = 'K-2001'`).pluck().get()).toBe(
      'Hamburg',
    )
    expect(count(`SELECT count(*) FROM customers`)).toBe(3)
  })

  it('imports contact points in any notation, once, for the named customer', async () => {
    const csv = [
      'Kundennummer;Art;Nummer;Primär',
      'K-1000001;Telefon;(030) 123 45 68;ja',
      'K-1000001;mail;Anna@Example.DE;',
      'K-1000001;Telefon;+49 30 1234568;',
      'K-404;Telefon;030 1111111;',
      'K-1000001;Fax;030 1111111;',
    ].join('\n')
    const report = await run('contact_points', csv)
    expect(report).toMatchObject({ imported: 2, duplicates: 1, rejected: 2 })
    expect(report.rejects).toEqual([
      { line: 5, reason: 'no customer with number K-404' },
      { line: 6, reason: "contact kind 'Fax' is not phone or e-mail" },
    ])
    expect(
      db
        .prepare(
          `SELECT value, is_primary FROM contact_points WHERE customer_id = 1 AND kind = 'phone' ORDER BY value`,
        )
        .all(),
    ).toEqual([
      { value: '+49301234567', is_primary: 0 },
      { value: '+49301234568', is_primary: 1 },
    ])
    // the new e-mail is searchable
    expect(createCustomerSearch(db).search('anna@example.de', 5)).toEqual([1])
    expect(await run('contact_points', csv)).toMatchObject({ imported: 0, duplicates: 3, rejected: 2 })
  })

  it('imports usage per customer and month, updates changed units, adds nothing twice', async () => {
    const csv =
      'customer_no,month,units\nK-1000001,2026-09,120\nK-1000001,2026-10,"80"\nK-1000001,2026-10,80\nK-1000001,2026-11,-5\n'
    const first = await run('usage', csv)
    // the third row repeats the second in the same file: reported, not added
    expect(first).toMatchObject({ imported: 2, duplicates: 1, rejected: 1 })
    expect(first.rejects).toEqual([{ line: 5, reason: 'units -5 is negative' }])
    const second = await run(
      'usage',
      'customer_no,month,units\nK-1000001,2026-09,120\nK-1000001,2026-10,60\n',
    )
    expect(second).toMatchObject({ imported: 0, updated: 1, duplicates: 1 })
    expect(
      db.prepare(`SELECT period_start, units FROM usage WHERE customer_id = 1 ORDER BY period_start`).all(),
    ).toEqual([
      { period_start: '2026-09-01', units: 120 },
      { period_start: '2026-10-01', units: 60 },
    ])
  })

  it('imports tickets and churn events from JSON, idempotently, and marks churned customers', async () => {
    const tickets = JSON.stringify([
      {
        customer_no: 'K-1000001',
        subject: 'Rechnung falsch',
        status: 'offen',
        opened_at: '2026-11-01T10:00:00Z',
      },
      {
        customer_no: 'K-1000001',
        subject: 'Kein Netz',
        opened_at: '2026-11-02T10:00:00Z',
        closed_at: '2026-11-01T10:00:00Z',
      },
    ])
    const t1 = await run('tickets', tickets, 'json')
    expect(t1).toMatchObject({ imported: 1, rejected: 1 })
    expect(t1.rejects[0]?.reason).toBe('the ticket is closed before it was opened')
    expect(await run('tickets', tickets, 'json')).toMatchObject({ imported: 0, duplicates: 1 })
    const closed = JSON.stringify([
      {
        customer_no: 'K-1000001',
        subject: 'Rechnung falsch',
        status: 'geschlossen',
        opened_at: '2026-11-01T10:00:00Z',
        closed_at: '2026-11-03T10:00:00Z',
      },
    ])
    expect(await run('tickets', closed, 'json')).toMatchObject({ imported: 0, updated: 1 })
    expect(db.prepare(`SELECT status, closed_at FROM tickets WHERE customer_id = 1`).all()).toEqual([
      { status: 'closed', closed_at: Date.UTC(2026, 10, 3, 10) },
    ])

    const churn = 'customer_no,churned_at,reason\nK-2002,2026-11-15T00:00:00Z,zu teuer\n'
    expect(await run('churn', churn)).toMatchObject({ imported: 1 })
    expect(await run('churn', churn)).toMatchObject({ imported: 0, duplicates: 1 })
    expect(db.prepare(`SELECT status, churned_at FROM customers WHERE customer_no = 'K-2002'`).get()).toEqual(
      {
        status: 'churned',
        churned_at: Date.UTC(2026, 10, 15),
      },
    )
    expect(count(`SELECT count(*) FROM churn_events`)).toBe(1)
  })

  it('refuses survey-export formats for CRM records with a readable message', () => {
    const file = tmp.file('x.csv')
    fs.writeFileSync(file, 'a\n1\n')
    expect(() => openRecordRows(file, 'usage', 'qualtrics', 'DE')).toThrow(
      'qualtrics files hold survey answers; import usage from a CSV or JSON file',
    )
  })

  it('runs the loop rules for imported answers: a fresh detractor opens one loop, a re-import none', async () => {
    const now = Date.now()
    async function* rows(): AsyncGenerator<RowResult<FeedbackRecord>> {
      const base: FeedbackRecord = {
        source: 'loop-test',
        sourceResponseId: 'd1',
        customerKey: { kind: 'customer_no', value: 'K-1000001' },
        answeredAt: now - 86_400_000,
        nps: 2,
        intentRaw: null,
        intentScale: null,
        comment: null,
        language: 'de',
        channel: null,
      }
      yield { ok: true, line: 2, record: base }
      // a promoter answer opens nothing
      yield { ok: true, line: 3, record: { ...base, sourceResponseId: 'p1', nps: 10 } }
    }
    const analyzer = await createCommentAnalyzer()
    const options = { region: 'DE' as const, analyzer, afterWrite: createDerivedUpdates(db) }
    const first = await importFeedback(db, rows(), options)
    expect(first).toMatchObject({ imported: 2, loopsCreated: 1 })
    const loop = db.prepare(`SELECT origin, type, cause, state FROM loops WHERE customer_id = 1`).all()
    expect(loop).toEqual([
      {
        origin: 'rule',
        type: 'service_recovery',
        cause: expect.stringMatching(/^detractor:f\d+$/),
        state: 'open',
      },
    ])
    expect(await importFeedback(db, rows(), options)).toMatchObject({
      imported: 0,
      duplicates: 2,
      loopsCreated: 0,
    })
  })

  it('exports the loop the import opened with its lifecycle columns and its history', async () => {
    const file = tmp.file('loops.csv')
    expect(await exportCsv(db, 'loops', file, { delimiter: ';' })).toBe(1)
    const [header = '', row = ''] = fs.readFileSync(file, 'utf8').slice(1).split('\r\n')
    const columns = header.split(';')
    for (const c of [
      'cause',
      'sla_hours',
      'assigned_at',
      'informed_at',
      'resolved_at',
      'review_state',
      'reopen_count',
      'history',
    ])
      expect(columns).toContain(c)
    const cells = row.split(';')
    const cell = (name: string) => cells[columns.indexOf(name)]
    expect(cell('customer_no')).toBe('K-1000001')
    expect(cell('origin')).toBe('rule')
    expect(cell('cause')).toMatch(/^detractor:f\d+$/)
    expect(cell('state')).toBe('open')
    expect(cell('reopen_count')).toBe('0')
    // the history: ISO time, event kind, old -> new, and the event detail
    expect(row).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ created – -> open: \{""origin"":""rule""/)
  })
})
