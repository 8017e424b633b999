import type { RiskInputs } from '../../../shared/domain/risk'

export const DAY_MS = 86_400_000
export const USAGE_WINDOW_WEEKS = 4
export const NEGATIVE_LOOKBACK_DAYS = 90
export const MENTION_LOOKBACK_DAYS = 180

/** The raw facts about one customer the risk factors are computed from (gathered by SQL or a scan). */
export interface CustomerFacts {
  contractEnd: string | null
  /** newest first */
  answers: { answeredAt: number; nps: number | null; intent: number | null; polarity: string | null; mentions: string | null }[]
  /** weekly usage, newest first */
  usage: number[]
  openTicketsOpenedAt: number[]
  lastComplaintTicketAt: number | null
}

function usageChange(usage: readonly number[]): number | null {
  if (usage.length < 2 * USAGE_WINDOW_WEEKS) return null
  let recent = 0
  let prior = 0
  for (let i = 0; i < USAGE_WINDOW_WEEKS; i++) {
    recent += usage[i] as number
    prior += usage[i + USAGE_WINDOW_WEEKS] as number
  }
  return prior > 0 ? recent / prior - 1 : null
}

/** Facts -> risk inputs as of `now`; shared by the per-customer path and the full recompute scan. */
export function toRiskInputs(f: CustomerFacts, now: number): RiskInputs {
  let nps: number | null = null
  let intent: number | null = null
  let negativeComments = 0
  let lastNegative: number | null = null
  const mentions = new Set<string>()
  for (const a of f.answers) {
    if (nps === null && a.nps !== null) nps = a.nps
    if (intent === null && a.intent !== null) intent = a.intent
    const age = now - a.answeredAt
    if (a.polarity === 'negative') {
      if (age <= NEGATIVE_LOOKBACK_DAYS * DAY_MS) negativeComments++
      if (lastNegative === null) lastNegative = a.answeredAt
    }
    if (a.mentions && age <= MENTION_LOOKBACK_DAYS * DAY_MS) for (const m of a.mentions.split('|')) if (m) mentions.add(m)
  }
  const lastComplaint = Math.max(lastNegative ?? -Infinity, f.lastComplaintTicketAt ?? -Infinity)
  const oldestOpen = f.openTicketsOpenedAt.length ? Math.min(...f.openTicketsOpenedAt) : null
  return {
    usageChange: usageChange(f.usage),
    usageWindowWeeks: USAGE_WINDOW_WEEKS,
    negativeComments,
    intent,
    nps,
    openTickets: f.openTicketsOpenedAt.length,
    oldestOpenTicketDays: oldestOpen === null ? null : Math.floor((now - oldestOpen) / DAY_MS),
    mentions: [...mentions],
    contractEndDays: f.contractEnd === null ? null : Math.floor((Date.parse(`${f.contractEnd}T00:00:00Z`) - now) / DAY_MS),
    lastComplaintDays: Number.isFinite(lastComplaint) ? Math.max(0, Math.floor((now - lastComplaint) / DAY_MS)) : null,
  }
}
