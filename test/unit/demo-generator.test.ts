import crypto from 'node:crypto'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import {
  TRUE_CHURN_DRIVERS,
  isEmptyDatabase,
  landlineNumber,
  mobileNumber,
  seedDemoData,
  type SeedReport,
} from '../../electron/core/demo/generator'
import { Random } from '../../electron/core/demo/random'
import { COMMENT_TEMPLATES, GERMAN_CITIES, TOPICS, UK_CITIES } from '../../electron/core/demo/vocabulary'
import { tempDir } from '../helpers/tmp'

const CUSTOMERS = 500
const DAY = 86_400_000
const TABLES = [
  'users',
  'offers',
  'customers',
  'contact_points',
  'feedback',
  'usage',
  'tickets',
  'churn_events',
  'loops',
  'loop_events',
]

function seeded(file: string, customers: number, seed = 7): { db: DB; report: SeedReport } {
  const db = openDatabase(file)
  return { db, report: seedDemoData(db, { customers, seed }) }
}

function tableHash(db: DB, table: string): string {
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()
  return crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex')
}

const count = (db: DB, sql: string): number => db.prepare(sql).pluck().get() as number

describe('demo data generator', () => {
  const tmp = tempDir('loopdesk-demo-')
  let db: DB
  let report: SeedReport

  beforeAll(() => {
    ;({ db, report } = seeded(tmp.file('demo.db'), CUSTOMERS))
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it('writes the rows it reports', () => {
    expect(report.customers).toBe(CUSTOMERS)
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(CUSTOMERS)
    expect(count(db, 'SELECT min(id) FROM customers')).toBe(1)
    expect(count(db, 'SELECT max(id) FROM customers')).toBe(CUSTOMERS)
    expect(count(db, 'SELECT count(*) FROM contact_points')).toBe(report.contactPoints)
    expect(count(db, 'SELECT count(*) FROM feedback')).toBe(report.feedback)
    expect(count(db, 'SELECT count(*) FROM usage')).toBe(report.usage)
    expect(count(db, 'SELECT count(*) FROM tickets')).toBe(report.tickets)
    expect(count(db, 'SELECT count(*) FROM loops')).toBe(report.loops)
    expect(count(db, 'SELECT count(*) FROM users')).toBe(11)
    expect(count(db, 'SELECT count(*) FROM offers')).toBe(6)
    expect(db.prepare(`SELECT customer_no FROM customers WHERE id = 1`).pluck().get()).toBe('K-1000001')
    expect(isEmptyDatabase(db)).toBe(false)
  })

  it('keeps foreign keys and check constraints intact', () => {
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('produces identical data for the same seed and different data for another', () => {
    const a = seeded(tmp.file('a.db'), CUSTOMERS, 7)
    const b = seeded(tmp.file('b.db'), CUSTOMERS, 99)
    try {
      for (const table of TABLES) expect(tableHash(a.db, table), table).toBe(tableHash(db, table))
      expect(tableHash(b.db, 'feedback')).not.toBe(tableHash(db, 'feedback'))
      expect({ ...a.report, ms: 0 }).toEqual({ ...report, ms: 0 })
    } finally {
      a.db.close()
      b.db.close()
    }
  })

  it('gives every customer a unique, valid E.164 primary phone', () => {
    const phones = db
      .prepare(`SELECT customer_id, value, is_primary FROM contact_points WHERE kind = 'phone'`)
      .all() as {
      customer_id: number
      value: string
      is_primary: number
    }[]
    for (const { value } of phones) {
      const parsed = parsePhoneNumberFromString(value)
      expect(parsed?.isValid(), value).toBe(true)
      expect(parsed?.number).toBe(value)
    }
    expect(new Set(phones.map((p) => p.value)).size).toBe(phones.length)
    expect(new Set(phones.filter((p) => p.is_primary).map((p) => p.customer_id)).size).toBe(CUSTOMERS)
    const second = phones.length - CUSTOMERS
    expect(second / CUSTOMERS).toBeGreaterThan(0.2)
    expect(second / CUSTOMERS).toBeLessThan(0.4)
    const german = count(
      db,
      `SELECT count(*) FROM contact_points p JOIN customers c ON c.id = p.customer_id
      WHERE p.kind = 'phone' AND p.is_primary = 1 AND c.language = 'de' AND p.value LIKE '+49%'`,
    )
    expect(german).toBe(count(db, `SELECT count(*) FROM customers WHERE language = 'de'`))
    expect(count(db, `SELECT count(*) FROM customers WHERE language = 'de'`) / CUSTOMERS).toBeGreaterThan(0.7)
  })

  it('builds phone numbers that stay valid and unique over the whole id range', () => {
    const seen = new Set<string>()
    const ids = [...Array.from({ length: 30_000 }, (_, k) => 1 + k * 166), 4_999_999, 5_000_000]
    const cities = [...GERMAN_CITIES, ...UK_CITIES].filter((c) => c.areaCode !== null)
    for (const id of ids) {
      const city = cities[id % cities.length]!
      const numbers = [
        mobileNumber(id, 'de'),
        mobileNumber(id, 'en'),
        landlineNumber(id, city, GERMAN_CITIES.includes(city) ? '49' : '44'),
      ]
      for (const n of numbers) {
        expect(seen.has(n), n).toBe(false)
        seen.add(n)
      }
    }
    for (const id of ids.filter((_, k) => k % 50 === 0)) {
      for (const city of cities) {
        const n = landlineNumber(id, city, GERMAN_CITIES.includes(city) ? '49' : '44')
        expect(parsePhoneNumberFromString(n)?.isValid(), n).toBe(true)
      }
      expect(parsePhoneNumberFromString(mobileNumber(id, 'de'))?.isValid()).toBe(true)
      expect(parsePhoneNumberFromString(mobileNumber(id, 'en'))?.isValid()).toBe(true)
    }
  })

  it('gives most customers a unique lower-case e-mail', () => {
    const emails = db
      .prepare(`SELECT value FROM contact_points WHERE kind = 'email'`)
      .pluck()
      .all() as string[]
    expect(emails.length / CUSTOMERS).toBeGreaterThan(0.75)
    expect(new Set(emails).size).toBe(emails.length)
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@[a-z0-9.]+\.(com|net|org|example)$/)
  })

  it('writes about five answers per customer with valid NPS and intent', () => {
    expect(report.feedback / CUSTOMERS).toBeGreaterThan(4.3)
    expect(report.feedback / CUSTOMERS).toBeLessThan(5.7)
    expect(
      count(db, `SELECT count(*) FROM feedback WHERE source = 'demo' AND source_response_id = 'demo-' || id`),
    ).toBe(report.feedback)
    expect(count(db, `SELECT count(*) FROM feedback WHERE nps IS NULL`)).toBeGreaterThan(0)
    expect(count(db, `SELECT count(DISTINCT intent_scale) FROM feedback`)).toBe(3)
    const share = count(db, `SELECT avg(comment IS NOT NULL) FROM feedback`)
    expect(share).toBeGreaterThan(0.4)
    expect(share).toBeLessThan(0.6)
    // Two years of answers before each customer's reference date; churned customers' end at churn, up to a year ago.
    expect(count(db, `SELECT min(answered_at) FROM feedback`)).toBeGreaterThanOrEqual(
      Date.UTC(2023, 10, 1) - 2 * DAY,
    )
    expect(count(db, `SELECT max(answered_at) FROM feedback`)).toBeLessThanOrEqual(Date.UTC(2026, 10, 1))
  })

  it('writes comments from templates in the customer language that fit the score', () => {
    const byText = new Map(COMMENT_TEMPLATES.map((t) => [t.text, t]))
    const rows = db
      .prepare(
        `SELECT f.comment, f.nps, f.language, c.language AS customer_language FROM feedback f
                JOIN customers c ON c.id = f.customer_id WHERE f.comment IS NOT NULL`,
      )
      .all() as { comment: string; nps: number; language: string; customer_language: string }[]
    let fitting = 0
    for (const row of rows) {
      const template = byText.get(row.comment)
      expect(template, row.comment).toBeDefined()
      expect(template!.lang).toBe(row.customer_language)
      expect(row.language).toBe(row.customer_language)
      const expected = row.nps >= 9 ? 'positive' : row.nps >= 7 ? 'neutral' : 'negative'
      if (template!.polarity === expected) fitting++
    }
    expect(fitting / rows.length).toBeGreaterThan(0.75)
    expect(rows.some((r) => r.customer_language === 'de' && /[äöüß]/.test(r.comment))).toBe(true)
  })

  it('marks 5-15 % of customers as churned, each with a churn event', () => {
    const churned = count(db, `SELECT count(*) FROM customers WHERE status = 'churned'`)
    expect(churned).toBe(report.churned)
    expect(churned / CUSTOMERS).toBeGreaterThan(0.05)
    expect(churned / CUSTOMERS).toBeLessThan(0.15)
    expect(count(db, `SELECT count(*) FROM churn_events`)).toBe(churned)
    expect(
      count(
        db,
        `SELECT count(*) FROM customers c JOIN churn_events e ON e.customer_id = c.id
                 WHERE c.status = 'churned' AND c.churned_at = e.churned_at AND e.reason IS NOT NULL`,
      ),
    ).toBe(churned)
    expect(
      count(db, `SELECT count(*) FROM customers WHERE status = 'active' AND churned_at IS NOT NULL`),
    ).toBe(0)
  })

  it('contains at-risk promoters: high NPS, low purchase intent', () => {
    expect(
      count(db, `SELECT count(DISTINCT customer_id) FROM feedback WHERE nps >= 9 AND intent < 0.4`),
    ).toBeGreaterThan(5)
  })

  it('writes twelve weekly usage rows starting on Mondays', () => {
    expect(report.usage).toBe(CUSTOMERS * 12)
    expect(count(db, `SELECT count(*) FROM usage WHERE strftime('%w', period_start) <> '1'`)).toBe(0)
    expect(count(db, `SELECT max(n) FROM (SELECT count(*) AS n FROM usage GROUP BY customer_id)`)).toBe(12)
  })

  it('opens loops for recent detractors and keeps a year of worked loops, each with its audit trail', () => {
    const fromFeedback = db
      .prepare(
        `SELECT l.id, l.state, l.assignee_id, l.cause, f.nps FROM loops l JOIN feedback f ON f.id = l.feedback_id`,
      )
      .all() as { id: number; state: string; assignee_id: number | null; cause: string; nps: number }[]
    expect(fromFeedback.length).toBeGreaterThan(0)
    for (const loop of fromFeedback) {
      expect(loop.nps).toBeLessThanOrEqual(6)
      expect(['open', 'assigned', 'in_progress', 'action_taken', 'customer_informed']).toContain(loop.state)
      expect(loop.assignee_id === null).toBe(loop.state === 'open')
      expect(loop.cause).toMatch(/^detractor:f\d+$/)
    }
    expect(count(db, 'SELECT count(*) FROM loops')).toBe(report.loops)
    // Every loop starts with a 'created' event; every state in the row is the last state event's target.
    expect(count(db, `SELECT count(*) FROM loop_events WHERE kind = 'created'`)).toBe(report.loops)
    expect(
      count(
        db,
        `SELECT count(*) FROM loops l WHERE l.state <> 'open' AND l.state <> (
           SELECT e.new_value FROM loop_events e WHERE e.loop_id = l.id AND e.kind = 'state' ORDER BY e.at DESC, e.id DESC LIMIT 1)`,
      ),
    ).toBe(0)
    // Resolved loops were told to the customer first and wait for, or passed, review.
    expect(count(db, `SELECT count(*) FROM loops WHERE state = 'resolved'`)).toBeGreaterThan(0)
    expect(
      count(
        db,
        `SELECT count(*) FROM loops WHERE state = 'resolved' AND (informed_at IS NULL OR informed_at > resolved_at OR review_state IS NULL)`,
      ),
    ).toBe(0)
  })

  it('indexes customers for search by surname prefix, diacritics folded, and by e-mail', () => {
    const search = db.prepare(`SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?`).pluck()
    const mueller = db.prepare(`SELECT id FROM customers WHERE last_name = 'Müller'`).pluck().all()
    expect(mueller.length).toBeGreaterThan(0)
    const hits = search.all('"mül"*')
    expect(hits).toEqual(expect.arrayContaining(mueller))
    const mail = db
      .prepare(`SELECT customer_id, value FROM contact_points WHERE kind = 'email' LIMIT 1`)
      .get() as {
      customer_id: number
      value: string
    }
    expect(search.all(`"${mail.value}"`)).toContain(mail.customer_id)
    expect(search.all('"K-1000042"')).toEqual([42])
  })

  it('refuses to seed a database that already has customers', () => {
    expect(() => seedDemoData(db, { customers: 10 })).toThrow(/without customers/)
  })

  it('rejects nonsensical options', () => {
    const empty = openDatabase(tmp.file('empty.db'))
    try {
      expect(() => seedDemoData(empty, { customers: 0 })).toThrow(RangeError)
      expect(() => seedDemoData(empty, { customers: 1.5 })).toThrow(RangeError)
      expect(() => seedDemoData(empty, { customers: 5_000_001 })).toThrow(RangeError)
      expect(isEmptyDatabase(empty)).toBe(true)
    } finally {
      empty.close()
    }
  })
})

describe('demo data reflects the churn drivers', () => {
  const tmp = tempDir('loopdesk-demo-drivers-')
  let db: DB
  beforeAll(() => {
    ;({ db } = seeded(tmp.file('drivers.db'), 5000, 11))
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  const churnRate = (where: string): number =>
    count(db, `SELECT avg(status = 'churned') FROM customers c WHERE ${where}`)

  it('churns more customers with low intent, many tickets, price talk or falling usage', () => {
    const lastIntent = `(SELECT intent FROM feedback f WHERE f.customer_id = c.id AND intent IS NOT NULL
                         ORDER BY answered_at DESC LIMIT 1)`
    expect(churnRate(`${lastIntent} < 0.4`)).toBeGreaterThan(2 * churnRate(`${lastIntent} >= 0.7`))
    const tickets = `(SELECT count(*) FROM tickets t WHERE t.customer_id = c.id)`
    expect(churnRate(`${tickets} >= 2`)).toBeGreaterThan(1.5 * churnRate(`${tickets} = 0`))
    const priceTalk = `EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id AND (f.comment LIKE '%teuer%'
                        OR f.comment LIKE '%Konkurrenz%' OR f.comment LIKE '%Wettbewerber%' OR f.comment LIKE '%expensive%'
                        OR f.comment LIKE '%competit%'))`
    expect(churnRate(priceTalk)).toBeGreaterThan(1.5 * churnRate(`NOT ${priceTalk}`))
    const trend = `(SELECT sum(CASE WHEN period_start >= (SELECT max(period_start) FROM usage u2 WHERE u2.customer_id = c.id)
                      THEN units END) / sum(CASE WHEN period_start = (SELECT min(period_start) FROM usage u3 WHERE u3.customer_id = c.id)
                      THEN units END) FROM usage u WHERE u.customer_id = c.id)`
    expect(churnRate(`${trend} < 0.8`)).toBeGreaterThan(1.5 * churnRate(`${trend} > 1`))
  })

  it('exports coefficients whose signs match the story', () => {
    expect(TRUE_CHURN_DRIVERS.satisfaction).toBeLessThan(0)
    expect(TRUE_CHURN_DRIVERS.intent).toBeLessThan(0)
    expect(TRUE_CHURN_DRIVERS.usageTrendPct).toBeLessThan(0)
    expect(TRUE_CHURN_DRIVERS.priceSensitive).toBeGreaterThan(0)
    expect(TRUE_CHURN_DRIVERS.tickets).toBeGreaterThan(0)
    expect(TRUE_CHURN_DRIVERS.contractEndSoon).toBeGreaterThan(0)
  })
})

describe('vocabulary and random helpers', () => {
  it('has enough labelled comment templates in both languages covering every topic', () => {
    for (const lang of ['de', 'en'] as const) {
      const templates = COMMENT_TEMPLATES.filter((t) => t.lang === lang)
      expect(templates.length).toBeGreaterThanOrEqual(40)
      for (const polarity of ['positive', 'neutral', 'negative'] as const) {
        expect(templates.filter((t) => t.polarity === polarity).length).toBeGreaterThanOrEqual(10)
      }
      for (const topic of TOPICS)
        expect(
          templates.some((t) => t.topics.includes(topic)),
          `${lang} ${topic}`,
        ).toBe(true)
      expect(templates.some((t) => t.mixed)).toBe(true)
    }
    expect(new Set(COMMENT_TEMPLATES.map((t) => t.text)).size).toBe(COMMENT_TEMPLATES.length)
  })

  it('repeats the same sequence for the same seed and stream', () => {
    const draw = (r: Random) => [
      r.next(),
      r.int(1, 6),
      r.normal(0, 1),
      r.pick(['a', 'b', 'c']),
      r.chance(0.5),
    ]
    expect(draw(new Random(1, 2))).toEqual(draw(new Random(1, 2)))
    expect(draw(new Random(1, 2))).not.toEqual(draw(new Random(1, 3)))
    const r = new Random(5)
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 7)
      expect(v).toBeGreaterThanOrEqual(3)
      expect(v).toBeLessThanOrEqual(7)
      expect(r.weighted(['x', 'y'], [0, 1])).toBe('y')
    }
  })
})
