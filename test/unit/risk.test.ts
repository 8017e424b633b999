import { describe, expect, it } from 'vitest'
import {
  assessRisk,
  HAND_WEIGHTS,
  RISK_FACTORS,
  weightsFromCoefficients,
  type RiskInputs,
} from '../../shared/domain/risk'
import { auc, fitLogistic, predict } from '../../electron/core/insights/logistic'

const calm: RiskInputs = {
  usageChange: 0.05,
  usageWindowWeeks: 4,
  usagePriorWeeks: 8,
  negativeWindowDays: 90,
  negativeComments: 0,
  intent: 0.9,
  intentAvg: 0.9,
  nps: 10,
  npsAvg: 9.5,
  openTickets: 0,
  oldestOpenTicketDays: null,
  mentions: [],
  contractEndDays: null,
  lastComplaintDays: null,
  complaints: 0,
}

describe('risk flags and score', () => {
  it('gives a content customer no flags and score 0', () => {
    expect(assessRisk(calm)).toEqual({ score: 0, flags: [] })
  })

  it('attributes every point to a flag (hand computation)', () => {
    const r = assessRisk({
      ...calm,
      usageChange: -0.43, // severity 0.43 / 0.5 = 0.86 -> 0.86 * 20 = 17.2 -> 17
      intent: 0.2,
      intentAvg: 0.21, // (0.7 - 0.21) / 0.7 = 0.7 -> 0.7 * 20 = 14
      nps: 9,
      npsAvg: 8, // mean of the last answers is 8: no detractor flag
      mentions: ['zu teuer'], // 1 * 10 = 10
      contractEndDays: 45, // 1 - 45/90 + 0.25 = 0.75 -> 7.5 -> 8 (Math.round)
      complaints: 1, // 1 / 4 = 0.25 -> 0.25 * 5 = 1.25 -> 1
    })
    expect(r.flags.map((f) => [f.factor, f.points])).toEqual([
      ['declining_usage', 17],
      ['low_intent', 14],
      ['price_competitor', 10],
      ['contract_end', 8],
      ['recent_complaint', 1],
    ])
    expect(r.score).toBe(50)
    expect(r.flags.find((f) => f.factor === 'declining_usage')?.params).toEqual({
      pct: -43,
      weeks: 4,
      prior: 8,
    })
    expect(r.flags.find((f) => f.factor === 'price_competitor')?.params).toEqual({ quote: 'zu teuer' })
  })

  it('grades detractors by their recent average', () => {
    // npsAvg 3.5: (7 - 3.5) / 7 = 0.5 -> 0.5 * 15 = 7.5 -> 8
    const r = assessRisk({ ...calm, nps: 2, npsAvg: 3.5 })
    expect(r.flags).toEqual([{ factor: 'detractor', severity: 0.5, points: 8, params: { nps: 2, avg: 3.5 } }])
  })

  it('never exceeds 100 and still sums its flags', () => {
    const worst = assessRisk({
      usageChange: -0.9,
      usageWindowWeeks: 4,
      usagePriorWeeks: 8,
      negativeWindowDays: 90,
      negativeComments: 5,
      intent: 0,
      intentAvg: 0,
      nps: 0,
      npsAvg: 0,
      openTickets: 4,
      oldestOpenTicketDays: 30,
      mentions: ['kündigen'],
      contractEndDays: 1,
      lastComplaintDays: 0,
      complaints: 6,
    })
    expect(worst.score).toBe(100)
    expect(worst.flags.reduce((s, f) => s + f.points, 0)).toBe(100)
  })

  it('hand weights add up to 100', () => {
    expect(RISK_FACTORS.reduce((s, f) => s + HAND_WEIGHTS[f], 0)).toBe(100)
  })

  it('turns fitted coefficients into weights summing to 100, negatives dropped', () => {
    const w = weightsFromCoefficients([2, 1, 1, 0, -3, 0, 0, 0])
    expect([w.declining_usage, w.negative_sentiment, w.low_intent, w.open_tickets]).toEqual([50, 25, 25, 0])
  })
})

describe('logistic regression and AUC', () => {
  it('computes AUC as the Mann-Whitney statistic (hand computation)', () => {
    // positives at 0.8 and 0.4, negatives at 0.5, 0.2, 0.4:
    // pairs (pos > neg): 0.8 beats 3; 0.4 beats 0.2, ties 0.4 (half), loses to 0.5 -> 3 + 1.5 = 4.5 of 6 = 0.75
    expect(auc([0.8, 0.4, 0.5, 0.2, 0.4], [1, 1, 0, 0, 0])).toBeCloseTo(0.75, 10)
    expect(auc([1, 2], [0, 0])).toBeNaN()
  })

  it('recovers known coefficients from generated data', () => {
    // y ~ Bernoulli(sigmoid(-2 + 3 x1 - 1 x2)) on a deterministic grid with exact expected label shares.
    const features: number[][] = []
    const labels: (0 | 1)[] = []
    for (let a = 0; a <= 10; a++) {
      for (let b = 0; b <= 10; b++) {
        const x = [a / 10, b / 10]
        const p = 1 / (1 + Math.exp(-(-2 + 3 * x[0]! - x[1]!)))
        const ones = Math.round(p * 200)
        for (let r = 0; r < 200; r++) {
          features.push(x)
          labels.push(r < ones ? 1 : 0)
        }
      }
    }
    const model = fitLogistic(features, labels, { l2: 0 })
    expect(model.intercept).toBeCloseTo(-2, 1)
    expect(model.coefficients[0]).toBeCloseTo(3, 1)
    expect(model.coefficients[1]).toBeCloseTo(-1, 1)
    expect(predict(model, [1, 0])).toBeCloseTo(1 / (1 + Math.exp(-1)), 2)
  })
})
