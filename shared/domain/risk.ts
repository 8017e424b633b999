/**
 * Churn-risk flags and score. Every factor has a severity 0..1 computed from observable data, a
 * weight in points, and a reason an agent can read aloud; the score is the sum of the rounded
 * contributions, so every point on screen is attributable to a flag.
 */
export const RISK_FACTORS = [
  'declining_usage',
  'negative_sentiment',
  'low_intent',
  'detractor',
  'open_tickets',
  'price_competitor',
  'contract_end',
  'recent_complaint',
] as const
export type RiskFactor = (typeof RISK_FACTORS)[number]

export type RiskWeights = Record<RiskFactor, number>

/** Hand-set weights (points at full severity); they add up to 100. */
export const HAND_WEIGHTS: RiskWeights = {
  declining_usage: 20,
  negative_sentiment: 10,
  low_intent: 20,
  detractor: 15,
  open_tickets: 10,
  price_competitor: 10,
  contract_end: 10,
  recent_complaint: 5,
}

export interface RiskInputs {
  /** relative usage change of the recent window against the prior one (-0.43 = 43% less); null without data */
  usageChange: number | null
  usageWindowWeeks: number
  /** how many weeks back the comparison window starts */
  usagePriorWeeks: number
  /** look-back window of negativeComments */
  negativeWindowDays: number
  /** negative comments in the look-back window */
  negativeComments: number
  /** latest normalised purchase intent 0..1 */
  intent: number | null
  /** mean of the latest (up to three) intent answers: one answer alone is noisy */
  intentAvg: number | null
  /** latest NPS answer 0..10 */
  nps: number | null
  /** mean of the latest (up to three) NPS answers */
  npsAvg: number | null
  openTickets: number
  oldestOpenTicketDays: number | null
  /** quoted price/competitor/cancellation phrases from recent comments ("zu teuer") */
  mentions: readonly string[]
  /** days until the contract ends (negative: already ended) */
  contractEndDays: number | null
  /** days since the latest complaint (negative comment or support ticket) */
  lastComplaintDays: number | null
  /** support tickets opened in the complaint window (negative comments count in negative_sentiment) */
  complaints: number
}

export interface RiskFlag {
  factor: RiskFactor
  severity: number
  points: number
  /** values for the reason text, e.g. { pct: -43, weeks: 4 } */
  params: Record<string, string | number>
}

export interface RiskAssessment {
  score: number
  flags: RiskFlag[]
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))
export const USAGE_DECLINE_THRESHOLD = -0.05
export const CONTRACT_END_HORIZON_DAYS = 90
export const COMPLAINT_HORIZON_DAYS = 180
export const AGED_TICKET_DAYS = 14

/** Severity 0..1 of each factor for one customer, plus what its reason will say. */
export function riskSeverities(
  i: RiskInputs,
): Record<RiskFactor, { severity: number; params: Record<string, string | number> }> {
  const usage =
    i.usageChange !== null && i.usageChange < USAGE_DECLINE_THRESHOLD
      ? clamp01(-i.usageChange / 0.5) // -50% or worse is full severity
      : 0
  // Graded rather than banded: an intent of 0.1 is a stronger signal than 0.35, NPS 1 than NPS 6.
  const intentSeverity = i.intentAvg === null ? 0 : clamp01((0.7 - i.intentAvg) / 0.7)
  const detractor = i.npsAvg === null || i.npsAvg >= 7 ? 0 : (7 - i.npsAvg) / 7
  const aged = i.oldestOpenTicketDays !== null && i.oldestOpenTicketDays > AGED_TICKET_DAYS
  const tickets = i.openTickets === 0 ? 0 : clamp01(i.openTickets / 3 + (aged ? 0.34 : 0))
  const contract =
    i.contractEndDays === null || i.contractEndDays < 0 || i.contractEndDays > CONTRACT_END_HORIZON_DAYS
      ? 0
      : clamp01(1 - i.contractEndDays / CONTRACT_END_HORIZON_DAYS + 0.25)
  const complaint = clamp01(i.complaints / 4)
  return {
    declining_usage: {
      severity: usage,
      params: {
        pct: Math.round((i.usageChange ?? 0) * 100),
        weeks: i.usageWindowWeeks,
        prior: i.usagePriorWeeks,
      },
    },
    negative_sentiment: {
      severity: i.negativeComments === 0 ? 0 : clamp01(0.4 + 0.3 * i.negativeComments),
      params: { count: i.negativeComments, days: i.negativeWindowDays },
    },
    low_intent: {
      severity: intentSeverity,
      params: { pct: Math.round((i.intent ?? 0) * 100), avgPct: Math.round((i.intentAvg ?? 0) * 100) },
    },
    detractor: {
      severity: detractor,
      params: { nps: i.nps ?? '', avg: Math.round((i.npsAvg ?? 0) * 10) / 10 },
    },
    open_tickets: { severity: tickets, params: { count: i.openTickets, days: i.oldestOpenTicketDays ?? 0 } },
    price_competitor: {
      severity: i.mentions.length > 0 ? 1 : 0,
      params: { quote: i.mentions.slice(0, 2).join('", "') },
    },
    contract_end: { severity: contract, params: { days: i.contractEndDays ?? 0 } },
    recent_complaint: {
      severity: complaint,
      params: { count: i.complaints, days: i.lastComplaintDays ?? 0, window: COMPLAINT_HORIZON_DAYS },
    },
  }
}

/** Flags with their point contributions under the given weights; score = sum of the rounded points. */
export function assessRisk(inputs: RiskInputs, weights: RiskWeights = HAND_WEIGHTS): RiskAssessment {
  const severities = riskSeverities(inputs)
  const flags: RiskFlag[] = []
  for (const factor of RISK_FACTORS) {
    const { severity, params } = severities[factor]
    const points = Math.round(severity * weights[factor])
    if (severity > 0 && points > 0) flags.push({ factor, severity, points, params })
  }
  flags.sort((a, b) => b.points - a.points)
  // Rounding each flag can overshoot 100 by a point or two; take it off the largest contribution
  // so the score stays 0..100 and still equals the sum of what is shown.
  const total = flags.reduce((s, f) => s + f.points, 0)
  if (total > 100 && flags[0]) flags[0].points -= total - 100
  return { score: Math.min(100, total), flags }
}

/** Severity vector in RISK_FACTORS order: the features of the fitted model. */
export function riskFeatures(inputs: RiskInputs): number[] {
  const s = riskSeverities(inputs)
  return RISK_FACTORS.map((f) => s[f].severity)
}

/**
 * Turns fitted logistic coefficients into point weights that add up to 100. Ranking by the point
 * score equals ranking by the fitted probability as long as no coefficient is negative; a factor
 * the data says lowers risk gets no points (it is reported, not hidden, by the model summary).
 */
export function weightsFromCoefficients(coefficients: readonly number[]): RiskWeights {
  const positive = RISK_FACTORS.map((_, i) => Math.max(0, coefficients[i] ?? 0))
  const total = positive.reduce((s, x) => s + x, 0)
  const weights = {} as RiskWeights
  RISK_FACTORS.forEach((f, i) => {
    weights[f] = total === 0 ? 0 : (100 * (positive[i] as number)) / total
  })
  return weights
}
