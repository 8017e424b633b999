import type { DB } from '../db/connection'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import { analyzePendingFeedback } from '../insights/feedbackAnalysis'
import { recomputeAll, type RecomputeReport } from '../insights/recompute'

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
  db.exec('ANALYZE')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return { commentsAnalysed, analyseMs, recompute }
}
