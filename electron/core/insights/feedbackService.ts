import type { DB } from '../db/connection'
import type { z } from 'zod'
import type { NewFeedbackSchema } from '../../../shared/ipc/schemas'
import { normalizeIntent } from '../../../shared/domain/intent'
import { AppError, notFound } from '../errors'
import type { CommentAnalyzer } from './commentAnalysis'
import { analysisColumns } from './feedbackAnalysis'
import type { InsightService } from './insightService'

export type NewFeedback = z.output<typeof NewFeedbackSchema>

/**
 * Records an answer taken during a call (or arriving from a survey tool) with its comment
 * analysis, and updates that one customer's insight: no full recompute.
 */
export function createFeedbackService(
  db: DB,
  analyzer: CommentAnalyzer,
  insights: InsightService,
  clock: () => number,
) {
  const customerLanguage = db.prepare<[number], { language: 'de' | 'en' }>(
    `SELECT language FROM customers WHERE id = ?`,
  )
  const insert = db.prepare(
    `INSERT INTO feedback (customer_id, nps, intent_raw, intent_scale, intent, comment, language, channel, source,
       source_response_id, answered_at, created_at, polarity, sentiment, topics, mentions)
     VALUES (@customerId, @nps, @intentRaw, @intentScale, @intent, @comment, @language, @channel, 'loopdesk',
       @responseId, @now, @now, @polarity, @sentiment, @topics, @mentions)`,
  )
  const tx = db.transaction((f: NewFeedback) => {
    const customer = customerLanguage.get(f.customerId)
    if (!customer) throw notFound(`Customer ${f.customerId}`)
    let intent: number | null = null
    if (f.intentRaw !== undefined && f.intentScale !== undefined) {
      try {
        intent = normalizeIntent(f.intentRaw, f.intentScale)
      } catch (err) {
        throw new AppError('VALIDATION', (err as Error).message, [`intentRaw: ${(err as Error).message}`])
      }
    }
    const comment = f.comment?.trim() ? f.comment.trim() : null
    const analysis = comment ? analyzer.analyze(comment, customer.language) : null
    const now = clock()
    const info = insert.run({
      customerId: f.customerId,
      nps: f.nps ?? null,
      intentRaw: f.intentRaw ?? null,
      intentScale: f.intentScale ?? null,
      intent,
      comment,
      language: analysis && analysis.language !== 'unknown' ? analysis.language : customer.language,
      channel: f.channel,
      responseId: `ld-${now}-${Math.random().toString(36).slice(2, 10)}`,
      now,
      ...analysisColumns(analysis),
    })
    insights.refresh(f.customerId)
    return Number(info.lastInsertRowid)
  })
  return {
    record: (f: NewFeedback): number => tx.immediate(f),
  }
}
