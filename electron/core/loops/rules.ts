import type { DB } from '../db/connection'
import { loopPriority, type LoopType } from '../../../shared/domain/loopLifecycle'
import { dueAtFor, type SlaCause } from '../../../shared/domain/sla'
import { createAuditWriter } from './auditChain'
import { createSlaSettings } from './slaSettings'
import { createSettings } from '../settings'

/** What opens a loop automatically. Stored under `loops.rules` in the settings table. */
export interface LoopRuleConfig {
  /** Answers older than this (e.g. a historical import) do not open callbacks any more. */
  detractorMaxAgeDays: number
  riskThreshold: number
  /** A negative comment about one of these topics opens a loop even without a detractor score. */
  watchedTopics: string[]
}

export const DEFAULT_LOOP_RULES: LoopRuleConfig = {
  detractorMaxAgeDays: 30,
  riskThreshold: 70,
  watchedTopics: ['price', 'contract_cancellation', 'competitor', 'billing'],
}

const DAY = 86_400_000

interface FeedbackFacts {
  id: number
  customer_id: number
  nps: number | null
  polarity: string | null
  topics: string | null
  answered_at: number
  language: string
}

interface CustomerFacts {
  segment: string | null
  risk_score: number
  value_cents: number
  language: string
}

// Loop titles are data in the customer's language (they are read out and exported), not UI texts.
const TOPIC_NAMES: Record<string, { de: string; en: string }> = {
  price: { de: 'Preis', en: 'price' },
  delivery: { de: 'Lieferung', en: 'delivery' },
  service: { de: 'Service', en: 'service' },
  product_quality: { de: 'Produktqualität', en: 'product quality' },
  billing: { de: 'Rechnung', en: 'billing' },
  usability: { de: 'Bedienbarkeit', en: 'usability' },
  contract_cancellation: { de: 'Kündigung', en: 'cancellation' },
  competitor: { de: 'Wettbewerb', en: 'competitor' },
}

const TITLES = {
  detractor: {
    de: (n: number) => `Rückruf nach Kritik (NPS ${n})`,
    en: (n: number) => `Call back after criticism (NPS ${n})`,
  },
  topic: {
    de: (t: string) => `Negativer Kommentar: ${TOPIC_NAMES[t]?.de ?? t}`,
    en: (t: string) => `Negative comment: ${TOPIC_NAMES[t]?.en ?? t}`,
  },
  at_risk_promoter: {
    de: () => 'Gefährdeter Promotor – Bindung sichern',
    en: () => 'At-risk promoter – secure retention',
  },
  risk: {
    de: (r: number) => `Hohes Abwanderungsrisiko (${r} Punkte)`,
    en: (r: number) => `High churn risk (${r} points)`,
  },
} as const

/**
 * The automatic creation rules: a new detractor answer, a negative comment about a watched topic,
 * an at-risk promoter, or a risk score over the threshold opens a loop — once per cause. Works on
 * any connection (the app's, or the import worker's own), inside the caller's transaction if one
 * is open.
 */
export function createLoopRules(db: DB) {
  const settings = createSettings(db)
  const sla = createSlaSettings(db, settings)
  const audit = createAuditWriter(db)
  // Set-based over a batch (an import hands over 100,000 answers at a time): SQL keeps only the
  // answers and customers a rule can fire for, so the others never cost a round trip each.
  const candidateAnswers = db.prepare<[string, number], FeedbackFacts & CustomerFacts>(
    `SELECT f.id, f.customer_id, f.nps, f.polarity, f.topics, f.answered_at, c.language,
            i.segment, coalesce(i.risk_score, 0) AS risk_score, c.value_cents
       FROM json_each(?) j JOIN feedback f ON f.id = j.value JOIN customers c ON c.id = f.customer_id
       LEFT JOIN customer_insights i ON i.customer_id = c.id
      WHERE c.status = 'active' AND f.answered_at >= ? AND (f.nps <= 6 OR f.polarity = 'negative')
      ORDER BY j.key`,
  )
  const answerCustomers = db
    .prepare<[string]>(`SELECT DISTINCT f.customer_id FROM json_each(?) j JOIN feedback f ON f.id = j.value`)
    .pluck()
  const candidateCustomers = db.prepare<[string, number], CustomerFacts & { id: number }>(
    `SELECT c.id, i.segment, coalesce(i.risk_score, 0) AS risk_score, c.value_cents, c.language
       FROM json_each(?) j JOIN customers c ON c.id = j.value
       LEFT JOIN customer_insights i ON i.customer_id = c.id
      WHERE c.status = 'active' AND (i.segment = 'at_risk_promoter' OR i.risk_score >= ?)
      ORDER BY j.key`,
  )
  const causeExists = db.prepare<[string], { one: number }>(
    `SELECT 1 AS one FROM loops WHERE cause = ? LIMIT 1`,
  )
  const customerLoopOpen = db.prepare<[string, string], { one: number }>(
    `SELECT 1 AS one FROM loops l WHERE l.cause IN (?, ?) AND l.state NOT IN ('resolved', 'cancelled') LIMIT 1`,
  )
  const insert = db.prepare(
    `INSERT INTO loops (customer_id, feedback_id, origin, type, title, state, priority, due_at, created_at, updated_at,
                        cause, segment, topic, language, risk_score, value_cents, sla_hours)
     VALUES (@customerId, @feedbackId, 'rule', @type, @title, 'open', @priority, @dueAt, @now, @now,
             @cause, @segment, @topic, @language, @risk, @value, @slaHours)`,
  )

  const config = (): LoopRuleConfig => {
    const stored = settings.readJson('loops.rules')
    return stored && typeof stored === 'object'
      ? { ...DEFAULT_LOOP_RULES, ...(stored as Partial<LoopRuleConfig>) }
      : DEFAULT_LOOP_RULES
  }

  function open(
    now: number,
    slaCause: SlaCause,
    cause: string,
    customerId: number,
    facts: CustomerFacts,
    type: LoopType,
    title: string,
    extra: { feedbackId?: number; topic?: string | null; urgent?: boolean },
  ): void {
    let priority = loopPriority(facts.risk_score ?? 0, facts.value_cents)
    if (extra.urgent && priority > 1) priority--
    const policy = sla.get()
    const due = dueAtFor(now, type, priority, policy.policies, policy.calendar, {
      cause: slaCause,
      caps: policy.caps,
    })
    const loopId = Number(
      insert.run({
        customerId,
        feedbackId: extra.feedbackId ?? null,
        type,
        title,
        priority,
        dueAt: due.dueAt,
        now,
        cause,
        segment: facts.segment,
        topic: extra.topic ?? null,
        language: facts.language,
        risk: facts.risk_score ?? 0,
        value: facts.value_cents,
        slaHours: due.businessHours,
      }).lastInsertRowid,
    )
    audit({
      loopId,
      at: now,
      userId: null,
      kind: 'created',
      newValue: 'open',
      detail: { origin: 'rule', cause, type, priority },
    })
  }

  function run(input: { feedbackIds?: readonly number[]; customerIds?: readonly number[]; now: number }): {
    created: number
  } {
    const { now } = input
    const rules = config()
    const watched = new Set(rules.watchedTopics)
    const customers = new Set<number>(input.customerIds ?? [])
    const feedbackIds = JSON.stringify(input.feedbackIds ?? [])
    for (const id of answerCustomers.all(feedbackIds) as number[]) customers.add(id)
    let created = 0
    for (const f of candidateAnswers.all(feedbackIds, now - rules.detractorMaxAgeDays * DAY)) {
      const topics = (f.topics ?? '').split(',').filter(Boolean)
      const lang = f.language === 'en' ? 'en' : 'de'
      const facts: CustomerFacts = f
      if (f.nps !== null && f.nps <= 6) {
        const cause = `detractor:f${f.id}`
        if (causeExists.get(cause)) continue
        open(
          now,
          'detractor',
          cause,
          f.customer_id,
          facts,
          'service_recovery',
          TITLES.detractor[lang](f.nps),
          {
            feedbackId: f.id,
            topic: topics[0] ?? null,
            urgent: f.nps <= 2,
          },
        )
        created++
        continue
      }
      const topic = f.polarity === 'negative' ? topics.find((t) => watched.has(t)) : undefined
      if (topic) {
        const cause = `topic:${topic}:f${f.id}`
        if (causeExists.get(cause)) continue
        open(
          now,
          'negative_topic',
          cause,
          f.customer_id,
          facts,
          'service_recovery',
          TITLES.topic[lang](topic),
          {
            feedbackId: f.id,
            topic,
          },
        )
        created++
      }
    }
    for (const facts of candidateCustomers.all(JSON.stringify([...customers]), rules.riskThreshold)) {
      const customerId = facts.id
      const promoterCause = `at_risk_promoter:c${customerId}`
      const riskCause = `risk:c${customerId}`
      const lang = facts.language === 'en' ? 'en' : 'de'
      // One customer-level retention loop at a time, whichever rule fired first.
      if (customerLoopOpen.get(promoterCause, riskCause)) continue
      if (facts.segment === 'at_risk_promoter') {
        open(
          now,
          'at_risk_promoter',
          promoterCause,
          customerId,
          facts,
          'retention',
          TITLES.at_risk_promoter[lang](),
          {},
        )
        created++
      } else if ((facts.risk_score ?? 0) >= rules.riskThreshold) {
        open(now, 'risk', riskCause, customerId, facts, 'retention', TITLES.risk[lang](facts.risk_score), {})
        created++
      }
    }
    return { created }
  }

  return {
    config,
    apply(input: { feedbackIds?: readonly number[]; customerIds?: readonly number[]; now: number }): {
      created: number
    } {
      return db.inTransaction ? run(input) : db.transaction(() => run(input)).immediate()
    },
  }
}

/** One-off use (e.g. per import chunk): `applyLoopRules(db, { feedbackIds, now })`. */
export function applyLoopRules(
  db: DB,
  input: { feedbackIds?: readonly number[]; customerIds?: readonly number[]; now: number },
): { created: number } {
  return createLoopRules(db).apply(input)
}
