import { describe, expect, it } from 'vitest'
import { computeNps, npsFromCounts } from '../../shared/domain/npsStats'

describe('NPS with margin of error', () => {
  it('matches a hand computation on ten answers', () => {
    // 10,9,9,10 -> 4 promoters; 8,7 -> 2 passives; 6,5,3,0 -> 4 detractors; n = 10
    // p = d = 0.4 -> NPS = 0; var = (0.4 + 0.4 - 0^2) / 10 = 0.08; MoE = 1.96 * 100 * sqrt(0.08) = 55.437...
    const s = computeNps([10, 9, 9, 8, 7, 6, 5, 3, 10, 0])
    expect([s.promoters, s.passives, s.detractors, s.n]).toEqual([4, 2, 4, 10])
    expect(s.nps).toBe(0)
    expect(s.marginOfError).toBeCloseTo(55.437, 3)
    expect(s.low).toBeCloseTo(-55.437, 3)
    expect(s.tooFew).toBe(true)
  })

  it('matches a hand computation on a larger sample', () => {
    // 60 promoters, 25 passives, 15 detractors of 100: NPS = 60 - 15 = 45
    // var = (0.6 + 0.15 - 0.45^2) / 100 = (0.75 - 0.2025) / 100 = 0.005475; MoE = 196 * 0.073993 = 14.5027
    const s = npsFromCounts(60, 25, 15)
    expect(s.nps).toBeCloseTo(45, 10)
    expect(s.marginOfError).toBeCloseTo(14.5027, 3)
    expect(s.high).toBeCloseTo(59.5027, 3)
    expect(s.tooFew).toBe(false)
  })

  it('clamps the interval to -100..100 and has no score without answers', () => {
    const allPromoters = npsFromCounts(5, 0, 0)
    // p = 1, d = 0: var = (1 - 1) / 5 = 0 -> a degenerate interval, flagged as too few
    expect([allPromoters.nps, allPromoters.marginOfError, allPromoters.high]).toEqual([100, 0, 100])
    expect(npsFromCounts(0, 0, 0)).toMatchObject({ n: 0, nps: null, marginOfError: null, tooFew: true })
  })

  it('refuses out-of-range answers rather than counting them', () => {
    expect(() => computeNps([9, 11])).toThrow(RangeError)
  })
})
