import type { CountryCode } from 'libphonenumber-js'
import type { DB } from '../db/connection'
import { normalizePhone } from '../../../shared/domain/phone'
import type { CustomerKey } from './types'

export interface FoundCustomer {
  id: number
  /** the customer's language: the hint for analysing a comment written without one */
  language: 'de' | 'en'
}

/** The customer, or the reason a row's customer key names nobody (or several people). */
export type Resolved = FoundCustomer | string

/**
 * Finds the customer a row's key names. Answers of one customer often come in bunches (several
 * surveys, usage per month), so recent keys are remembered; the cache is bounded so a 10M-row file
 * does not hold every key in memory.
 */
export function createCustomerResolver(db: DB, region: CountryCode, cacheSize = 200_000) {
  const byCustomerNo = db.prepare<[string], FoundCustomer>(
    `SELECT id, language FROM customers WHERE customer_no = ?`,
  )
  const byContact = db.prepare<[string, string], FoundCustomer>(
    `SELECT DISTINCT c.id, c.language FROM contact_points p JOIN customers c ON c.id = p.customer_id
      WHERE p.kind = ? AND p.value = ? LIMIT 2`,
  )
  const cache = new Map<string, Resolved>()

  function lookup(kind: CustomerKey['kind'], value: string): Resolved {
    let found: FoundCustomer[] = []
    if (kind === 'customer_no' || kind === 'external') {
      const customer = byCustomerNo.get(value)
      if (customer) return customer
      if (kind === 'customer_no') return `no customer with number ${value}`
      found = byContact.all('email', value.toLowerCase())
    } else if (kind === 'email') {
      found = byContact.all('email', value.toLowerCase())
    } else {
      const phone = normalizePhone(value, region)
      if (!phone.ok) return `"${value}" is not a valid phone number`
      found = byContact.all('phone', phone.e164)
    }
    // DISTINCT: a contact point listed twice for the same customer is still one customer
    if (found.length === 1) return found[0] as FoundCustomer
    return found.length === 0
      ? `no customer with ${kind} ${value}`
      : `${kind} ${value} belongs to several customers`
  }

  function resolve(key: CustomerKey): Resolved {
    const value = key.value.trim()
    if (!value) return 'missing customer key'
    const cacheKey = `${key.kind}\u0000${value}`
    let found = cache.get(cacheKey)
    if (found === undefined) {
      found = lookup(key.kind, value)
      if (cache.size >= cacheSize) cache.clear()
      cache.set(cacheKey, found)
    }
    return found
  }

  return {
    resolve,
    /**
     * Looks the customer numbers of a whole batch up in key order: the customer-number index is then
     * read page after page instead of at random, and the batch's rows find their customers cached.
     */
    warm(keys: readonly CustomerKey[]): void {
      if (keys.length > cacheSize) return
      const numbers = keys.filter((k) => k.kind === 'customer_no' || k.kind === 'external')
      numbers.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      for (const key of numbers) resolve(key)
    },
    /** A phone number in E.164 read with the configured region, or null when it is not one. */
    e164(text: string): string | null {
      const phone = normalizePhone(text, region)
      return phone.ok ? phone.e164 : null
    },
    /** Customers created by this import (a customers file) must be found by the next rows. */
    forget(): void {
      cache.clear()
    },
  }
}

export type CustomerResolver = ReturnType<typeof createCustomerResolver>
