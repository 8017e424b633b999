import fs from 'node:fs'
import type { CountryCode } from 'libphonenumber-js'
import type { DB } from '../db/connection'
import { createCustomerSearch } from '../services/customerSearch'
import {
  runBatchedImport,
  sortedIds,
  type BatchChanges,
  type BatchContext,
  type BatchOptions,
  type BatchWriter,
  type ImportReport,
} from './batchedImport'
import { createCustomerResolver, type CustomerResolver } from './customerResolver'
import {
  readChurnCsv,
  readChurnJson,
  readContactPointsCsv,
  readContactPointsJson,
  readCustomersCsv,
  readCustomersJson,
  readTicketsCsv,
  readTicketsJson,
  readUsageCsv,
  readUsageJson,
} from './generic'
import type { ImportFormat } from './sources'
import {
  ImportFormatError,
  type ChurnRecord,
  type ContactPointRecord,
  type CustomerKey,
  type CustomerRecord,
  type RowResult,
  type TicketRecord,
  type UsageRecord,
} from './types'

/**
 * Importers for the CRM side: customers, contact points, usage, tickets and churn events. Same
 * guarantees as the answer import (batches of one transaction, rejected rows with their line,
 * idempotent re-runs); each record type is matched on its natural key:
 * customers by customer number, contact points by (customer, kind, value), usage by (customer,
 * period), tickets by (customer, opened at, subject), churn events by (customer, date).
 */

export const RECORD_TYPES = ['customers', 'contact_points', 'usage', 'tickets', 'churn'] as const
export type RecordType = (typeof RECORD_TYPES)[number]
export type ImportType = 'feedback' | RecordType

type RecordOf = {
  customers: CustomerRecord
  contact_points: ContactPointRecord
  usage: UsageRecord
  tickets: TicketRecord
  churn: ChurnRecord
}
type AnyRecord = RecordOf[RecordType]

export interface RecordImportOptions extends BatchOptions {
  region: CountryCode
}

const READERS = {
  customers: { csv: readCustomersCsv, json: readCustomersJson },
  contact_points: { csv: readContactPointsCsv, json: readContactPointsJson },
  usage: { csv: readUsageCsv, json: readUsageJson },
  tickets: { csv: readTicketsCsv, json: readTicketsJson },
  churn: { csv: readChurnCsv, json: readChurnJson },
} as const

/** Parsed records of a customers/contact points/usage/tickets/churn file (generic CSV or JSON). */
export function openRecordRows(
  file: string,
  type: RecordType,
  format: ImportFormat,
  region: CountryCode,
): { rows: AsyncIterable<RowResult<AnyRecord>>; fractionRead: () => number } {
  if (format !== 'generic-csv' && format !== 'json') {
    throw new ImportFormatError(`${format} files hold survey answers; import ${type} from a CSV or JSON file`)
  }
  const size = Math.max(1, fs.statSync(file).size)
  let read = 0
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      read += (chunk as Buffer).length
      yield chunk as Buffer
    }
  }
  const reader = READERS[type][format === 'json' ? 'json' : 'csv'] as (
    source: AsyncIterable<Uint8Array>,
    options: { region: CountryCode },
  ) => AsyncGenerator<RowResult<AnyRecord>>
  return { rows: reader(bytes(), { region }), fractionRead: () => Math.min(1, read / size) }
}

/** Imports records of one type; see the module comment for what counts as "already there". */
export function importRecords(
  db: DB,
  type: RecordType,
  rows: AsyncIterable<RowResult<AnyRecord>>,
  options: RecordImportOptions,
): Promise<ImportReport> {
  const resolver = createCustomerResolver(db, options.region)
  const writers: { [K in RecordType]: () => BatchWriter<RecordOf[K]> } = {
    customers: () => customerWriter(db, resolver),
    contact_points: () => contactPointWriter(db, resolver),
    usage: () => usageWriter(db, resolver),
    tickets: () => ticketWriter(db, resolver),
    churn: () => churnWriter(db, resolver),
  }
  const writer = writers[type]() as BatchWriter<AnyRecord>
  return runBatchedImport(db, rows, writer, options)
}

/** Resolves each row's customer; rows naming nobody are rejected with the reason. */
function eachWithCustomer<T extends { customerKey: CustomerKey }>(
  batch: readonly { line: number; record: T }[],
  resolver: CustomerResolver,
  ctx: BatchContext,
  write: (record: T, customerId: number) => 'imported' | 'updated' | 'duplicate',
): BatchChanges {
  const customers: number[] = []
  for (const { line, record } of batch) {
    const found = resolver.resolve(record.customerKey)
    if (typeof found === 'string') {
      ctx.reject(line, found)
      continue
    }
    const outcome = write(record, found.id)
    if (outcome === 'duplicate') ctx.report.duplicates++
    else {
      ctx.report[outcome === 'imported' ? 'imported' : 'updated']++
      customers.push(found.id)
    }
  }
  return { customerIds: sortedIds(customers), feedbackIds: [] }
}

function displayName(r: CustomerRecord): string {
  const person = [r.firstName, r.lastName].filter(Boolean).join(' ')
  return person || r.company || r.customerNo
}

function customerWriter(db: DB, resolver: CustomerResolver): BatchWriter<CustomerRecord> {
  const search = createCustomerSearch(db)
  const find = db.prepare<
    [string],
    {
      id: number
      first_name: string | null
      last_name: string
      company: string | null
      city: string | null
      language: string
      vertical: string
      plan: string | null
      value_cents: number
      customer_since: string
      contract_end: string | null
    }
  >(
    `SELECT id, first_name, last_name, company, city, language, vertical, plan, value_cents, customer_since, contract_end
       FROM customers WHERE customer_no = ?`,
  )
  const insert = db.prepare(
    `INSERT INTO customers (customer_no, first_name, last_name, display_name, company, city, language, vertical, plan,
       value_cents, customer_since, contract_end, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const update = db.prepare(
    `UPDATE customers SET first_name = ?, last_name = ?, display_name = ?, company = ?, city = ?, language = ?,
       vertical = ?, plan = ?, value_cents = ?, customer_since = ?, contract_end = ?, updated_at = ?
     WHERE id = ?`,
  )
  const contacts = contactWriter(db)
  return {
    write(batch, ctx) {
      const now = Date.now()
      const changed: number[] = []
      for (const { line, record: r } of batch) {
        const phone = r.phone === null ? null : resolver.e164(r.phone)
        if (r.phone !== null && phone === null) {
          ctx.reject(line, `"${r.phone}" is not a valid phone number`)
          continue
        }
        const before = find.get(r.customerNo)
        let id: number
        let outcome: 'imported' | 'updated' | 'duplicate'
        if (!before) {
          // The schema needs these for every customer; inventing them would skew risk and reports.
          if (!r.vertical) {
            ctx.reject(line, 'missing vertical (telecom, ecommerce or saas) for a new customer')
            continue
          }
          if (!r.customerSince) {
            ctx.reject(line, 'missing customer-since date for a new customer')
            continue
          }
          id = Number(
            insert.run(
              r.customerNo,
              r.firstName,
              r.lastName ?? r.company,
              displayName(r),
              r.company,
              r.city,
              r.language ?? 'de',
              r.vertical,
              r.plan,
              r.valueCents ?? 0,
              r.customerSince,
              r.contractEnd,
              now,
              now,
            ).lastInsertRowid,
          )
          outcome = 'imported'
        } else {
          id = before.id
          // Empty cells keep what is stored: a CRM export without a column must not erase it.
          const next = {
            first_name: r.firstName ?? before.first_name,
            last_name: r.lastName ?? before.last_name,
            company: r.company ?? before.company,
            city: r.city ?? before.city,
            language: r.language ?? before.language,
            vertical: r.vertical ?? before.vertical,
            plan: r.plan ?? before.plan,
            value_cents: r.valueCents ?? before.value_cents,
            customer_since: r.customerSince ?? before.customer_since,
            contract_end: r.contractEnd ?? before.contract_end,
          }
          const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === before[k])
          outcome = same ? 'duplicate' : 'updated'
          if (!same) {
            const name =
              [next.first_name, next.last_name].filter(Boolean).join(' ') || next.company || r.customerNo
            update.run(
              next.first_name,
              next.last_name,
              name,
              next.company,
              next.city,
              next.language,
              next.vertical,
              next.plan,
              next.value_cents,
              next.customer_since,
              next.contract_end,
              now,
              id,
            )
          }
        }
        let contactAdded = false
        if (r.email) contactAdded = contacts.add(id, 'email', r.email, null, false) || contactAdded
        if (phone) contactAdded = contacts.add(id, 'phone', phone, null, false) || contactAdded
        if (outcome === 'duplicate' && contactAdded) outcome = 'updated'
        if (outcome === 'duplicate') {
          ctx.report.duplicates++
          continue
        }
        ctx.report[outcome]++
        search.reindex(id)
        changed.push(id)
      }
      // The next rows (and the next batch) may name the customers just created.
      resolver.forget()
      return { customerIds: sortedIds(changed), feedbackIds: [] }
    },
  }
}

/** Adds a contact point unless the customer has it already; true when added. */
function contactWriter(db: DB) {
  const has = db
    .prepare<[number, string, string], number>(
      `SELECT 1 FROM contact_points WHERE customer_id = ? AND kind = ? AND value = ? LIMIT 1`,
    )
    .pluck()
  const hasPrimary = db
    .prepare<[number, string], number>(
      `SELECT 1 FROM contact_points WHERE customer_id = ? AND kind = ? AND is_primary = 1 LIMIT 1`,
    )
    .pluck()
  const clearPrimary = db.prepare(
    `UPDATE contact_points SET is_primary = 0 WHERE customer_id = ? AND kind = ?`,
  )
  const insert = db.prepare(
    `INSERT INTO contact_points (customer_id, kind, value, label, is_primary) VALUES (?, ?, ?, ?, ?)`,
  )
  return {
    add(
      customerId: number,
      kind: 'phone' | 'email',
      value: string,
      label: string | null,
      primary: boolean,
    ): boolean {
      if (has.get(customerId, kind, value)) return false
      if (primary) clearPrimary.run(customerId, kind)
      // The first number or address of a kind is the one the card shows first.
      const isPrimary = primary || !hasPrimary.get(customerId, kind)
      insert.run(customerId, kind, value, label, isPrimary ? 1 : 0)
      return true
    },
  }
}

function contactPointWriter(db: DB, resolver: CustomerResolver): BatchWriter<ContactPointRecord> {
  const search = createCustomerSearch(db)
  const contacts = contactWriter(db)
  return {
    write(batch, ctx) {
      const changes = eachWithCustomer(batch, resolver, ctx, (r, customerId) => {
        if (!contacts.add(customerId, r.kind, r.value, r.label, r.isPrimary)) return 'duplicate'
        if (r.kind === 'email') search.reindex(customerId)
        return 'imported'
      })
      // A new e-mail or number may be the key of the next rows.
      resolver.forget()
      return changes
    },
  }
}

function usageWriter(db: DB, resolver: CustomerResolver): BatchWriter<UsageRecord> {
  const find = db
    .prepare<[number, string], number>(`SELECT units FROM usage WHERE customer_id = ? AND period_start = ?`)
    .pluck()
  const upsert = db.prepare(
    `INSERT INTO usage (customer_id, period_start, units) VALUES (?, ?, ?)
     ON CONFLICT (customer_id, period_start) DO UPDATE SET units = excluded.units`,
  )
  return {
    write(batch, ctx) {
      return eachWithCustomer(batch, resolver, ctx, (r, customerId) => {
        const before = find.get(customerId, r.periodStart)
        if (before === r.units) return 'duplicate'
        upsert.run(customerId, r.periodStart, r.units)
        return before === undefined ? 'imported' : 'updated'
      })
    },
  }
}

function ticketWriter(db: DB, resolver: CustomerResolver): BatchWriter<TicketRecord> {
  const find = db.prepare<
    [number, number, string],
    { id: number; category: string | null; status: string; closed_at: number | null }
  >(
    `SELECT id, category, status, closed_at FROM tickets WHERE customer_id = ? AND opened_at = ? AND subject = ?`,
  )
  const insert = db.prepare(
    `INSERT INTO tickets (customer_id, subject, category, status, opened_at, closed_at) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const update = db.prepare(`UPDATE tickets SET category = ?, status = ?, closed_at = ? WHERE id = ?`)
  return {
    write(batch, ctx) {
      return eachWithCustomer(batch, resolver, ctx, (r, customerId) => {
        const before = find.get(customerId, r.openedAt, r.subject)
        if (!before) {
          insert.run(customerId, r.subject, r.category, r.status, r.openedAt, r.closedAt)
          return 'imported'
        }
        if (before.category === r.category && before.status === r.status && before.closed_at === r.closedAt)
          return 'duplicate'
        // The ticket moved on since the last export (closed, re-categorised).
        update.run(r.category, r.status, r.closedAt, before.id)
        return 'updated'
      })
    },
  }
}

function churnWriter(db: DB, resolver: CustomerResolver): BatchWriter<ChurnRecord> {
  const find = db
    .prepare<[number, number], number>(`SELECT id FROM churn_events WHERE customer_id = ? AND churned_at = ?`)
    .pluck()
  const insert = db.prepare(`INSERT INTO churn_events (customer_id, churned_at, reason) VALUES (?, ?, ?)`)
  // The customer counts as churned from the earliest churn date on record.
  const markChurned = db.prepare(
    `UPDATE customers SET status = 'churned', churned_at = min(coalesce(churned_at, ?), ?), updated_at = ?
      WHERE id = ?`,
  )
  return {
    write(batch, ctx) {
      const now = Date.now()
      return eachWithCustomer(batch, resolver, ctx, (r, customerId) => {
        if (find.get(customerId, r.churnedAt) !== undefined) return 'duplicate'
        insert.run(customerId, r.churnedAt, r.reason)
        markChurned.run(r.churnedAt, r.churnedAt, now, customerId)
        return 'imported'
      })
    },
  }
}
