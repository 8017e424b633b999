import type { DB } from '../db/connection'
import type { CallContext } from '../../../shared/ipc/callsContract'

/** Recent answers shown with their analysis (the card shows ten). */
const FEEDBACK_ANALYSED = 10
/** Points in the NPS and intent sparklines. */
const TREND_POINTS = 12
const TICKETS_SHOWN = 8

const POLARITIES = ['positive', 'neutral', 'negative', 'unknown'] as const
type Polarity = (typeof POLARITIES)[number]

function toPolarity(value: string | null): Polarity | null {
  return value !== null && (POLARITIES as readonly string[]).includes(value) ? (value as Polarity) : null
}

/** Topics are stored comma-separated, mentions '|'-separated (see feedbackAnalysis.ts). */
function splitList(value: string | null, separator: string): string[] {
  if (!value) return []
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value)
      return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []
    } catch {
      return []
    }
  }
  return value
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

const TICKET_STATES = ['open', 'pending', 'closed'] as const
type TicketState = (typeof TICKET_STATES)[number]

/** What the call view shows next to the card: comment analysis, score trends and tickets. */
export function createCallContextReader(db: DB) {
  const analysed = db.prepare<
    [number, number],
    {
      id: number
      polarity: string | null
      sentiment: number | null
      topics: string | null
      mentions: string | null
    }
  >(
    `SELECT id, polarity, sentiment, topics, mentions FROM feedback
      WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`,
  )
  const scored = db.prepare<
    [number, number],
    { answered_at: number; nps: number | null; intent: number | null }
  >(
    `SELECT answered_at, nps, intent FROM feedback
      WHERE customer_id = ? AND (nps IS NOT NULL OR intent IS NOT NULL) ORDER BY answered_at DESC LIMIT ?`,
  )
  // Open and pending first, then the latest closed ones.
  const tickets = db.prepare<
    [number, number],
    { id: number; subject: string; category: string | null; status: string; opened_at: number }
  >(
    `SELECT id, subject, category, status, opened_at FROM tickets WHERE customer_id = ?
      ORDER BY status = 'closed', opened_at DESC LIMIT ?`,
  )

  return function readCallContext(customerId: number): CallContext {
    return {
      customerId,
      feedback: analysed.all(customerId, FEEDBACK_ANALYSED).map((f) => ({
        id: f.id,
        polarity: toPolarity(f.polarity),
        sentiment: f.sentiment,
        topics: splitList(f.topics, ','),
        mentions: splitList(f.mentions, '|'),
      })),
      trend: scored
        .all(customerId, TREND_POINTS)
        .reverse()
        .map((p) => ({ at: p.answered_at, nps: p.nps, intent: p.intent })),
      tickets: tickets
        .all(customerId, TICKETS_SHOWN)
        .filter((t): t is typeof t & { status: TicketState } =>
          (TICKET_STATES as readonly string[]).includes(t.status),
        )
        .map((t) => ({
          id: t.id,
          subject: t.subject,
          category: t.category,
          status: t.status,
          openedAt: t.opened_at,
        })),
    }
  }
}
