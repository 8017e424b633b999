import type { DB } from '../db/connection'
import type { CustomerCard, CustomerSummary, FeedbackItem, LoopSummary } from '../../../shared/ipc/types'

/** The card as stored data gives it; insight and offers are added by the insight engine. */
export type BaseCard = Omit<CustomerCard, 'insight' | 'offers'>
import { npsGroup } from '../../../shared/domain/nps'
import {
  DEFAULT_INTENT_CUTOFFS,
  intentBand,
  isIntentScale,
  type IntentBandCutoffs,
  type IntentScale,
} from '../../../shared/domain/intent'
import { segmentOf, SEGMENT_PLAYS } from '../../../shared/domain/segment'

const RECENT_FEEDBACK = 10
const OPEN_LOOP_STATES = `('open','assigned','in_progress','action_taken','customer_informed','reopened')`

interface CustomerRow {
  id: number
  customer_no: string
  first_name: string | null
  last_name: string
  display_name: string
  company: string | null
  city: string | null
  language: 'de' | 'en'
  vertical: 'telecom' | 'ecommerce' | 'saas'
  plan: string | null
  value_cents: number
  customer_since: string
  contract_end: string | null
  status: 'active' | 'churned'
  churned_at: number | null
  consent_contact: number
}

interface FeedbackRow {
  id: number
  answered_at: number
  nps: number | null
  intent: number | null
  intent_raw: number | null
  intent_scale: string | null
  comment: string | null
  language: string | null
  channel: string | null
  source: string
}

interface SummaryRow {
  id: number
  customer_no: string
  display_name: string
  company: string | null
  city: string | null
  vertical: 'telecom' | 'ecommerce' | 'saas'
  status: 'active' | 'churned'
  primary_phone: string | null
  primary_email: string | null
}

function toScale(value: string | null): IntentScale | null {
  return value !== null && isIntentScale(value) ? value : null
}

function toFeedbackItem(row: FeedbackRow): FeedbackItem {
  return {
    id: row.id,
    answeredAt: row.answered_at,
    nps: row.nps,
    npsGroup: row.nps === null ? null : npsGroup(row.nps),
    intent: row.intent,
    intentRaw: row.intent_raw,
    intentScale: toScale(row.intent_scale),
    comment: row.comment,
    language: row.language,
    channel: row.channel,
    source: row.source,
  }
}

/**
 * Assembles the customer card with a fixed set of prepared, index-backed statements.
 * Built once per connection: preparing statements per call would cost more than the queries.
 */
export function createCardReader(db: DB, cutoffs: () => IntentBandCutoffs = () => DEFAULT_INTENT_CUTOFFS) {
  const customerStmt = db.prepare<[number], CustomerRow>(
    `SELECT id, customer_no, first_name, last_name, display_name, company, city, language, vertical, plan,
            value_cents, customer_since, contract_end, status, churned_at, consent_contact
       FROM customers WHERE id = ?`,
  )
  const contactsStmt = db.prepare<
    [number],
    { kind: 'phone' | 'email'; value: string; label: string | null; is_primary: number }
  >(
    `SELECT kind, value, label, is_primary FROM contact_points WHERE customer_id = ? ORDER BY kind DESC, is_primary DESC, id`,
  )
  const recentFeedbackStmt = db.prepare<[number, number], FeedbackRow>(
    `SELECT id, answered_at, nps, intent, intent_raw, intent_scale, comment, language, channel, source
       FROM feedback WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`,
  )
  // The two latest NPS and the latest intent may sit beyond the ten recent rows (answers without
  // a score), so they are read separately, still walking the (customer_id, answered_at) index.
  const latestNpsStmt = db.prepare<[number], { nps: number; answered_at: number }>(
    `SELECT nps, answered_at FROM feedback WHERE customer_id = ? AND nps IS NOT NULL ORDER BY answered_at DESC LIMIT 2`,
  )
  const latestIntentStmt = db.prepare<
    [number],
    { intent: number; intent_raw: number; intent_scale: string; answered_at: number }
  >(
    `SELECT intent, intent_raw, intent_scale, answered_at FROM feedback
      WHERE customer_id = ? AND intent IS NOT NULL ORDER BY answered_at DESC LIMIT 1`,
  )
  const feedbackCountStmt = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM feedback WHERE customer_id = ?`,
  )
  const openLoopsStmt = db.prepare<
    [number],
    {
      id: number
      title: string
      type: string
      state: LoopSummary['state']
      priority: number
      due_at: number | null
      assignee_id: number | null
      assignee_name: string | null
      created_at: number
    }
  >(
    `SELECT l.id, l.title, l.type, l.state, l.priority, l.due_at, l.assignee_id, u.name AS assignee_name, l.created_at
       FROM loops l LEFT JOIN users u ON u.id = l.assignee_id
      WHERE l.customer_id = ? AND l.state IN ${OPEN_LOOP_STATES}
      ORDER BY l.priority, l.due_at`,
  )
  const openTicketsStmt = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE customer_id = ? AND status IN ('open', 'pending')`,
  )

  return function readCard(customerId: number): BaseCard | null {
    const c = customerStmt.get(customerId)
    if (!c) return null
    const nps = latestNpsStmt.all(customerId)
    const intentRow = latestIntentStmt.get(customerId)
    const intentScale = intentRow ? toScale(intentRow.intent_scale) : null
    const latestIntent =
      intentRow && intentScale
        ? {
            value: intentRow.intent,
            band: intentBand(intentRow.intent, cutoffs()),
            raw: intentRow.intent_raw,
            scale: intentScale,
            answeredAt: intentRow.answered_at,
          }
        : null
    const toAnswer = (row: { nps: number; answered_at: number } | undefined) =>
      row ? { score: row.nps, group: npsGroup(row.nps), answeredAt: row.answered_at } : null
    const latestNps = toAnswer(nps[0])
    const segmentKey = latestNps && latestIntent ? segmentOf(latestNps.group, latestIntent.band) : null
    return {
      customer: {
        id: c.id,
        customerNo: c.customer_no,
        firstName: c.first_name,
        lastName: c.last_name,
        displayName: c.display_name,
        company: c.company,
        city: c.city,
        language: c.language,
        vertical: c.vertical,
        plan: c.plan,
        valueCents: c.value_cents,
        customerSince: c.customer_since,
        contractEnd: c.contract_end,
        status: c.status,
        churnedAt: c.churned_at,
        consentContact: c.consent_contact === 1,
      },
      contacts: contactsStmt.all(customerId).map((p) => ({
        kind: p.kind,
        value: p.value,
        label: p.label,
        isPrimary: p.is_primary === 1,
      })),
      latestNps,
      previousNps: toAnswer(nps[1]),
      latestIntent,
      segment: segmentKey ? { key: segmentKey, play: SEGMENT_PLAYS[segmentKey] } : null,
      recentFeedback: recentFeedbackStmt.all(customerId, RECENT_FEEDBACK).map(toFeedbackItem),
      feedbackCount: feedbackCountStmt.get(customerId)?.n ?? 0,
      openLoops: openLoopsStmt.all(customerId).map((l) => ({
        id: l.id,
        title: l.title,
        type: l.type,
        state: l.state,
        priority: l.priority,
        dueAt: l.due_at,
        assigneeId: l.assignee_id,
        assigneeName: l.assignee_name,
        createdAt: l.created_at,
      })),
      openTickets: openTicketsStmt.get(customerId)?.n ?? 0,
    }
  }
}

/** One-line summaries for choice lists and type-ahead, for a set of customer ids in the given order. */
export function createSummaryReader(db: DB) {
  const stmt = db.prepare<[number], SummaryRow>(
    `SELECT c.id, c.customer_no, c.display_name, c.company, c.city, c.vertical, c.status,
            (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone'
              ORDER BY p.is_primary DESC, p.id LIMIT 1) AS primary_phone,
            (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email'
              ORDER BY p.is_primary DESC, p.id LIMIT 1) AS primary_email
       FROM customers c WHERE c.id = ?`,
  )
  return function readSummaries(ids: readonly number[]): CustomerSummary[] {
    const out: CustomerSummary[] = []
    for (const id of ids) {
      const r = stmt.get(id)
      if (!r) continue
      out.push({
        id: r.id,
        customerNo: r.customer_no,
        displayName: r.display_name,
        company: r.company,
        city: r.city,
        vertical: r.vertical,
        status: r.status,
        primaryPhone: r.primary_phone,
        primaryEmail: r.primary_email,
      })
    }
    return out
  }
}
