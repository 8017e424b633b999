import type { DB } from '../db/connection'
import { WRAP_UP_CODES, type HistoryEntry, type WrapUpCode } from '../../../shared/ipc/callsContract'

const OFFER_OUTCOMES = ['presented', 'accepted', 'declined'] as const
type OfferOutcome = (typeof OFFER_OUTCOMES)[number]

function isWrapUp(value: string | null): value is WrapUpCode {
  return value !== null && (WRAP_UP_CODES as readonly string[]).includes(value)
}

function isOutcome(value: string): value is OfferOutcome {
  return (OFFER_OUTCOMES as readonly string[]).includes(value)
}

/** The free text an audit detail carries (an action, a note, what the customer was told). */
function detailText(detail: string | null): string | null {
  if (!detail) return null
  try {
    const parsed: unknown = JSON.parse(detail)
    if (typeof parsed !== 'object' || parsed === null) return null
    const record = parsed as Record<string, unknown>
    for (const key of ['text', 'note', 'reason']) {
      if (typeof record[key] === 'string') return record[key]
    }
  } catch {
    // an unreadable detail is shown without its text
  }
  return null
}

/**
 * The customer's history: calls, notes, answers, offer outcomes and loop events, newest first.
 * Each source is read newest-first through its (customer, time) index with the same limit, then
 * merged, so the cost stays a handful of index range scans however long the customer has been with us.
 */
export function createHistoryReader(db: DB) {
  const calls = db.prepare<
    [number, number],
    {
      id: number
      started_at: number
      ended_at: number | null
      direction: 'inbound' | 'outbound'
      wrap_up: string | null
      user_name: string | null
    }
  >(
    `SELECT i.id, i.started_at, i.ended_at, i.direction, i.wrap_up, u.name AS user_name
       FROM interactions i LEFT JOIN users u ON u.id = i.user_id
      WHERE i.customer_id = ? ORDER BY i.started_at DESC LIMIT ?`,
  )
  const notes = db.prepare<
    [number, number],
    { id: number; interaction_id: number; at: number; detail: string | null; user_name: string | null }
  >(
    `SELECT e.id, e.interaction_id, e.at, e.detail, u.name AS user_name
       FROM interaction_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.customer_id = ? AND e.kind = 'note' ORDER BY e.at DESC LIMIT ?`,
  )
  const answers = db.prepare<
    [number, number],
    {
      id: number
      answered_at: number
      nps: number | null
      intent: number | null
      comment: string | null
      channel: string | null
    }
  >(
    `SELECT id, answered_at, nps, intent, comment, channel FROM feedback
      WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`,
  )
  const offers = db.prepare<
    [number, number],
    {
      id: number
      at: number
      offer_id: number
      outcome: string
      name_de: string
      name_en: string
      user_name: string | null
    }
  >(
    `SELECT e.id, e.at, e.offer_id, e.outcome, o.name_de, o.name_en, u.name AS user_name
       FROM offer_events e JOIN offers o ON o.id = e.offer_id LEFT JOIN users u ON u.id = e.user_id
      WHERE e.customer_id = ? ORDER BY e.at DESC LIMIT ?`,
  )
  const loopEvents = db.prepare<
    [number, number],
    {
      id: number
      loop_id: number
      at: number
      kind: string
      old_value: string | null
      new_value: string | null
      detail: string | null
      title: string
      user_name: string | null
    }
  >(
    `SELECT e.id, e.loop_id, e.at, e.kind, e.old_value, e.new_value, e.detail, l.title, u.name AS user_name
       FROM loops l JOIN loop_events e ON e.loop_id = l.id LEFT JOIN users u ON u.id = e.user_id
      WHERE l.customer_id = ? ORDER BY e.at DESC, e.id DESC LIMIT ?`,
  )

  return function readHistory(customerId: number, limit: number): HistoryEntry[] {
    // [entry, tie-break] pairs: same-millisecond entries keep their insertion order (newest first).
    const merged: [HistoryEntry, number][] = []
    for (const c of calls.all(customerId, limit)) {
      merged.push([
        {
          kind: 'call',
          at: c.started_at,
          userName: c.user_name,
          interactionId: c.id,
          direction: c.direction,
          endedAt: c.ended_at,
          wrapUp: isWrapUp(c.wrap_up) ? c.wrap_up : null,
        },
        c.id,
      ])
    }
    for (const n of notes.all(customerId, limit)) {
      merged.push([
        {
          kind: 'note',
          at: n.at,
          userName: n.user_name,
          interactionId: n.interaction_id,
          text: detailText(n.detail) ?? '',
        },
        n.id,
      ])
    }
    for (const a of answers.all(customerId, limit)) {
      merged.push([
        {
          kind: 'answer',
          at: a.answered_at,
          userName: null,
          feedbackId: a.id,
          nps: a.nps,
          intent: a.intent,
          comment: a.comment,
          channel: a.channel,
        },
        a.id,
      ])
    }
    for (const o of offers.all(customerId, limit)) {
      if (!isOutcome(o.outcome)) continue
      merged.push([
        {
          kind: 'offer',
          at: o.at,
          userName: o.user_name,
          offerId: o.offer_id,
          nameDe: o.name_de,
          nameEn: o.name_en,
          outcome: o.outcome,
        },
        o.id,
      ])
    }
    for (const e of loopEvents.all(customerId, limit)) {
      merged.push([
        {
          kind: 'loop',
          at: e.at,
          userName: e.user_name,
          loopId: e.loop_id,
          loopTitle: e.title,
          event: e.kind,
          oldValue: e.old_value,
          newValue: e.new_value,
          text: detailText(e.detail),
        },
        e.id,
      ])
    }
    merged.sort((a, b) => b[0].at - a[0].at || b[1] - a[1])
    return merged.slice(0, limit).map(([entry]) => entry)
  }
}
