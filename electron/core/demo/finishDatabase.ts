import type { DB } from '../db/connection'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import { analyzePendingFeedback } from '../insights/feedbackAnalysis'
import { recomputeAll, type RecomputeReport } from '../insights/recompute'

/**
 * Bulk-loaded loops get the customer's segment, risk and value and the answer's main topic, as the
 * loop service records them when it opens a loop (filters and dashboards group by them).
 */
function fillLoopSnapshots(db: DB): void {
  db.transaction(() => {
    db.exec(`
      UPDATE loops SET
        segment = (SELECT i.segment FROM customer_insights i WHERE i.customer_id = loops.customer_id),
        risk_score = (SELECT i.risk_score FROM customer_insights i WHERE i.customer_id = loops.customer_id),
        value_cents = (SELECT c.value_cents FROM customers c WHERE c.id = loops.customer_id)
      WHERE risk_score IS NULL;
      UPDATE loops SET topic = (SELECT nullif(substr(f.topics, 1, instr(f.topics || ',', ',') - 1), '') FROM feedback f WHERE f.id = loops.feedback_id)
      WHERE topic IS NULL AND feedback_id IS NOT NULL;
    `)
  }).immediate()
}

export interface FinishReport {
  commentsAnalysed: number
  analyseMs: number
  recompute: RecomputeReport
}

/**
 * After a bulk load (demo seed, benchmark database): analyse the comments, compute every
 * customer's insight (fitting the churn model if outcomes exist) and refresh the planner's
 * statistics. The connection is closed on return: the recompute uses connections of its own.
 */
export function finishDatabase(
  db: DB,
  file: string,
  analyzer: CommentAnalyzer,
  now: number,
  options: { nativeBinding?: string; log?: (line: string) => void } = {},
): FinishReport {
  const log = options.log ?? (() => {})
  const started = performance.now()
  const commentsAnalysed = analyzePendingFeedback(db, analyzer)
  const analyseMs = performance.now() - started
  log(`${commentsAnalysed.toLocaleString('en')} comments analysed in ${(analyseMs / 1000).toFixed(1)} s`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  const recompute = recomputeAll(file, {
    now,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  log(
    `insights for ${recompute.customers.toLocaleString('en')} customers computed in ${(recompute.ms / 1000).toFixed(1)} s (risk weights: ${recompute.model.kind})`,
  )
  fillLoopSnapshots(db)
  db.exec('ANALYZE')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { commentsAnalysed, analyseMs, recompute }
}
