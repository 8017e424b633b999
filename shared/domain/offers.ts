import type { Segment } from './segment'

/** Eligibility rules stored with each offer in the catalogue (offers.rules_json). */
export interface OfferRules {
  segments: readonly string[]
  minRisk: number
  maxRisk?: number
  minValueCents: number
  minTenureMonths: number
  cooldownDays: number
  monthlyBudgetCents: number
  verticals?: readonly string[]
}

export interface CatalogueOffer {
  id: number
  code: string
  kind: string
  nameDe: string
  nameEn: string
  costCents: number
  rules: OfferRules
}

export interface OfferContext {
  segment: Segment | null
  risk: number
  valueCents: number
  tenureMonths: number
  vertical: string
  /** days since any offer was last presented to this customer; null if never */
  daysSinceLastOffer: number | null
}

/** Decided outcomes of an offer within one segment. */
export interface OfferOutcomes {
  accepted: number
  declined: number
}

/** Beta prior on acceptance: mean 2 / (2 + 6) = 25 %, worth eight observed decisions. */
export const ACCEPTANCE_PRIOR = { alpha: 2, beta: 6 } as const
/** Upsell value: the share of the customer's yearly value an accepted upsell adds. */
export const UPSELL_UPLIFT = 0.2
/** Below this risk a retention offer still protects a little of the value. */
const MIN_STAKE_SHARE = 0.05

export type OfferReason =
  | { key: 'segment'; segment: string }
  | { key: 'risk'; risk: number }
  | { key: 'value'; valueCents: number }
  | { key: 'tenure'; months: number }
  | { key: 'acceptance'; pct: number; accepted: number; decided: number }
  | { key: 'expected_value'; cents: number }

export interface OfferSuggestion {
  offerId: number
  code: string
  kind: string
  nameDe: string
  nameEn: string
  costCents: number
  /** posterior mean acceptance rate in this segment */
  acceptance: number
  expectedValueCents: number
  reasons: OfferReason[]
}

export type Ineligibility = 'segment' | 'risk' | 'value' | 'tenure' | 'cooldown' | 'budget' | 'vertical'

/** Why an offer may not be made now, or null when it may. */
export function ineligibility(
  offer: CatalogueOffer,
  ctx: OfferContext,
  spentThisMonthCents: number,
): Ineligibility | null {
  const r = offer.rules
  if (!ctx.segment || !r.segments.includes(ctx.segment)) return 'segment'
  if (ctx.risk < r.minRisk || (r.maxRisk !== undefined && ctx.risk > r.maxRisk)) return 'risk'
  if (ctx.valueCents < r.minValueCents) return 'value'
  if (ctx.tenureMonths < r.minTenureMonths) return 'tenure'
  if (r.verticals && !r.verticals.includes(ctx.vertical)) return 'vertical'
  if (ctx.daysSinceLastOffer !== null && ctx.daysSinceLastOffer < r.cooldownDays) return 'cooldown'
  if (spentThisMonthCents + offer.costCents > r.monthlyBudgetCents) return 'budget'
  return null
}

export function acceptanceRate(o: OfferOutcomes): number {
  return (
    (ACCEPTANCE_PRIOR.alpha + o.accepted) /
    (ACCEPTANCE_PRIOR.alpha + ACCEPTANCE_PRIOR.beta + o.accepted + o.declined)
  )
}

/**
 * Expected value of making the offer: chance it is accepted x what acceptance is worth - its cost.
 * A retention offer is worth the share of the customer's value at risk; an upsell its uplift.
 */
export function expectedValueCents(offer: CatalogueOffer, ctx: OfferContext, acceptance: number): number {
  const stake =
    offer.kind === 'upsell'
      ? ctx.valueCents * UPSELL_UPLIFT
      : ctx.valueCents * Math.max(ctx.risk / 100, MIN_STAKE_SHARE)
  return Math.round(acceptance * stake - offer.costCents)
}

/** Eligible offers with a positive expected value, best first, each with the reasons an agent can read. */
export function rankOffers(
  offers: readonly CatalogueOffer[],
  ctx: OfferContext,
  outcomes: (offerId: number) => OfferOutcomes,
  spentThisMonth: (offerId: number) => number,
): OfferSuggestion[] {
  const out: OfferSuggestion[] = []
  for (const offer of offers) {
    if (ineligibility(offer, ctx, spentThisMonth(offer.id)) !== null) continue
    const o = outcomes(offer.id)
    const acceptance = acceptanceRate(o)
    const ev = expectedValueCents(offer, ctx, acceptance)
    // An offer expected to cost more than it saves is not worth the agent's breath.
    if (ev < 0) continue
    out.push({
      offerId: offer.id,
      code: offer.code,
      kind: offer.kind,
      nameDe: offer.nameDe,
      nameEn: offer.nameEn,
      costCents: offer.costCents,
      acceptance,
      expectedValueCents: ev,
      reasons: [
        { key: 'segment', segment: ctx.segment as string },
        { key: 'risk', risk: ctx.risk },
        { key: 'value', valueCents: ctx.valueCents },
        {
          key: 'acceptance',
          pct: Math.round(acceptance * 100),
          accepted: o.accepted,
          decided: o.accepted + o.declined,
        },
        { key: 'expected_value', cents: ev },
      ],
    })
  }
  return out.sort((a, b) => b.expectedValueCents - a.expectedValueCents || a.costCents - b.costCents)
}
