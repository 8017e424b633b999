import type { DB } from '../db/connection'
import {
  assessRisk,
  COMPLAINT_HORIZON_DAYS,
  HAND_WEIGHTS,
  type RiskAssessment,
  type RiskInputs,
  type RiskWeights,
} from '../../../shared/domain/risk'
import { DEFAULT_INTENT_CUTOFFS, intentBand, type IntentBandCutoffs } from '../../../shared/domain/intent'
import { npsGroup } from '../../../shared/domain/nps'
import { segmentOf, type Segment } from '../../../shared/domain/segment'
import { DAY_MS, toRiskInputs, type CustomerFacts } from './riskInputs'

const ANSWERS_READ = 60

export interface ActiveModel {
  id: number | null
  kind: 'hand' | 'fitted'
  weights: RiskWeights
  auc: number | null
  baselineAuc: number | null
}

export interface CustomerInsight {
  customerId: number
  nps: number | null
  intent: number | null
  segment: Segment | null
  risk: RiskAssessment
  inputs: RiskInputs
  valueCents: number
}

export function segmentFor(
  nps: number | null,
  intent: number | null,
  cutoffs: IntentBandCutoffs = DEFAULT_INTENT_CUTOFFS,
): Segment | null {
  return nps === null || intent === null ? null : segmentOf(npsGroup(nps), intentBand(intent, cutoffs))
}

/** Reads the model in force: the active fitted one if a recompute activated it, else the hand weights. */
export function loadActiveModel(db: DB): ActiveModel {
  const row = db
    .prepare(
      `SELECT id, kind, weights_json, auc, baseline_auc FROM risk_models WHERE active = 1 ORDER BY id DESC LIMIT 1`,
    )
    .get() as
    | {
        id: number
        kind: 'hand' | 'fitted'
        weights_json: string
        auc: number | null
        baseline_auc: number | null
      }
    | undefined
  if (!row) return { id: null, kind: 'hand', weights: HAND_WEIGHTS, auc: null, baselineAuc: null }
  return {
    id: row.id,
    kind: row.kind,
    weights: JSON.parse(row.weights_json) as RiskWeights,
    auc: row.auc,
    baselineAuc: row.baseline_auc,
  }
}

/**
 * Per-customer insight: a handful of index lookups, used for the card and to update one
 * customer when new feedback, usage or tickets arrive (no full recompute).
 */
export function createInsightService(
  db: DB,
  clock: () => number = Date.now,
  cutoffs: () => IntentBandCutoffs = () => DEFAULT_INTENT_CUTOFFS,
) {
  const customer = db.prepare<[number], { contract_end: string | null; value_cents: number }>(
    `SELECT contract_end, value_cents FROM customers WHERE id = ?`,
  )
  const answers = db.prepare<
    [number, number],
    {
      answered_at: number
      nps: number | null
      intent: number | null
      polarity: string | null
      mentions: string | null
    }
  >(
    `SELECT answered_at, nps, intent, polarity, mentions FROM feedback WHERE customer_id = ? ORDER BY answered_at DESC LIMIT ?`,
  )
  const usage = db.prepare<[number], { units: number }>(
    `SELECT units FROM usage WHERE customer_id = ? ORDER BY period_start DESC LIMIT 12`,
  )
  const openTickets = db.prepare<[number], { opened_at: number }>(
    `SELECT opened_at FROM tickets WHERE customer_id = ? AND status IN ('open', 'pending')`,
  )
  const ticketsOpened = db.prepare<[number, number], { opened_at: number }>(
    `SELECT opened_at FROM tickets WHERE customer_id = ? AND opened_at >= ?`,
  )
  const upsert = db.prepare(
    `INSERT INTO customer_insights (customer_id, nps, intent, segment, risk_score, flags_json, value_cents, model_id, computed_at)
     VALUES (@customerId, @nps, @intent, @segment, @score, @flags, @valueCents, @modelId, @now)
     ON CONFLICT(customer_id) DO UPDATE SET nps = excluded.nps, intent = excluded.intent, segment = excluded.segment,
       risk_score = excluded.risk_score, flags_json = excluded.flags_json, value_cents = excluded.value_cents,
       model_id = excluded.model_id, computed_at = excluded.computed_at`,
  )
  let model = loadActiveModel(db)

  function facts(customerId: number): { facts: CustomerFacts; valueCents: number } | null {
    const c = customer.get(customerId)
    if (!c) return null
    return {
      valueCents: c.value_cents,
      facts: {
        contractEnd: c.contract_end,
        answers: answers.all(customerId, ANSWERS_READ).map((a) => ({
          answeredAt: a.answered_at,
          nps: a.nps,
          intent: a.intent,
          polarity: a.polarity,
          mentions: a.mentions,
        })),
        usage: usage.all(customerId).map((u) => u.units),
        openTicketsOpenedAt: openTickets.all(customerId).map((t) => t.opened_at),
        ticketsOpenedAt: ticketsOpened
          .all(customerId, clock() - COMPLAINT_HORIZON_DAYS * DAY_MS)
          .map((t) => t.opened_at),
      },
    }
  }

  function assess(customerId: number): CustomerInsight | null {
    const found = facts(customerId)
    if (!found) return null
    const inputs = toRiskInputs(found.facts, clock())
    return {
      customerId,
      nps: inputs.nps,
      intent: inputs.intent,
      segment: segmentFor(inputs.nps, inputs.intent, cutoffs()),
      risk: assessRisk(inputs, model.weights),
      inputs,
      valueCents: found.valueCents,
    }
  }

  return {
    get model(): ActiveModel {
      return model
    },
    reloadModel(): void {
      model = loadActiveModel(db)
    },
    assess,
    /** Recomputes and stores one customer's insight (the incremental path after new data). */
    refresh(customerId: number): CustomerInsight | null {
      const insight = assess(customerId)
      if (!insight) return null
      upsert.run({
        customerId,
        nps: insight.nps,
        intent: insight.intent,
        segment: insight.segment,
        score: insight.risk.score,
        flags: JSON.stringify(insight.risk.flags),
        valueCents: insight.valueCents,
        modelId: model.id,
        now: clock(),
      })
      return insight
    },
  }
}

export type InsightService = ReturnType<typeof createInsightService>
