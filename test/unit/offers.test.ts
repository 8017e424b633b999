import { describe, expect, it } from 'vitest'
import {
  acceptanceRate,
  expectedValueCents,
  ineligibility,
  rankOffers,
  type CatalogueOffer,
  type OfferContext,
} from '../../shared/domain/offers'

const discount: CatalogueOffer = {
  id: 1,
  code: 'DISCOUNT',
  kind: 'discount',
  nameDe: '10 % Rabatt',
  nameEn: '10% off',
  costCents: 3000,
  rules: {
    segments: ['at_risk_promoter', 'churn_risk'],
    minRisk: 50,
    minValueCents: 20_000,
    minTenureMonths: 6,
    cooldownDays: 90,
    monthlyBudgetCents: 10_000,
  },
}
const callback: CatalogueOffer = {
  id: 2,
  code: 'CALLBACK',
  kind: 'service_callback',
  nameDe: 'Rückruf',
  nameEn: 'Callback',
  costCents: 800,
  rules: {
    segments: ['at_risk_promoter', 'captive_critic'],
    minRisk: 0,
    minValueCents: 0,
    minTenureMonths: 0,
    cooldownDays: 30,
    monthlyBudgetCents: 200_000,
  },
}
const upsell: CatalogueOffer = {
  id: 3,
  code: 'UPSELL',
  kind: 'upsell',
  nameDe: 'Upgrade',
  nameEn: 'Upgrade',
  costCents: 0,
  rules: {
    segments: ['loyal_advocate'],
    minRisk: 0,
    maxRisk: 30,
    minValueCents: 0,
    minTenureMonths: 0,
    cooldownDays: 60,
    monthlyBudgetCents: 100_000,
  },
}
const atRiskPromoter: OfferContext = {
  segment: 'at_risk_promoter',
  risk: 60,
  valueCents: 60_000,
  tenureMonths: 24,
  vertical: 'telecom',
  daysSinceLastOffer: null,
}
const none = () => ({ accepted: 0, declined: 0 })

describe('offer eligibility', () => {
  it('checks each rule and says which one fails', () => {
    expect(ineligibility(discount, atRiskPromoter, 0)).toBeNull()
    expect(ineligibility(discount, { ...atRiskPromoter, segment: 'loyal_advocate' }, 0)).toBe('segment')
    expect(ineligibility(discount, { ...atRiskPromoter, risk: 49 }, 0)).toBe('risk')
    expect(ineligibility(discount, { ...atRiskPromoter, valueCents: 19_999 }, 0)).toBe('value')
    expect(ineligibility(discount, { ...atRiskPromoter, tenureMonths: 5 }, 0)).toBe('tenure')
    expect(ineligibility(discount, { ...atRiskPromoter, daysSinceLastOffer: 89 }, 0)).toBe('cooldown')
    expect(ineligibility(discount, { ...atRiskPromoter, daysSinceLastOffer: 90 }, 0)).toBeNull()
    // 7,500 spent + 3,000 cost > 10,000 budget
    expect(ineligibility(discount, atRiskPromoter, 7_500)).toBe('budget')
    expect(ineligibility(upsell, { ...atRiskPromoter, segment: 'loyal_advocate', risk: 31 }, 0)).toBe('risk')
  })
})

describe('offer ranking', () => {
  it('leaves out offers expected to cost more than they save', () => {
    // risk 5: discount not eligible (min risk 50); callback 0.25 x (60,000 x 0.05) - 800 = -50 -> left out
    const lowRisk = { ...atRiskPromoter, risk: 5 }
    expect(expectedValueCents(callback, lowRisk, 0.25)).toBe(-50)
    expect(rankOffers([discount, callback], lowRisk, none, () => 0)).toEqual([])
  })

  it('uses a Beta(2, 6) prior for acceptance (hand computation)', () => {
    expect(acceptanceRate({ accepted: 0, declined: 0 })).toBe(0.25) // 2 / 8
    expect(acceptanceRate({ accepted: 6, declined: 2 })).toBe(0.5) // 8 / 16
    expect(acceptanceRate({ accepted: 0, declined: 12 })).toBe(0.1) // 2 / 20
  })

  it('computes expected value = acceptance x stake - cost (hand computation)', () => {
    // discount: 0.25 x (60,000 x 0.60) - 3,000 = 9,000 - 3,000 = 6,000
    expect(expectedValueCents(discount, atRiskPromoter, 0.25)).toBe(6000)
    // upsell: 0.25 x (60,000 x 0.2) - 0 = 3,000
    expect(expectedValueCents(upsell, { ...atRiskPromoter, segment: 'loyal_advocate', risk: 10 }, 0.25)).toBe(
      3000,
    )
  })

  it('ranks by expected value and lets recorded outcomes move the order', () => {
    // No history: discount 6,000 vs callback 0.25 x 36,000 - 800 = 8,200 -> callback first
    expect(rankOffers([discount, callback], atRiskPromoter, none, () => 0).map((s) => s.code)).toEqual([
      'CALLBACK',
      'DISCOUNT',
    ])
    // Callback often declined (0 of 12 -> 0.1): 0.1 x 36,000 - 800 = 2,800; discount accepted 6 of 8 (0.5): 18,000 - 3,000 = 15,000
    const outcomes = (id: number) => (id === 2 ? { accepted: 0, declined: 12 } : { accepted: 6, declined: 2 })
    const ranked = rankOffers([discount, callback], atRiskPromoter, outcomes, () => 0)
    expect(ranked.map((s) => [s.code, s.expectedValueCents])).toEqual([
      ['DISCOUNT', 15000],
      ['CALLBACK', 2800],
    ])
    expect(ranked[0]?.reasons).toContainEqual({ key: 'acceptance', pct: 50, accepted: 6, decided: 8 })
    expect(ranked[0]?.reasons).toContainEqual({ key: 'segment', segment: 'at_risk_promoter' })
  })
})
