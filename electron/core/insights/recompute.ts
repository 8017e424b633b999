import Database from 'better-sqlite3'
import type { DB } from '../db/connection'
import {
  assessRisk,
  HAND_WEIGHTS,
  riskFeatures,
  weightsFromCoefficients,
  type RiskInputs,
  type RiskWeights,
} from '../../../shared/domain/risk'
import { toRiskInputs, type CustomerFacts } from './riskInputs'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { segmentFor } from './insightService'
import { auc, fitLogistic, predict, type LogisticModel } from './logistic'

const WRITE_BATCH = 20_000
/** Fewer churn outcomes than this on either side and a fitted model would be noise. */
const MIN_OUTCOMES = 50
const MAX_TRAIN = 250_000

export interface RecomputeOptions {
  now?: number
  intentCutoffs?: IntentBandCutoffs
  nativeBinding?: string
  onProgress?: (phase: 'scan' | 'fit' | 'write', done: number, total: number) => void
}

export interface ModelReport {
  kind: 'hand' | 'fitted'
  /** AUC of the hand-set weights on the held-out customers */
  handAuc: number | null
  /** AUC of the fitted model's probabilities on the same held-out customers */
  fittedAuc: number | null
  /** AUC of the point score shown on cards with the fitted weights (negative coefficients get no points) */
  fittedPointsAuc: number | null
  nTrain: number
  nTest: number
  coefficients: number[] | null
  intercept: number | null
  weights: RiskWeights
}

export interface RecomputeReport {
  customers: number
  feedbackRows: number
  ms: number
  /** where the time went: merged scan + assessment, model fit, writing the insights */
  phases: { scanMs: number; fitMs: number; writeMs: number }
  model: ModelReport
}

type Row = unknown[]

/** A forward-only cursor over rows sorted by customer id, so several tables merge in one pass. */
class Cursor {
  private readonly it: IterableIterator<Row>
  current: Row | undefined
  constructor(stmt: Database.Statement) {
    this.it = stmt.raw(true).iterate() as IterableIterator<Row>
    this.next()
  }
  next(): void {
    const r = this.it.next()
    this.current = r.done ? undefined : r.value
  }
  /** Consumes the rows of one customer (first column = customer id). */
  take(customerId: number, each: (row: Row) => void): void {
    while (this.current !== undefined && (this.current[0] as number) < customerId) this.next()
    while (this.current !== undefined && this.current[0] === customerId) {
      each(this.current)
      this.next()
    }
  }
  close(): void {
    this.it.return?.()
  }
}

/**
 * Recomputes segment and risk for every customer in one merged pass over customers, feedback,
 * usage and tickets (each read in index order on its own read connection), fits the churn model
 * when outcomes exist, and writes customer_insights in batches. Meant for a worker thread.
 */
export function recomputeAll(file: string, options: RecomputeOptions = {}): RecomputeReport {
  const started = performance.now()
  const now = options.now ?? Date.now()
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  const readers: DB[] = []
  const reader = () => {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...binding })
    readers.push(db)
    return db
  }
  const total = (reader().prepare('SELECT count(*) FROM customers').pluck().get() as number) || 0
  const customers = new Cursor(
    reader().prepare(`SELECT id, contract_end, value_cents, status, churned_at FROM customers ORDER BY id`),
  )
  const feedback = new Cursor(
    reader().prepare(
      `SELECT customer_id, answered_at, nps, intent, polarity, mentions FROM feedback ORDER BY customer_id, answered_at DESC`,
    ),
  )
  const usage = new Cursor(
    reader().prepare(`SELECT customer_id, units FROM usage ORDER BY customer_id, period_start`),
  )
  const tickets = new Cursor(
    reader().prepare(`SELECT customer_id, opened_at, status, closed_at FROM tickets ORDER BY customer_id`),
  )

  const ids: number[] = []
  const values: number[] = []
  const churned: (0 | 1)[] = []
  const inputs: RiskInputs[] = []
  /** Inputs as of the prediction time: the churn date for churned customers, now for the others. */
  const trainingInputs: RiskInputs[] = []
  let feedbackRows = 0
  try {
    for (; customers.current !== undefined; customers.next()) {
      const [id, contractEnd, valueCents, status, churnedAt] = customers.current as [
        number,
        string | null,
        number,
        string,
        number | null,
      ]
      const tickets_: { openedAt: number; status: string; closedAt: number | null }[] = []
      const facts: CustomerFacts = {
        contractEnd,
        answers: [],
        usage: [],
        openTicketsOpenedAt: [],
        ticketsOpenedAt: [],
      }
      feedback.take(id, (r) => {
        facts.answers.push({
          answeredAt: r[1] as number,
          nps: r[2] as number | null,
          intent: r[3] as number | null,
          polarity: r[4] as string | null,
          mentions: r[5] as string | null,
        })
      })
      feedbackRows += facts.answers.length
      usage.take(id, (r) => facts.usage.push(r[1] as number))
      facts.usage.reverse()
      tickets.take(id, (r) => {
        tickets_.push({ openedAt: r[1] as number, status: r[2] as string, closedAt: r[3] as number | null })
        if (r[2] === 'open' || r[2] === 'pending') facts.openTicketsOpenedAt.push(r[1] as number)
        facts.ticketsOpenedAt.push(r[1] as number)
      })
      const isChurned = status === 'churned' && churnedAt !== null
      const current = toRiskInputs(facts, now)
      ids.push(id)
      values.push(valueCents)
      churned.push(isChurned ? 1 : 0)
      inputs.push(current)
      trainingInputs.push(
        isChurned ? toRiskInputs(factsAsOf(facts, tickets_, churnedAt), churnedAt) : current,
      )
      if (ids.length % 50_000 === 0) options.onProgress?.('scan', ids.length, total)
    }
  } finally {
    for (const c of [customers, feedback, usage, tickets]) c.close()
    for (const db of readers) db.close()
  }
  options.onProgress?.('scan', ids.length, total)

  const scanMs = performance.now() - started
  options.onProgress?.('fit', 0, 1)
  const model = chooseModel(ids, trainingInputs, churned)
  options.onProgress?.('fit', 1, 1)
  const fitMs = performance.now() - started - scanMs

  const writer = new Database(file, binding)
  writer.pragma('busy_timeout = 10000')
  writer.pragma('foreign_keys = ON')
  try {
    writer.transaction(() => writer.prepare('UPDATE risk_models SET active = 0').run())()
    const modelId = Number(
      writer
        .prepare(
          `INSERT INTO risk_models (kind, weights_json, intercept, coefficients_json, auc, baseline_auc, n_train, n_test, created_at, active)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          model.kind,
          JSON.stringify(model.weights),
          model.intercept,
          model.coefficients ? JSON.stringify(model.coefficients) : null,
          model.kind === 'fitted' ? model.fittedPointsAuc : model.handAuc,
          model.handAuc,
          model.nTrain,
          model.nTest,
          now,
        ).lastInsertRowid,
    )
    const upsert = writer.prepare(
      `INSERT INTO customer_insights (customer_id, nps, intent, segment, risk_score, flags_json, value_cents, model_id, computed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(customer_id) DO UPDATE SET nps = excluded.nps, intent = excluded.intent, segment = excluded.segment,
         risk_score = excluded.risk_score, flags_json = excluded.flags_json, value_cents = excluded.value_cents,
         model_id = excluded.model_id, computed_at = excluded.computed_at`,
    )
    const writeBatch = writer.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const input = inputs[i] as RiskInputs
        const risk = assessRisk(input, model.weights)
        upsert.run(
          ids[i],
          input.nps,
          input.intent,
          segmentFor(input.nps, input.intent, options.intentCutoffs),
          risk.score,
          JSON.stringify(risk.flags),
          values[i],
          modelId,
          now,
        )
      }
    })
    for (let from = 0; from < ids.length; from += WRITE_BATCH) {
      writeBatch.immediate(from, Math.min(ids.length, from + WRITE_BATCH))
      options.onProgress?.('write', Math.min(ids.length, from + WRITE_BATCH), ids.length)
    }
  } finally {
    writer.close()
  }
  const ms = performance.now() - started
  return {
    customers: ids.length,
    feedbackRows,
    ms,
    phases: { scanMs, fitMs, writeMs: ms - scanMs - fitMs },
    model,
  }
}

/**
 * What was known about a customer at time `at`: answers given and tickets opened before it, tickets
 * still open then. Training on these (rather than on today's view of long-gone customers) keeps
 * the model from learning that churned customers "have no recent complaints".
 */
function factsAsOf(
  f: CustomerFacts,
  tickets: readonly { openedAt: number; status: string; closedAt: number | null }[],
  at: number,
): CustomerFacts {
  const before = tickets.filter((t) => t.openedAt <= at)
  return {
    contractEnd: f.contractEnd,
    answers: f.answers.filter((a) => a.answeredAt <= at),
    usage: f.usage,
    openTicketsOpenedAt: before
      .filter((t) => t.status !== 'closed' || (t.closedAt !== null && t.closedAt > at))
      .map((t) => t.openedAt),
    ticketsOpenedAt: before.map((t) => t.openedAt),
  }
}

/**
 * Fits churn weights on 80% of customers and compares them with the hand weights on the other 20%
 * (split by id, so it is stable between runs). The fitted weights are put in force only when they
 * rank churners better than the hand weights on the held-out customers.
 */
export function chooseModel(
  ids: readonly number[],
  inputs: readonly RiskInputs[],
  churned: readonly (0 | 1)[],
): ModelReport {
  const positives = churned.reduce<number>((s, y) => s + y, 0)
  const hand: ModelReport = {
    kind: 'hand',
    handAuc: null,
    fittedAuc: null,
    fittedPointsAuc: null,
    nTrain: 0,
    nTest: 0,
    coefficients: null,
    intercept: null,
    weights: HAND_WEIGHTS,
  }
  if (positives < MIN_OUTCOMES || churned.length - positives < MIN_OUTCOMES) return hand
  const trainX: number[][] = []
  const trainY: (0 | 1)[] = []
  const testX: number[][] = []
  const testY: (0 | 1)[] = []
  const testHand: number[] = []
  // A deterministic sample of at most MAX_TRAIN customers is plenty for eight coefficients and
  // keeps the fit to a second or two on a million customers.
  const trainCandidates = ids.length - Math.floor(ids.length / 5)
  const stride = Math.max(1, Math.ceil(trainCandidates / MAX_TRAIN))
  let trainSeen = 0
  ids.forEach((id, i) => {
    const isTest = id % 5 === 0
    if (!isTest && trainSeen++ % stride !== 0) return
    const x = riskFeatures(inputs[i] as RiskInputs)
    if (isTest) {
      testX.push(x)
      testY.push(churned[i] as 0 | 1)
      testHand.push(assessRisk(inputs[i] as RiskInputs, HAND_WEIGHTS).score)
    } else {
      trainX.push(x)
      trainY.push(churned[i] as 0 | 1)
    }
  })
  const fitted = fitNonNegative(trainX, trainY)
  const handAuc = auc(testHand, testY)
  const fittedAuc = auc(
    testX.map((x) => predict(fitted, x)),
    testY,
  )
  const fittedWeights = weightsFromCoefficients(fitted.coefficients)
  const testInputs = ids
    .map((id, i) => (id % 5 === 0 ? inputs[i] : null))
    .filter((x): x is RiskInputs => x !== null)
  const fittedPointsAuc = auc(
    testInputs.map((x) => assessRisk(x, fittedWeights).score),
    testY,
  )
  // What is judged is the score agents see: the fitted weights as points, against the hand weights.
  const better = Number.isFinite(fittedPointsAuc) && (!Number.isFinite(handAuc) || fittedPointsAuc > handAuc)
  return {
    kind: better ? 'fitted' : 'hand',
    handAuc,
    fittedAuc,
    fittedPointsAuc,
    nTrain: trainX.length,
    nTest: testX.length,
    coefficients: fitted.coefficients,
    intercept: fitted.intercept,
    weights: better ? fittedWeights : HAND_WEIGHTS,
  }
}

/**
 * Logistic fit in which no factor may lower risk: factors that come out negative (collinear with
 * stronger ones, e.g. price mentions with low intent) are dropped and the rest refitted. With all
 * coefficients >= 0, ranking by the points shown equals ranking by the fitted probability.
 */
function fitNonNegative(x: readonly number[][], y: readonly (0 | 1)[]): LogisticModel {
  const k = x[0]?.length ?? 0
  let active = Array.from({ length: k }, (_, j) => j)
  for (;;) {
    const model = fitLogistic(
      x.map((row) => active.map((j) => row[j] as number)),
      y,
    )
    const negative = active.filter((_, i) => (model.coefficients[i] as number) < 0)
    if (negative.length === 0 || active.length === negative.length) {
      const coefficients = new Array<number>(k).fill(0)
      active.forEach((j, i) => (coefficients[j] = Math.max(0, model.coefficients[i] as number)))
      return { ...model, coefficients }
    }
    active = active.filter((j) => !negative.includes(j))
  }
}
