import { z } from 'zod'
import { LoopState, Role, SegmentSchema } from './schemas'
import { LOOP_TYPES, LOOP_ORIGINS, INFORMED_CHANNELS } from '../domain/loopLifecycle'
import { PUBLIC_HOLIDAY_RULES, SLA_CAUSES } from '../domain/sla'

const EpochMs = z.number().int().nonnegative()
const Id = z.number().int().positive()

export const LoopTypeSchema = z.enum(LOOP_TYPES)
export const LoopOriginSchema = z.enum(LOOP_ORIGINS)
export const InformedChannelSchema = z.enum(INFORMED_CHANNELS)
export const SlaStateSchema = z.enum(['ok', 'due_soon', 'breached', 'met', 'missed'])

export const UserSchema = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  languages: z.array(z.string()),
  team: z.string().nullable(),
})

export const SessionSchema = z.object({
  user: UserSchema,
  /** What the signed-in role may do, so the UI hides what the core would refuse anyway. */
  permissions: z.array(z.string()),
})

/** One row of the queue or a task list. */
export const LoopRowSchema = z.object({
  id: Id,
  customerId: Id,
  customerNo: z.string(),
  customerName: z.string(),
  title: z.string(),
  type: LoopTypeSchema,
  origin: LoopOriginSchema,
  state: LoopState,
  priority: z.number().int().min(1).max(5),
  dueAt: EpochMs.nullable(),
  slaState: SlaStateSchema,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  segment: z.string().nullable(),
  topic: z.string().nullable(),
  language: z.string(),
  riskScore: z.number().int().nullable(),
  valueCents: z.number().int().nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  informedAt: EpochMs.nullable(),
  resolvedAt: EpochMs.nullable(),
  reviewState: z.enum(['pending', 'approved', 'reopened']).nullable(),
  reopenCount: z.number().int(),
})

export const LoopEventSchema = z.object({
  id: Id,
  at: EpochMs,
  userId: Id.nullable(),
  userName: z.string().nullable(),
  kind: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
})

export const LoopDetailSchema = z.object({
  loop: LoopRowSchema,
  cause: z.string().nullable(),
  feedbackId: Id.nullable(),
  feedback: z
    .object({
      nps: z.number().int().nullable(),
      intent: z.number().nullable(),
      comment: z.string().nullable(),
      answeredAt: EpochMs,
    })
    .nullable(),
  rootCauses: z.array(z.string()),
  outcome: z.string().nullable(),
  informedChannel: InformedChannelSchema.nullable(),
  informedNote: z.string().nullable(),
  overrideReason: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** Allowed next states for the signed-in user (the core still checks each request). */
  nextStates: z.array(LoopState),
  events: z.array(LoopEventSchema),
})

export const QueueFilterSchema = z
  .object({
    /** 'open' = every unfinished state; otherwise exactly these states. */
    states: z.union([z.literal('open'), z.array(LoopState).min(1)]).default('open'),
    assignee: z.union([z.literal('me'), z.literal('unassigned'), Id]).optional(),
    priority: z.array(z.number().int().min(1).max(5)).optional(),
    slaState: z.array(SlaStateSchema).optional(),
    segment: z.array(SegmentSchema).optional(),
    topic: z.array(z.string().max(40)).optional(),
    type: z.array(LoopTypeSchema).optional(),
    language: z.enum(['de', 'en']).optional(),
    customerId: Id.optional(),
    reviewState: z.enum(['pending', 'approved', 'reopened']).optional(),
  })
  .strict()

export const QUEUE_SORTS = [
  'priority',
  'due',
  'sla',
  'segment',
  'topic',
  'assignee',
  'created',
  'risk',
  'value',
  'updated',
] as const
export const QueueSortSchema = z.enum(QUEUE_SORTS)

export const SlaPolicySchema = z.object({
  type: LoopTypeSchema,
  priority: z.number().int().min(1).max(5),
  /** Working hours allowed from creation to the customer being informed. */
  businessHours: z.number().positive().max(2000),
  /** false: the hours run around the clock; missing or true: only business hours count. */
  businessHoursOnly: z.boolean().optional(),
})

export const BusinessCalendarSchema = z
  .object({
    timeZone: z.string().min(1).max(64),
    /** ISO weekday 1 = Monday .. 7 = Sunday -> [start, end) minutes after local midnight. */
    hours: z.partialRecord(
      z.enum(['1', '2', '3', '4', '5', '6', '7']),
      z.tuple([z.number().int(), z.number().int()]),
    ),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
    /** Public holidays computed for any year, on top of `holidays`. */
    publicHolidays: z.enum(PUBLIC_HOLIDAY_RULES).optional(),
  })
  .strict()

export const SlaCapSchema = z.object({
  cause: z.enum(SLA_CAUSES),
  /** At most this many working hours for loops of this cause, whatever type and priority say. */
  businessHours: z.number().positive().max(2000),
})

export const SlaSettingsSchema = z.object({
  calendar: BusinessCalendarSchema,
  policies: z.array(SlaPolicySchema),
  caps: z.array(SlaCapSchema),
})

export const NotificationSchema = z.object({
  id: Id,
  kind: z.enum(['loop_assigned', 'loop_reopened', 'sla_due_soon', 'sla_breached']),
  loopId: Id,
  loopTitle: z.string(),
  customerName: z.string(),
  at: EpochMs,
  read: z.boolean(),
})

export const WorkloadRowSchema = z.object({
  userId: Id,
  name: z.string(),
  team: z.string().nullable(),
  languages: z.array(z.string()),
  open: z.number().int(),
  dueSoon: z.number().int(),
  breached: z.number().int(),
  resolvedLast7Days: z.number().int(),
})

const LoopIds = z.array(Id).min(1).max(5000)

/** Why one loop of a bulk request was left alone: the code for the UI, the reason in English. */
export const SKIP_CODES = [
  'not_found',
  'finished',
  'assigned_to_other',
  'already_assignee',
  'no_agent',
] as const
const Skipped = z.array(z.object({ id: Id, reason: z.string(), code: z.enum(SKIP_CODES).optional() }))

export const loopsContract = {
  'session.current': {
    request: z.object({}).strict(),
    response: SessionSchema,
  },
  'session.signIn': {
    // Single-seat mode: pick a known user, or name a new local one with a role. No password.
    request: z.union([
      z.object({ userId: Id }).strict(),
      z
        .object({
          name: z.string().trim().min(2).max(80),
          role: Role,
          languages: z
            .array(z.enum(['de', 'en']))
            .min(1)
            .default(['de']),
        })
        .strict(),
    ]),
    response: SessionSchema,
  },
  'users.list': {
    request: z.object({}).strict(),
    response: z.array(UserSchema),
  },
  'loops.queue': {
    request: z
      .object({
        filter: QueueFilterSchema.default({ states: 'open' }),
        sort: QueueSortSchema.default('priority'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.object({ total: z.number().int(), rows: z.array(LoopRowSchema) }),
  },
  'loops.get': {
    request: z.object({ id: Id }).strict(),
    response: LoopDetailSchema,
  },
  'loops.create': {
    request: z
      .object({
        customerId: Id,
        type: LoopTypeSchema,
        origin: z.enum(['call', 'manual']).default('manual'),
        title: z.string().trim().min(3).max(200),
        priority: z.number().int().min(1).max(5).optional(),
        /** Omitted: from the SLA policy for type and priority. */
        dueAt: EpochMs.optional(),
        /** Omitted: stays open for the team lead; 'me' takes it. */
        assignee: z.union([z.literal('me'), Id]).optional(),
        interactionId: Id.optional(),
        feedbackId: Id.optional(),
        note: z.string().max(4000).optional(),
      })
      .strict(),
    response: LoopRowSchema,
  },
  'loops.suggestAssignee': {
    request: z.object({ customerId: Id }).strict(),
    response: z.object({ user: UserSchema.nullable(), reason: z.string() }),
  },
  'loops.transition': {
    request: z
      .object({
        id: Id,
        to: LoopState,
        note: z.string().trim().max(4000).optional(),
        /** Required for a supervisor resolving without "customer informed". */
        overrideReason: z.string().trim().min(5).max(2000).optional(),
        outcome: z.string().trim().max(2000).optional(),
        /** Required when moving to customer_informed. */
        channel: InformedChannelSchema.optional(),
      })
      .strict(),
    response: LoopRowSchema,
  },
  'loops.addAction': {
    request: z.object({ id: Id, text: z.string().trim().min(2).max(4000) }).strict(),
    response: LoopRowSchema,
  },
  'loops.markInformed': {
    // Walks the legal path (take, start, action taken) up to "customer informed", each step audited.
    request: z
      .object({
        id: Id,
        channel: InformedChannelSchema,
        note: z.string().trim().min(2).max(4000),
        action: z.string().trim().min(2).max(4000).optional(),
      })
      .strict(),
    response: LoopRowSchema,
  },
  'loops.update': {
    request: z
      .object({
        id: Id,
        priority: z.number().int().min(1).max(5).optional(),
        dueAt: EpochMs.optional(),
        rootCauses: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
        outcome: z.string().trim().max(2000).optional(),
      })
      .strict(),
    response: LoopRowSchema,
  },
  'loops.assign': {
    request: z.object({ ids: LoopIds, assigneeId: Id.nullable() }).strict(),
    response: z.object({
      updated: z.number().int(),
      skipped: Skipped,
    }),
  },
  'loops.autoAssign': {
    request: z
      .object({
        ids: LoopIds,
        strategy: z.enum(['round_robin', 'language', 'workload']),
        team: z.string().max(80).optional(),
      })
      .strict(),
    response: z.object({
      updated: z.number().int(),
      assignments: z.array(z.object({ userId: Id, name: z.string(), count: z.number().int() })),
      skipped: Skipped,
    }),
  },
  'loops.workload': {
    request: z.object({ team: z.string().max(80).optional() }).strict(),
    response: z.array(WorkloadRowSchema),
  },
  'loops.review': {
    request: z
      .object({
        id: Id,
        decision: z.enum(['approve', 'reopen']),
        reason: z.string().trim().max(2000).optional(),
      })
      .strict(),
    response: LoopRowSchema,
  },
  'loops.reviewSample': {
    // Quality review: a random sample of resolved loops waiting for review (seeded for repeatability).
    request: z
      .object({ size: z.number().int().min(1).max(200).default(10), seed: z.number().int().optional() })
      .strict(),
    response: z.array(LoopRowSchema),
  },
  'loops.slaSettings': {
    request: z.object({}).strict(),
    response: SlaSettingsSchema,
  },
  'loops.setSlaSettings': {
    request: z
      .object({
        calendar: BusinessCalendarSchema.optional(),
        policies: z.array(SlaPolicySchema).max(40).optional(),
        caps: z.array(SlaCapSchema).max(SLA_CAUSES.length).optional(),
      })
      .strict(),
    response: SlaSettingsSchema,
  },
  'notifications.list': {
    request: z
      .object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) })
      .strict(),
    response: z.object({ unread: z.number().int(), items: z.array(NotificationSchema) }),
  },
  'notifications.markRead': {
    request: z.object({ ids: z.array(Id).max(500).optional() }).strict(),
    response: z.object({ unread: z.number().int() }),
  },
  'audit.verify': {
    request: z.object({}).strict(),
    response: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      brokenAt: z.number().int().nullable(),
      reason: z.string().nullable(),
    }),
  },
} as const
