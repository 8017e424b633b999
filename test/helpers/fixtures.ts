import type { DB } from '../../electron/core/db/connection'

export interface FixtureCustomer {
  id: number
  firstName: string
  lastName: string
  phones?: string[]
  emails?: string[]
  company?: string
  language?: 'de' | 'en'
}

const DAY = 86_400_000
export const T0 = Date.UTC(2026, 9, 1)

/** Inserts hand-made customers with exactly the rows a test names, and indexes them for search. */
export function insertCustomers(db: DB, customers: FixtureCustomer[]): void {
  const insert = db.prepare(
    `INSERT INTO customers (id, customer_no, first_name, last_name, display_name, company, city, language, vertical,
       plan, value_cents, customer_since, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'Berlin', ?, 'telecom', 'Mobil M', 48000, '2020-01-15', 'active', ?, ?)`,
  )
  const contact = db.prepare(
    `INSERT INTO contact_points (customer_id, kind, value, is_primary) VALUES (?, ?, ?, ?)`,
  )
  const fts = db.prepare(
    `INSERT INTO customers_fts(rowid, display_name, company, customer_no, email) VALUES (?, ?, ?, ?, ?)`,
  )
  db.transaction(() => {
    for (const c of customers) {
      const name = `${c.firstName} ${c.lastName}`
      insert.run(
        c.id,
        `K-${1_000_000 + c.id}`,
        c.firstName,
        c.lastName,
        name,
        c.company ?? null,
        c.language ?? 'de',
        T0,
        T0,
      )
      ;(c.phones ?? []).forEach((p, i) => contact.run(c.id, 'phone', p, i === 0 ? 1 : 0))
      ;(c.emails ?? []).forEach((e, i) => contact.run(c.id, 'email', e, i === 0 ? 1 : 0))
      fts.run(c.id, name, c.company ?? '', `K-${1_000_000 + c.id}`, (c.emails ?? []).join(' '))
    }
  })()
}

export interface FixtureAnswer {
  customerId: number
  daysAgo: number
  nps?: number | null
  intent?: { raw: number; scale: '0-10' | '1-5' | 'percent'; normalised: number } | null
  comment?: string
}

let responseSeq = 0

export function insertAnswers(db: DB, answers: FixtureAnswer[]): void {
  const insert = db.prepare(
    `INSERT INTO feedback (customer_id, nps, intent_raw, intent_scale, intent, comment, language, channel, source,
       source_response_id, answered_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'de', 'email', 'test', ?, ?, ?)`,
  )
  db.transaction(() => {
    for (const a of answers) {
      const at = T0 - a.daysAgo * DAY
      insert.run(
        a.customerId,
        a.nps ?? null,
        a.intent?.raw ?? null,
        a.intent?.scale ?? null,
        a.intent?.normalised ?? null,
        a.comment ?? null,
        `r-${++responseSeq}`,
        at,
        at,
      )
    }
  })()
}
