import type { CountryCode } from 'libphonenumber-js'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import type { DB } from '../db/connection'
import type { CustomerCard, CustomerSummary, NewCustomer, ScreenPopResult } from '../../../shared/ipc/types'
import { looksLikePhone, normalizePhone } from '../../../shared/domain/phone'
import { AppError, notFound } from '../errors'
import { createCardReader, createSummaryReader, type BaseCard } from './customerCard'
import { createCustomerSearch } from './customerSearch'

const MAX_CANDIDATES = 20

export type LookupKind =
  | { kind: 'id'; id: number }
  | { kind: 'customer_no'; customerNo: string }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; raw: string }
  | { kind: 'name'; text: string }

/** Decides what the agent (or the telephony system) handed us: id, customer number, e-mail, phone or name. */
export function classifyQuery(query: string): LookupKind {
  const q = query.trim()
  const idMatch = /^(?:#|id:\s*)(\d{1,12})$/i.exec(q)
  if (idMatch) return { kind: 'id', id: Number(idMatch[1]) }
  const noMatch = /^k-?\s*(\d{1,12})$/i.exec(q)
  if (noMatch) return { kind: 'customer_no', customerNo: `K-${noMatch[1]}` }
  if (q.includes('@') && !/\s/.test(q)) return { kind: 'email', email: q.toLowerCase() }
  if (looksLikePhone(q)) return { kind: 'phone', raw: q }
  return { kind: 'name', text: q }
}

export interface ScreenPopService {
  lookup(query: string): ScreenPopResult
  card(id: number): CustomerCard
  search(query: string, limit: number): CustomerSummary[]
  create(input: NewCustomer): CustomerCard
  /** Customer ids whose phone contact point equals this E.164 number. */
  idsByPhone(e164: string): number[]
}

export function createScreenPopService(
  db: DB,
  region: CountryCode,
  complete: (base: BaseCard) => CustomerCard,
  cutoffs?: () => IntentBandCutoffs,
): ScreenPopService {
  const readBase = createCardReader(db, cutoffs)
  const readCard = (id: number): CustomerCard | null => {
    const base = readBase(id)
    return base ? complete(base) : null
  }
  const readSummaries = createSummaryReader(db)
  const search = createCustomerSearch(db)
  const byContact = db.prepare<[string, string, number], { customer_id: number }>(
    `SELECT DISTINCT customer_id FROM contact_points WHERE kind = ? AND value = ? LIMIT ?`,
  )
  const exists = db.prepare<[number], { id: number }>(`SELECT id FROM customers WHERE id = ?`)
  const byCustomerNo = db.prepare<[string], { id: number }>(`SELECT id FROM customers WHERE customer_no = ?`)
  const insertCustomer = db.prepare(
    `INSERT INTO customers (customer_no, first_name, last_name, display_name, company, language, vertical,
                            customer_since, created_at, updated_at)
     VALUES (@customerNo, @firstName, @lastName, @displayName, @company, @language, @vertical,
             @customerSince, @now, @now)`,
  )
  const setCustomerNo = db.prepare<[string, number]>(`UPDATE customers SET customer_no = ? WHERE id = ?`)
  const insertContact = db.prepare<[number, string, string, number]>(
    `INSERT INTO contact_points (customer_id, kind, value, is_primary) VALUES (?, ?, ?, ?)`,
  )

  const idsBy = (kind: 'phone' | 'email', value: string) =>
    byContact.all(kind, value, MAX_CANDIDATES + 1).map((r) => r.customer_id)

  function resultFor(
    ids: number[],
    matchedBy: 'phone' | 'customer_no' | 'id' | 'email' | 'name',
    query: string,
    normalizedPhone: string | null,
  ): ScreenPopResult {
    if (ids.length === 1) {
      const card = readCard(ids[0] as number)
      if (card) return { kind: 'match', matchedBy, card }
    }
    if (ids.length > 1) {
      return { kind: 'multiple', matchedBy, candidates: readSummaries(ids.slice(0, MAX_CANDIDATES)) }
    }
    return { kind: 'unknown', query, normalizedPhone }
  }

  const createTx = db.transaction(
    (input: NewCustomer, phone: string | null, email: string | null): number => {
      const now = Date.now()
      const firstName = input.firstName?.trim() || null
      const lastName = input.lastName.trim()
      const info = insertCustomer.run({
        customerNo: `pending-${now}-${Math.random()}`,
        firstName,
        lastName,
        displayName: firstName ? `${firstName} ${lastName}` : lastName,
        company: input.company?.trim() || null,
        language: input.language ?? 'de',
        vertical: input.vertical ?? 'telecom',
        customerSince: new Date(now).toISOString().slice(0, 10),
        now,
      })
      const id = Number(info.lastInsertRowid)
      // Customer numbers follow the demo/CRM pattern; an imported customer may already hold the
      // natural one, so fall back to a suffixed number rather than fail the agent's request.
      let customerNo = `K-${1_000_000 + id}`
      for (let n = 2; byCustomerNo.get(customerNo); n++) customerNo = `K-${1_000_000 + id}-${n}`
      setCustomerNo.run(customerNo, id)
      if (phone) insertContact.run(id, 'phone', phone, 1)
      if (email) insertContact.run(id, 'email', email, 1)
      search.reindex(id)
      return id
    },
  )

  return {
    idsByPhone: (e164) => idsBy('phone', e164),
    lookup(query) {
      const kind = classifyQuery(query)
      switch (kind.kind) {
        case 'id':
          return resultFor(exists.get(kind.id) ? [kind.id] : [], 'id', query, null)
        case 'customer_no': {
          const row = byCustomerNo.get(kind.customerNo)
          return resultFor(row ? [row.id] : [], 'customer_no', query, null)
        }
        case 'email':
          return resultFor(idsBy('email', kind.email), 'email', query, null)
        case 'phone': {
          const parsed = normalizePhone(kind.raw, region)
          if (!parsed.ok) return { kind: 'unknown', query, normalizedPhone: null }
          return resultFor(idsBy('phone', parsed.e164), 'phone', query, parsed.e164)
        }
        case 'name':
          return resultFor(search.search(kind.text, MAX_CANDIDATES + 1), 'name', query, null)
      }
    },
    card(id) {
      const card = readCard(id)
      if (!card) throw notFound(`Customer ${id}`)
      return card
    },
    search(query, limit) {
      return readSummaries(search.search(query, limit))
    },
    create(input) {
      let phone: string | null = null
      if (input.phone && input.phone.trim() !== '') {
        const parsed = normalizePhone(input.phone, region)
        if (!parsed.ok) {
          throw new AppError('VALIDATION', 'The phone number is not valid', [
            `phone: "${input.phone}" is not a valid phone number`,
          ])
        }
        phone = parsed.e164
      }
      const email = input.email ? input.email.trim().toLowerCase() : null
      const id = createTx.immediate(input, phone, email)
      return this.card(id)
    },
  }
}
