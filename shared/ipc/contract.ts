import { z } from 'zod'
import {
  AppInfoSchema,
  ChurnPeriodSchema,
  ColumnMappingSchema,
  CommentAnalysisSchema,
  ExportKindSchema,
  ExportStatusSchema,
  FormbricksWebhookSchema,
  ImportFormatSchema,
  ImportJobStatusSchema,
  ImportSourceNameSchema,
  WebhookImportResultSchema,
  ImportPreviewSchema,
  ImportTypeSchema,
  IntentCutoffsSchema,
  NewFeedbackSchema,
  SegmentSchema,
  TrendPointSchema,
  OfferSuggestionSchema,
  RecomputeReportSchema,
  RiskModelSchema,
  SegmentMatrixSchema,
  WatchlistEntrySchema,
  CustomerCardSchema,
  CustomerSummarySchema,
  IncomingCallSchema,
  NewCustomerSchema,
  ScreenPopResultSchema,
} from './schemas'

import { loopsContract } from './loopsContract'
import { callsContract } from './callsContract'
import { dashboardContract } from './dashboardContract'

/** Screen pop, insights, import: the methods of the first issues. Each later area has its own file. */
const coreContract = {
  'app.info': {
    request: z.object({}).strict(),
    response: AppInfoSchema,
  },
  'screenPop.lookup': {
    request: z.object({ query: z.string().trim().min(1).max(200) }).strict(),
    response: ScreenPopResultSchema,
  },
  'customers.get': {
    request: z.object({ id: z.number().int().positive() }).strict(),
    response: CustomerCardSchema,
  },
  'customers.search': {
    request: z
      .object({
        query: z.string().trim().min(1).max(200),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    response: z.array(CustomerSummarySchema),
  },
  'customers.create': {
    request: NewCustomerSchema,
    response: CustomerCardSchema,
  },
  'feedback.record': {
    request: NewFeedbackSchema,
    response: CustomerCardSchema,
  },
  'offers.record': {
    request: z
      .object({
        customerId: z.number().int().positive(),
        offerId: z.number().int().positive(),
        outcome: z.enum(['presented', 'accepted', 'declined']),
      })
      .strict(),
    response: z.array(OfferSuggestionSchema),
  },
  'insights.analyzeComment': {
    request: z.object({ text: z.string().max(100_000), language: z.enum(['de', 'en']).optional() }).strict(),
    response: CommentAnalysisSchema,
  },
  'insights.watchlist': {
    request: z
      .object({
        threshold: z.number().int().min(0).max(100).default(60),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    response: z.array(WatchlistEntrySchema),
  },
  'insights.segmentMatrix': {
    request: z.object({}).strict(),
    response: SegmentMatrixSchema,
  },
  'insights.churn': {
    request: z
      .object({
        unit: z.enum(['month', 'quarter']).default('month'),
        count: z.number().int().min(1).max(36).default(12),
      })
      .strict(),
    response: z.array(ChurnPeriodSchema),
  },
  'insights.trend': {
    request: z
      .object({
        unit: z.enum(['week', 'month']).default('month'),
        count: z.number().int().min(1).max(104).default(12),
        segment: SegmentSchema.optional(),
        customerId: z.number().int().positive().optional(),
      })
      .strict(),
    response: z.array(TrendPointSchema),
  },
  'insights.model': {
    request: z.object({}).strict(),
    response: RiskModelSchema,
  },
  'insights.recompute': {
    request: z.object({}).strict(),
    response: RecomputeReportSchema,
  },
  'settings.setIntentCutoffs': {
    request: IntentCutoffsSchema.strict(),
    response: z.object({ intentCutoffs: IntentCutoffsSchema, customersReassessed: z.number().int() }),
  },
  'import.upload': {
    // The file travels in chunks (base64, at most 512 KiB each) so the same path works over IPC and
    // in headless mode; the core assembles it in a private temp folder.
    request: z
      .object({
        uploadId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,64}$/)
          .optional(),
        fileName: z.string().min(1).max(255),
        chunkBase64: z.string().max(700_000),
        last: z.boolean(),
      })
      .strict(),
    response: z.object({ uploadId: z.string(), bytes: z.number().int() }),
  },
  'import.preview': {
    request: z
      .object({
        uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        format: ImportFormatSchema.optional(),
        mapping: ColumnMappingSchema.optional(),
        /** generic CSV/JSON: the source the answers go under; default from the file name or the last one */
        source: ImportSourceNameSchema.optional(),
      })
      .strict(),
    response: ImportPreviewSchema,
  },
  'import.start': {
    request: z
      .object({
        uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        type: ImportTypeSchema.default('feedback'),
        format: ImportFormatSchema,
        mapping: ColumnMappingSchema.optional(),
        saveMapping: z.boolean().default(true),
        /** generic CSV/JSON: the source name; Formbricks webhooks: the survey id the mapping is saved for */
        source: ImportSourceNameSchema.optional(),
      })
      .strict(),
    response: z.object({ jobId: z.string() }),
  },
  'import.formbricksWebhook': {
    // One webhook as Formbricks posts it (headless mode: POST /api/webhooks/formbricks), imported at
    // once through the file importer; unknown fields are ignored, not refused.
    request: FormbricksWebhookSchema,
    response: WebhookImportResultSchema,
  },
  'import.setWebhookMapping': {
    // Which question ids of a survey hold NPS, intent (and its scale) and the comment.
    request: z
      .object({
        surveyId: z.string().trim().min(1).max(100).optional(),
        mapping: ColumnMappingSchema,
      })
      .strict(),
    response: z.object({ surveyId: z.string().nullable(), mapping: ColumnMappingSchema }),
  },
  'export.start': {
    // The mirror of import.upload: the core writes the CSV to a private temp file, the UI polls
    // export.status and fetches it in base64 chunks with export.chunk (works over IPC and HTTP).
    request: z.object({ kind: ExportKindSchema, delimiter: z.enum([',', ';']).default(';') }).strict(),
    response: ExportStatusSchema,
  },
  'export.status': {
    request: z.object({ exportId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(),
    response: ExportStatusSchema,
  },
  'export.chunk': {
    request: z
      .object({ exportId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), index: z.number().int().min(0) })
      .strict(),
    response: z.object({ chunkBase64: z.string(), last: z.boolean() }),
  },
  'import.status': {
    request: z.object({ jobId: z.string().max(64) }).strict(),
    response: ImportJobStatusSchema,
  },
  'import.cancel': {
    request: z.object({ jobId: z.string().max(64) }).strict(),
    response: ImportJobStatusSchema,
  },
  'calls.takePending': {
    request: z.object({}).strict(),
    response: IncomingCallSchema.nullable(),
  },
} as const

/**
 * The one request map between renderer and core: method name -> request and response schema.
 * The preload, the Electron IPC handler and the headless HTTP server all go through it.
 */
export const contract = {
  ...coreContract,
  ...loopsContract,
  ...callsContract,
  ...dashboardContract,
} as const

export type Contract = typeof contract
export type Method = keyof Contract
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>
export type ParsedRequestOf<M extends Method> = z.output<Contract[M]['request']>
export type ResponseOf<M extends Method> = z.output<Contract[M]['response']>

export const METHODS = Object.keys(contract) as Method[]

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

export { ERROR_CODES, type ApiError, type ErrorCode, type Result } from './errors'
import { ERROR_CODES, type Result } from './errors'

export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      issues: z.array(z.string()).optional(),
    }),
  }),
])

export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './channels'

export const AppEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call.incoming'), number: z.string().min(1).max(64) }),
])
export type AppEvent = z.infer<typeof AppEventSchema>

/** What the preload exposes as window.loopdesk, and what the HTTP client imitates. */
export interface LoopdeskApi {
  invoke<M extends Method>(method: M, payload: RequestOf<M>): Promise<Result<ResponseOf<M>>>
  onEvent(listener: (event: AppEvent) => void): () => void
  /**
   * Electron only: asks where to save and writes the current window as a PDF (Chromium's
   * printToPDF). Resolves with the saved path, or null when the user cancelled.
   */
  printToPdf?(suggestedName: string): Promise<Result<{ path: string } | null>>
}
