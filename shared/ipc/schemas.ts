import { z } from 'zod'
import { INTENT_SCALES } from '../domain/intent'
import { SEGMENTS, SEGMENT_PLAYS } from '../domain/segment'

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
  assigneeName: z.string().nullable(),
  createdAt: EpochMs,
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
})

export const MatchedBy = z.enum(['phone', 'customer_no', 'id', 'email', 'name'])

export const ScreenPopResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('match'), matchedBy: MatchedBy, card: CustomerCardSchema }),
  z.object({ kind: z.literal('multiple'), matchedBy: MatchedBy, candidates: z.array(CustomerSummarySchema) }),
  z.object({ kind: z.literal('unknown'), query: z.string(), normalizedPhone: z.string().nullable() }),
])

export const AppInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  customers: z.number().int().nonnegative(),
  defaultRegion: z.string(),
  mode: z.enum(['electron', 'headless']),
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
