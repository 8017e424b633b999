import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { csvCell, exportCsv } from '../../electron/core/export/csvExport'
import { insertAnswers, insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

describe('CSV export for Excel', () => {
  const tmp = tempDir()
  let db: DB
  beforeAll(() => {
    db = openDatabase(tmp.file('x.db'))
    insertCustomers(db, [
      {
        id: 1,
        firstName: 'Anna',
        lastName: 'Schröder',
        phones: ['+49301234567'],
        emails: ['anna@example.de'],
        company: 'Müller; Söhne',
      },
      { id: 2, firstName: '=HYPERLINK("x")', lastName: 'Test', phones: ['+49897654321'] },
    ])
    insertAnswers(db, [
      {
        customerId: 1,
        daysAgo: 3,
        nps: 9,
        intent: { raw: 2, scale: '0-10', normalised: 0.2 },
        comment: 'Gut, aber "zu teuer"\nwirklich',
      },
    ])
    db.prepare(
      `INSERT INTO customer_insights (customer_id, nps, intent, segment, risk_score, flags_json, value_cents, computed_at)
       VALUES (1, 9, 0.2, 'at_risk_promoter', 34, '[{"factor":"low_intent","points":20},{"factor":"price_competitor","points":14}]', 48000, 0)`,
    ).run()
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"')
    expect(csvCell('a;b', ',')).toBe('a;b')
    expect(csvCell('say "hi"', ',')).toBe('"say ""hi"""')
    expect(csvCell('=1+1', ',')).toBe("'=1+1")
    expect(csvCell(null, ',')).toBe('')
  })

  it('writes customers with segment and readable risk reasons, German Excel style', async () => {
    const file = tmp.file('customers.csv')
    expect(await exportCsv(db, 'customers', file, { delimiter: ';' })).toBe(2)
    const text = fs.readFileSync(file, 'utf8')
    expect(text.startsWith('\ufeffcustomer_no;first_name;last_name')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines[1]).toContain('K-1000001;Anna;Schröder;"Müller; Söhne";Berlin')
    expect(lines[1]).toContain(';480,00;') // value in euros with a decimal comma
    expect(lines[1]).toContain(';9;0,2;at_risk_promoter;34;low_intent +20, price_competitor +14')
    expect(lines[2]).toContain(`'=HYPERLINK(""x"")`)
  })

  it('writes feedback with comments that hold quotes and line breaks', async () => {
    const file = tmp.file('feedback.csv')
    expect(await exportCsv(db, 'feedback', file, { delimiter: ',' })).toBe(1)
    const text = fs.readFileSync(file, 'utf8')
    expect(text).toContain('"Gut, aber ""zu teuer""\nwirklich"')
    expect(text).toMatch(/K-1000001,test,r-\d+,2026-09-28T00:00:00.000Z,9,2,0-10,0.2,/)
  })
})
