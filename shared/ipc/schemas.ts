import { z } from 'zod'
import { INTENT_SCALES } from '../domain/intent'
import { SEGMENTS, SEGMENT_PLAYS } from '../domain/segment'
import { RISK_FACTORS } from '../domain/risk'

export const Vertical = z.enum(['telecom', 'ecommerce', 'saas'])
export const Language = z.enum(['de', 'en'])
export const NpsGroupSchema = z.enum(['promoter', 'passive', 'detractor'])
export const IntentBandSchema = z.enum(['high', 'medium', 'low'])
export const IntentScaleSchema = z.enum(INTENT_SCALES)
export const SegmentSchema = z.enum(SEGMENTS)
export const PlaySchema = z.enum(Object.values(SEGMENT_PLAYS) as [string, ...string[]])
export const LoopState = z.enum([
  'open',
  'assigned',
  'in_progress',
  'action_taken',
  'customer_informed',
  'resolved',
  'reopened',
  'cancelled',
])
export const Role = z.enum(['agent', 'team_lead', 'supervisor'])

/** Epoch milliseconds (UTC). */
const EpochMs = z.number().int().nonnegative()
/** Calendar date YYYY-MM-DD. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const ContactPointSchema = z.object({
  kind: z.enum(['phone', 'email']),
  value: z.string(),
  label: z.string().nullable(),
  isPrimary: z.boolean(),
})

export const CustomerSummarySchema = z.object({
  id: z.number().int().positive(),
  customerNo: z.string(),
  displayName: z.string(),
  company: z.string().nullable(),
  city: z.string().nullable(),
  vertical: Vertical,
  status: z.enum(['active', 'churned']),
  primaryPhone: z.string().nullable(),
  primaryEmail: z.string().nullable(),
})

export const NpsAnswerSchema = z.object({
  score: z.number().int().min(0).max(10),
  group: NpsGroupSchema,
  answeredAt: EpochMs,
})

export const IntentAnswerSchema = z.object({
  value: z.number().min(0).max(1),
  band: IntentBandSchema,
  raw: z.number(),
  scale: IntentScaleSchema,
  answeredAt: EpochMs,
})

export const FeedbackItemSchema = z.object({
  id: z.number().int().positive(),
  answeredAt: EpochMs,
  nps: z.number().int().min(0).max(10).nullable(),
  npsGroup: NpsGroupSchema.nullable(),
  intent: z.number().min(0).max(1).nullable(),
  intentRaw: z.number().nullable(),
  intentScale: IntentScaleSchema.nullable(),
  comment: z.string().nullable(),
  language: z.string().nullable(),
  channel: z.string().nullable(),
  source: z.string(),
})

export const LoopSummarySchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  type: z.string(),
  state: LoopState,
  priority: z.number().int(),
  dueAt: EpochMs.nullable(),
  /** Who works it; the call view offers loop actions only on loops the agent may work. */
  assigneeId: z.number().int().positive().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: EpochMs,
})

export const RiskFlagSchema = z.object({
  factor: z.enum(RISK_FACTORS),
  severity: z.number().min(0).max(1),
  points: z.number().int().min(0).max(100),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
})

export const RiskModelSchema = z.object({
  kind: z.enum(['hand', 'fitted']),
  /** AUC on held-out customers of the weights in force */
  auc: z.number().nullable(),
  /** AUC of the hand-set weights on the same customers */
  baselineAuc: z.number().nullable(),
})

export const InsightSchema = z.object({
  riskScore: z.number().int().min(0).max(100),
  flags: z.array(RiskFlagSchema),
  model: RiskModelSchema,
})

export const OfferReasonSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('segment'), segment: z.string() }),
  z.object({ key: z.literal('risk'), risk: z.number() }),
  z.object({ key: z.literal('value'), valueCents: z.number() }),
  z.object({ key: z.literal('tenure'), months: z.number() }),
  z.object({
    key: z.literal('acceptance'),
    pct: z.number(),
    accepted: z.number().int(),
    decided: z.number().int(),
  }),
  z.object({ key: z.literal('expected_value'), cents: z.number() }),
])

export const OfferSuggestionSchema = z.object({
  offerId: z.number().int().positive(),
  code: z.string(),
  kind: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  costCents: z.number().int(),
  acceptance: z.number().min(0).max(1),
  expectedValueCents: z.number().int(),
  reasons: z.array(OfferReasonSchema),
})

export const CustomerCardSchema = z.object({
  customer: z.object({
    id: z.number().int().positive(),
    customerNo: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string(),
    displayName: z.string(),
    company: z.string().nullable(),
    city: z.string().nullable(),
    language: Language,
    vertical: Vertical,
    plan: z.string().nullable(),
    valueCents: z.number().int(),
    customerSince: IsoDate,
    contractEnd: IsoDate.nullable(),
    status: z.enum(['active', 'churned']),
    churnedAt: EpochMs.nullable(),
    consentContact: z.boolean(),
  }),
  contacts: z.array(ContactPointSchema),
  latestNps: NpsAnswerSchema.nullable(),
  previousNps: NpsAnswerSchema.nullable(),
  latestIntent: IntentAnswerSchema.nullable(),
  segment: z.object({ key: SegmentSchema, play: PlaySchema }).nullable(),
  recentFeedback: z.array(FeedbackItemSchema),
  feedbackCount: z.number().int().nonnegative(),
  openLoops: z.array(LoopSummarySchema),
  openTickets: z.number().int().nonnegative(),
  insight: InsightSchema,
  offers: z.array(OfferSuggestionSchema),
})

export const MatchedBy = z.enum(['phone', 'customer_no', 'id', 'email', 'name'])

export const ScreenPopResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('match'), matchedBy: MatchedBy, card: CustomerCardSchema }),
  z.object({ kind: z.literal('multiple'), matchedBy: MatchedBy, candidates: z.array(CustomerSummarySchema) }),
  z.object({ kind: z.literal('unknown'), query: z.string(), normalizedPhone: z.string().nullable() }),
])

export const IntentCutoffsSchema = z.object({
  high: z.number().gt(0).lt(1),
  medium: z.number().gt(0).lt(1),
})

export const AppInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  customers: z.number().int().nonnegative(),
  defaultRegion: z.string(),
  mode: z.enum(['electron', 'headless']),
  intentCutoffs: IntentCutoffsSchema,
})

export const NewCustomerSchema = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().min(1).max(100),
    company: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.email().max(254).optional(),
    language: Language.default('de'),
    vertical: Vertical.default('telecom'),
  })
  .strict()

export const IncomingCallSchema = z.object({ number: z.string().min(1).max(64) })

export const CommentAnalysisSchema = z.object({
  language: z.enum(['de', 'en', 'unknown']),
  polarity: z.enum(['positive', 'neutral', 'negative', 'unknown']),
  score: z.number().min(-1).max(1),
  topics: z.array(z.string()),
  mentions: z.array(z.string()),
})

export const NewFeedbackSchema = z
  .object({
    customerId: z.number().int().positive(),
    nps: z.number().int().min(0).max(10).optional(),
    intentRaw: z.number().optional(),
    intentScale: IntentScaleSchema.optional(),
    comment: z.string().max(10_000).optional(),
    channel: z.enum(['call', 'email', 'sms', 'web']).default('call'),
  })
  .strict()
  .refine((f) => f.nps !== undefined || f.intentRaw !== undefined || (f.comment ?? '').trim() !== '', {
    message: 'an answer needs an NPS score, an intent answer or a comment',
  })
  .refine((f) => (f.intentRaw === undefined) === (f.intentScale === undefined), {
    message: 'intentRaw and intentScale go together',
    path: ['intentScale'],
  })

const StatsSchema = z.object({
  atStart: z.number().int(),
  lost: z.number().int(),
  churnRate: z.number().nullable(),
  retentionRate: z.number().nullable(),
})

export const ChurnPeriodSchema = z.object({
  label: z.string(),
  start: EpochMs,
  end: EpochMs,
  overall: StatsSchema,
  bySegment: z.record(z.string(), StatsSchema),
})

const Band = z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() })
export const SegmentMatrixSchema = z.object({
  counts: z.object({ promoter: Band, passive: Band, detractor: Band }),
  bySegment: z.record(SegmentSchema, z.number().int()),
  unassessed: z.number().int(),
})

export const TrendPointSchema = z.object({
  label: z.string(),
  start: EpochMs,
  n: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  nps: z.number().nullable(),
  marginOfError: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  tooFew: z.boolean(),
  intentAvg: z.number().min(0).max(1).nullable(),
  intentN: z.number().int(),
})

export const WatchlistEntrySchema = z.object({
  customerId: z.number().int().positive(),
  customerNo: z.string(),
  displayName: z.string(),
  segment: z.string().nullable(),
  riskScore: z.number().int(),
  valueCents: z.number().int(),
  topFlags: z.array(z.string()),
})

export const ModelReportSchema = z.object({
  kind: z.enum(['hand', 'fitted']),
  handAuc: z.number().nullable(),
  fittedAuc: z.number().nullable(),
  fittedPointsAuc: z.number().nullable(),
  nTrain: z.number().int(),
  nTest: z.number().int(),
  coefficients: z.array(z.number()).nullable(),
  intercept: z.number().nullable(),
  weights: z.record(z.string(), z.number()),
})

export const RecomputeReportSchema = z.object({
  customers: z.number().int(),
  feedbackRows: z.number().int(),
  ms: z.number(),
  phases: z.object({ scanMs: z.number(), fitMs: z.number(), writeMs: z.number() }),
  model: ModelReportSchema,
})

export const ImportFormatSchema = z.enum([
  'qualtrics',
  'formbricks',
  'formbricks-webhook',
  'generic-csv',
  'json',
])

/**
 * The name a generic CSV/JSON file's answers are stored under: each tool its own name, so two tools
 * never share one (source, response id) space or overwrite each other's saved mapping.
 */
export const ImportSourceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, blanks, ".", "_" and "-" only')
export const ImportTypeSchema = z.enum([
  'feedback',
  'customers',
  'contact_points',
  'usage',
  'tickets',
  'churn',
])

export const ColumnMappingSchema = z
  .object({
    nps: z.string().max(500).optional(),
    intent: z.string().max(500).optional(),
    intentScale: IntentScaleSchema.optional(),
    comment: z.string().max(500).optional(),
    /** further open-text columns appended to the comment, in this order */
    moreComments: z.array(z.string().min(1).max(500)).max(20).optional(),
    customerKey: z.string().max(500).optional(),
    customerKeyKind: z.enum(['customer_no', 'email', 'phone', 'external']).optional(),
    responseId: z.string().max(500).optional(),
    answeredAt: z.string().max(500).optional(),
    language: z.string().max(500).optional(),
    channel: z.string().max(500).optional(),
  })
  .strict()

export const ImportPreviewSchema = z.object({
  uploadId: z.string(),
  format: ImportFormatSchema,
  columns: z.array(z.string()),
  /** first rows as the file has them (cells by column name) */
  rows: z.array(z.record(z.string(), z.string())),
  /** what the importer would use if nothing is changed; saved mappings of the source win */
  mapping: ColumnMappingSchema,
  /**
   * generic CSV/JSON: the source name the answers go under (the one asked for, else one from the
   * file name or the last one used); Formbricks webhooks: the survey id the mapping is saved for
   */
  source: z.string().nullable(),
  /** source names with a saved mapping, to offer in the source field */
  sources: z.array(z.string()),
  /** open-text columns of the file (Qualtrics), for the mapping to choose the comment from */
  textColumns: z.array(z.string()),
  /** parsed records of the first rows with the mapping, or the reason a row fails */
  sample: z.array(
    z.object({
      line: z.number().int(),
      ok: z.boolean(),
      reason: z.string().optional(),
      nps: z.number().nullable().optional(),
      intent: z.number().nullable().optional(),
      comment: z.string().nullable().optional(),
      customerKey: z.string().optional(),
    }),
  ),
})

export const ImportJobStatusSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  rows: z.number().int(),
  imported: z.number().int(),
  rowsPerSecond: z.number(),
  fraction: z.number().min(0).max(1).nullable(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  report: z
    .object({
      rows: z.number().int(),
      imported: z.number().int(),
      updated: z.number().int(),
      duplicates: z.number().int(),
      skipped: z.number().int(),
      rejected: z.number().int(),
      rejects: z.array(z.object({ line: z.number().int(), reason: z.string() })),
      customersTouched: z.number().int(),
      loopsCreated: z.number().int(),
      cancelled: z.boolean(),
      ms: z.number(),
      phases: z
        .object({
          readMs: z.number(),
          prepareMs: z.number(),
          writeMs: z.number(),
          derivedMs: z.number(),
          commitMs: z.number(),
        })
        .optional(),
    })
    .nullable(),
})

const webhookAnswer = z.unknown()

/**
 * A Formbricks response webhook as Formbricks posts it (responseCreated, responseUpdated,
 * responseFinished); `data.data[questionId]` holds the answers. Other fields are ignored.
 */
export const FormbricksWebhookSchema = z.object({
  webhookId: z.string().optional(),
  event: z.enum(['responseFinished', 'responseCreated', 'responseUpdated']),
  data: z.object({
    id: z.string().min(1),
    createdAt: z.string().min(1),
    updatedAt: z.string().optional(),
    surveyId: z.string().min(1),
    finished: z.boolean().optional(),
    data: z.record(z.string(), webhookAnswer),
    contact: z.object({ id: z.string().optional(), userId: z.string().nullish() }).nullish(),
    contactAttributes: z.record(z.string(), webhookAnswer).nullish(),
    meta: z.object({ source: z.string().optional(), url: z.string().optional() }).nullish(),
    language: z.string().nullish(),
  }),
})

export const WebhookImportResultSchema = z.object({
  event: z.enum(['responseFinished', 'responseCreated', 'responseUpdated']),
  surveyId: z.string(),
  responseId: z.string(),
  result: z.enum(['imported', 'updated', 'duplicate', 'skipped', 'rejected']),
  reason: z.string().optional(),
  loopsCreated: z.number().int(),
})

export const ExportKindSchema = z.enum(['customers', 'feedback', 'loops'])

export const ExportStatusSchema = z.object({
  exportId: z.string(),
  kind: ExportKindSchema,
  state: z.enum(['running', 'done', 'failed']),
  rows: z.number().int(),
  bytes: z.number().int(),
  /** number of chunks to fetch with export.chunk once done */
  chunks: z.number().int(),
  error: z.string().nullable(),
})
