import { npsGroup } from './nps'

/** Below this many answers an NPS swings too much to show as a trend point without a warning. */
export const MIN_ANSWERS_FOR_TREND = 30

export interface NpsStats {
  n: number
  promoters: number
  passives: number
  detractors: number
  /** %promoters - %detractors, -100..100; null without answers */
  nps: number | null
  /** half-width of the 95% interval in NPS points; null without answers */
  marginOfError: number | null
  low: number | null
  high: number | null
  tooFew: boolean
}

/**
 * NPS with its 95% margin of error: with p and d the promoter and detractor shares of n answers,
 * var = (p + d - (p - d)^2) / n and MoE = 1.96 * 100 * sqrt(var) (design notes).
 */
export function npsFromCounts(
  promoters: number,
  passives: number,
  detractors: number,
  minAnswers = MIN_ANSWERS_FOR_TREND,
): NpsStats {
  const n = promoters + passives + detractors
  if (n === 0) {
    return {
      n,
      promoters,
      passives,
      detractors,
      nps: null,
      marginOfError: null,
      low: null,
      high: null,
      tooFew: true,
    }
  }
  const p = promoters / n
  const d = detractors / n
  const nps = 100 * (p - d)
  const variance = (p + d - (p - d) ** 2) / n
  const moe = 1.96 * 100 * Math.sqrt(variance)
  return {
    n,
    promoters,
    passives,
    detractors,
    nps,
    marginOfError: moe,
    low: Math.max(-100, nps - moe),
    high: Math.min(100, nps + moe),
    tooFew: n < minAnswers,
  }
}

export function computeNps(scores: Iterable<number>, minAnswers = MIN_ANSWERS_FOR_TREND): NpsStats {
  let promoters = 0
  let passives = 0
  let detractors = 0
  for (const s of scores) {
    const g = npsGroup(s)
    if (g === 'promoter') promoters++
    else if (g === 'passive') passives++
    else detractors++
  }
  return npsFromCounts(promoters, passives, detractors, minAnswers)
}
