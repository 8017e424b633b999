import { z } from 'zod'
import { LOOP_TYPES } from '../domain/loopLifecycle'
import { ScreenPopResultSchema } from './schemas'

/** The agent's call session: start, notes, wrap-up, end, recent calls, the customer's history. */

const EpochMs = z.number().int().nonnegative()
const Id = z.number().int().positive()

/** Fixed wrap-up codes (labels live in the UI's i18n files, so reports stay language-neutral). */
export const WRAP_UP_CODES = [
  'resolved_first_contact',
  'info_given',
  'callback_scheduled',
  'retention_saved',
  'retention_lost',
  'complaint_logged',
  'escalated',
] as const
export const WrapUpCodeSchema = z.enum(WRAP_UP_CODES)
export type WrapUpCode = z.infer<typeof WrapUpCodeSchema>

const NoteText = z.string().trim().min(1).max(4000)

export const CallSessionSchema = z.object({
  id: Id,
  customerId: Id.nullable(),
  customerNo: z.string().nullable(),
  customerName: z.string().nullable(),
  callerId: z.string().nullable(),
  startedAt: EpochMs,
  endedAt: EpochMs.nullable(),
  wrapUp: WrapUpCodeSchema.nullable(),
  /** Notes taken during the call, oldest first. */
  notes: z.array(z.object({ at: EpochMs, text: z.string() })),
})
export type CallSession = z.infer<typeof CallSessionSchema>

const HistoryBase = { at: EpochMs, userName: z.string().nullable() }

/** One line of the customer's history, newest first, merged from calls, answers, offers and loops. */
export const HistoryEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    ...HistoryBase,
    interactionId: Id,
    direction: z.enum(['inbound', 'outbound']),
    endedAt: EpochMs.nullable(),
    wrapUp: WrapUpCodeSchema.nullable(),
  }),
  z.object({ kind: z.literal('note'), ...HistoryBase, interactionId: Id, text: z.string() }),
  z.object({
    kind: z.literal('answer'),
    ...HistoryBase,
    feedbackId: Id,
    nps: z.number().int().nullable(),
    intent: z.number().nullable(),
    comment: z.string().nullable(),
    channel: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('offer'),
    ...HistoryBase,
    offerId: Id,
    nameDe: z.string(),
    nameEn: z.string(),
    outcome: z.enum(['presented', 'accepted', 'declined']),
  }),
  z.object({
    kind: z.literal('loop'),
    ...HistoryBase,
    loopId: Id,
    loopTitle: z.string(),
    /** The audit event: created, state, assignee, action, note, informed, ... */
    event: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    text: z.string().nullable(),
  }),
])
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

/** What the call view adds to the card: comment analysis, score trends, open tickets. */
export const CallContextSchema = z.object({
  customerId: Id,
  feedback: z.array(
    z.object({
      id: Id,
      polarity: z.enum(['positive', 'neutral', 'negative', 'unknown']).nullable(),
      sentiment: z.number().nullable(),
      topics: z.array(z.string()),
      mentions: z.array(z.string()),
    }),
  ),
  /** The last answers with a score, oldest first (for the sparklines). */
  trend: z.array(z.object({ at: EpochMs, nps: z.number().int().nullable(), intent: z.number().nullable() })),
  tickets: z.array(
    z.object({
      id: Id,
      subject: z.string(),
      category: z.string().nullable(),
      status: z.enum(['open', 'pending', 'closed']),
      openedAt: EpochMs,
    }),
  ),
})
export type CallContext = z.infer<typeof CallContextSchema>

/** Why the core suggests this assignee (the UI words it per language). */
export const ASSIGNEE_REASONS = ['last_contact', 'language_workload'] as const

/** The starting point of a follow-up loop from the call: SLA due date and who should do it. */
export const FollowUpDefaultsSchema = z.object({
  priority: z.number().int().min(1).max(5),
  /** Due date from the SLA policy of type and priority, counted in business hours from now. */
  dueAt: EpochMs,
  businessHours: z.number().nonnegative(),
  suggestion: z
    .object({
      userId: Id,
      name: z.string(),
      reason: z.enum(ASSIGNEE_REASONS),
      /** False when the signed-in user may not hand loops to this colleague. */
      assignable: z.boolean(),
    })
    .nullable(),
})
export type FollowUpDefaults = z.infer<typeof FollowUpDefaultsSchema>

export const callsContract = {
  'calls.start': {
    // Started by the screen pop (a card was shown); a known customer or only the caller's number.
    request: z
      .object({
        customerId: Id.optional(),
        callerNumber: z.string().trim().min(1).max(64).optional(),
        direction: z.enum(['inbound', 'outbound']).default('inbound'),
      })
      .strict()
      .refine((r) => r.customerId !== undefined || r.callerNumber !== undefined, {
        message: 'a call needs a customer or a caller number',
      }),
    response: CallSessionSchema,
  },
  'calls.attach': {
    // An unknown caller was created (or picked from a list) during the call.
    request: z.object({ id: Id, customerId: Id }).strict(),
    response: CallSessionSchema,
  },
  'calls.event': {
    // Saved at once: nothing typed during a call is lost if the app is closed.
    request: z.discriminatedUnion('kind', [
      z.object({ id: Id, kind: z.literal('note'), text: NoteText }).strict(),
      z.object({ id: Id, kind: z.literal('wrap_up'), code: WrapUpCodeSchema }).strict(),
    ]),
    response: CallSessionSchema,
  },
  'calls.end': {
    request: z.object({ id: Id, wrapUp: WrapUpCodeSchema, note: NoteText.optional() }).strict(),
    response: CallSessionSchema,
  },
  'calls.active': {
    // The signed-in user's call still running (e.g. after the app was closed mid-call).
    request: z.object({}).strict(),
    response: CallSessionSchema.nullable(),
  },
  'calls.recent': {
    request: z.object({ limit: z.number().int().min(1).max(50).default(10) }).strict(),
    response: z.array(CallSessionSchema),
  },
  'calls.screenPop': {
    // The screen pop with what the call workspace shows next to the card, in one round trip, so the
    // complete card is rendered once instead of after a second request.
    request: z
      .object({
        query: z.string().trim().min(1).max(200),
        historyLimit: z.number().int().min(1).max(200).default(60),
      })
      .strict(),
    response: z.object({
      result: ScreenPopResultSchema,
      /** For a match: the call context and the history of that customer; otherwise null. */
      context: CallContextSchema.nullable(),
      history: z.array(HistoryEntrySchema).nullable(),
    }),
  },
  'calls.context': {
    request: z.object({ customerId: Id }).strict(),
    response: CallContextSchema,
  },
  'calls.followUpDefaults': {
    request: z
      .object({
        customerId: Id,
        type: z.enum(LOOP_TYPES),
        /** Omitted: from the customer's risk and value, as loops.create does. */
        priority: z.number().int().min(1).max(5).optional(),
      })
      .strict(),
    response: FollowUpDefaultsSchema,
  },
  'customers.history': {
    request: z.object({ customerId: Id, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    response: z.array(HistoryEntrySchema),
  },
} as const
