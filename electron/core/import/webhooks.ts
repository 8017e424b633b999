import type { CountryCode } from 'libphonenumber-js'
import type { z } from 'zod'
import type { FormbricksWebhookSchema, WebhookImportResultSchema } from '../../../shared/ipc/schemas'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import type { DB } from '../db/connection'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import { createDerivedUpdates } from './derivedUpdates'
import { importFeedback } from './feedbackImporter'
import { webhookRow } from './formbricks'
import { mappingKey } from './sources'
import type { ColumnMapping, FeedbackRecord, RowResult } from './types'

type Payload = z.output<typeof FormbricksWebhookSchema>
export type WebhookImportResult = z.output<typeof WebhookImportResultSchema>

export interface WebhookReceiverOptions {
  region: CountryCode
  analyzer: CommentAnalyzer
  clock: () => number
  intentCutoffs: () => IntentBandCutoffs
  /** the mapping saved for a key (see mappingKey), or null */
  mapping: (key: string) => Partial<ColumnMapping> | null
}

async function* oneRow(row: RowResult<FeedbackRecord>): AsyncGenerator<RowResult<FeedbackRecord>> {
  yield row
}

/**
 * Formbricks webhooks, one response at a time, through the same importer as files: the same
 * (source, response id) uniqueness, customer matching, comment analysis, insights and loop rules. So
 * a webhook and a CSV export of the same response are one answer, whichever arrives first.
 */
export function createWebhookReceiver(db: DB, options: WebhookReceiverOptions) {
  const afterWrite = createDerivedUpdates(db, {
    clock: options.clock,
    intentCutoffs: options.intentCutoffs,
  })
  return {
    /** The question ids of the survey's mapping: saved for this survey, else for all webhooks. */
    mappingFor(surveyId: string): Partial<ColumnMapping> | undefined {
      return (
        options.mapping(mappingKey('formbricks-webhook', surveyId)) ??
        options.mapping(mappingKey('formbricks-webhook', null)) ??
        undefined
      )
    },
    async receive(payload: Payload): Promise<WebhookImportResult> {
      const { event, data } = payload
      const base = { event, surveyId: data.surveyId, responseId: data.id }
      const row = webhookRow(payload, this.mappingFor(data.surveyId), 0, { region: options.region })
      const report = await importFeedback(db, oneRow(row), {
        region: options.region,
        analyzer: options.analyzer,
        afterWrite,
      })
      const loopsCreated = report.loopsCreated
      if (report.imported > 0) return { ...base, result: 'imported', loopsCreated }
      if (report.updated > 0) return { ...base, result: 'updated', loopsCreated }
      if (report.duplicates > 0) return { ...base, result: 'duplicate', loopsCreated }
      const reason = report.rejects[0]?.reason ?? (row.ok ? undefined : row.reason)
      return {
        ...base,
        result: report.skipped > 0 ? 'skipped' : 'rejected',
        ...(reason !== undefined ? { reason } : {}),
        loopsCreated,
      }
    },
  }
}

export type WebhookReceiver = ReturnType<typeof createWebhookReceiver>
