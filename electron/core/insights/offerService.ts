import type { DB } from '../db/connection'
import {
  rankOffers,
  type CatalogueOffer,
  type OfferOutcomes,
  type OfferRules,
  type OfferSuggestion,
} from '../../../shared/domain/offers'
import type { Segment } from '../../../shared/domain/segment'
import { AppError, notFound } from '../errors'
import { DAY_MS } from './riskInputs'

export type OfferOutcome = 'presented' | 'accepted' | 'declined'

const CURRENT_CALL_MS = 12 * 3_600_000
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7)

/**
 * Offer suggestions and outcome recording. Acceptance counts per offer and segment, and this
 * month's spend per offer, are loaded once and then kept current in memory: ranking an offer on
 * the card needs no aggregate query.
 */
export function createOfferService(db: DB, clock: () => number = Date.now) {
  const catalogue = (
    db
      .prepare(
        `SELECT id, code, kind, name_de, name_en, cost_cents, rules_json FROM offers WHERE active = 1 ORDER BY id`,
      )
      .all() as {
      id: number
      code: string
      kind: string
      name_de: string
      name_en: string
      cost_cents: number
      rules_json: string
    }[]
  ).map((o): CatalogueOffer => ({
    id: o.id,
    code: o.code,
    kind: o.kind,
    nameDe: o.name_de,
    nameEn: o.name_en,
    costCents: o.cost_cents,
    rules: JSON.parse(o.rules_json) as OfferRules,
  }))
  const outcomes = new Map<string, OfferOutcomes>()
  const spent = new Map<string, number>()
  const key = (offerId: number, segment: string | null) => `${offerId}|${segment ?? ''}`
  const costOf = new Map(catalogue.map((o) => [o.id, o.costCents]))

  for (const r of db
    .prepare(
      `SELECT offer_id, segment, sum(outcome = 'accepted') AS accepted, sum(outcome = 'declined') AS declined
         FROM offer_events GROUP BY offer_id, segment`,
    )
    .all() as { offer_id: number; segment: string | null; accepted: number; declined: number }[]) {
    outcomes.set(key(r.offer_id, r.segment), { accepted: r.accepted, declined: r.declined })
  }
  const month = monthKey(clock())
  for (const r of db
    .prepare(
      `SELECT offer_id, count(*) AS n FROM offer_events WHERE outcome = 'accepted' AND at >= ? GROUP BY offer_id`,
    )
    .all(Date.parse(`${month}-01T00:00:00Z`)) as { offer_id: number; n: number }[]) {
    spent.set(`${r.offer_id}|${month}`, r.n * (costOf.get(r.offer_id) ?? 0))
  }

  // Offers made in the current call (the last 12 hours) must stay on screen so the agent can
  // record the answer; the cooldown starts counting from earlier offers.
  const lastOffer = db.prepare<[number, number], { at: number | null }>(
    `SELECT max(at) AS at FROM offer_events WHERE customer_id = ? AND at < ?`,
  )
  const customer = db.prepare<[number], { customer_since: string; vertical: string }>(
    `SELECT customer_since, vertical FROM customers WHERE id = ?`,
  )
  const insertEvent = db.prepare(
    `INSERT INTO offer_events (offer_id, customer_id, user_id, outcome, segment, at) VALUES (?, ?, ?, ?, ?, ?)`,
  )

  return {
    catalogue,
    suggest(
      customerId: number,
      ctx: { segment: Segment | null; risk: number; valueCents: number },
    ): OfferSuggestion[] {
      const c = customer.get(customerId)
      if (!c) return []
      const now = clock()
      const last = lastOffer.get(customerId, now - CURRENT_CALL_MS)?.at ?? null
      const tenureMonths = Math.floor((now - Date.parse(`${c.customer_since}T00:00:00Z`)) / (30.44 * DAY_MS))
      return rankOffers(
        catalogue,
        {
          ...ctx,
          tenureMonths,
          vertical: c.vertical,
          daysSinceLastOffer: last === null ? null : Math.floor((now - last) / DAY_MS),
        },
        (offerId) => outcomes.get(key(offerId, ctx.segment)) ?? { accepted: 0, declined: 0 },
        (offerId) => spent.get(`${offerId}|${monthKey(now)}`) ?? 0,
      )
    },
    record(
      customerId: number,
      offerId: number,
      outcome: OfferOutcome,
      segment: Segment | null,
      userId: number | null,
    ): void {
      if (!costOf.has(offerId)) throw notFound(`Offer ${offerId}`)
      if (!customer.get(customerId)) throw notFound(`Customer ${customerId}`)
      const now = clock()
      try {
        insertEvent.run(offerId, customerId, userId, outcome, segment, now)
      } catch (err) {
        throw new AppError('VALIDATION', `Could not record the offer outcome: ${(err as Error).message}`)
      }
      if (outcome === 'presented') return
      const k = key(offerId, segment)
      const o = outcomes.get(k) ?? { accepted: 0, declined: 0 }
      outcomes.set(
        k,
        outcome === 'accepted' ? { ...o, accepted: o.accepted + 1 } : { ...o, declined: o.declined + 1 },
      )
      if (outcome === 'accepted') {
        const sk = `${offerId}|${monthKey(now)}`
        spent.set(sk, (spent.get(sk) ?? 0) + (costOf.get(offerId) ?? 0))
      }
    },
  }
}

export type OfferService = ReturnType<typeof createOfferService>
