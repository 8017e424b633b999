import type { DB } from '../db/connection'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { createLoopRules } from '../loops/rules'
import type { BatchChanges } from './batchedImport'
import { createBatchInsightRefresh } from './batchInsights'

/**
 * What follows imported rows, run inside each batch's transaction: the insights of exactly the
 * customers the batch touched (set-based, see batchInsights.ts), then the loop
 * rules for the new answers and those customers. Rows, insights and loops of a batch commit
 * together, so a kill never leaves imported answers without their insight or loop.
 */
export function createDerivedUpdates(
  db: DB,
  options: { clock?: () => number; intentCutoffs?: () => IntentBandCutoffs } = {},
): (changes: BatchChanges) => { loopsCreated: number } {
  const clock = options.clock ?? Date.now
  const refreshInsights = createBatchInsightRefresh(db, clock, options.intentCutoffs)
  const rules = createLoopRules(db)
  return (changes) => {
    refreshInsights(changes.customerIds)
    const { created } = rules.apply({
      feedbackIds: changes.feedbackIds,
      customerIds: changes.customerIds,
      now: clock(),
    })
    return { loopsCreated: created }
  }
}
