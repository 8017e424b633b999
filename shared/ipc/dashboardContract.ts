import { z } from 'zod'
import { SegmentSchema, Vertical } from './schemas'
import { LOOP_STATES } from '../domain/loopLifecycle'

/** Supervisor and team-lead dashboards: KPIs, charts, drill-down, reports. */

const Count = z.number().int()
const Share = z.number().nullable()
const NpsGroupSchema = z.enum(['promoter', 'passive', 'detractor'])
const BandSchema = z.enum(['high', 'medium', 'low'])

export const DashboardDaysSchema = z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365)])

export const DashboardFilterSchema = z
  .object({
    team: z.string().trim().min(1).max(100).optional(),
    agentId: z.number().int().positive().optional(),
    segment: SegmentSchema.optional(),
    vertical: Vertical.optional(),
    channel: z
      .string()
      .regex(/^[a-z_]{1,32}$/, 'channel: lower-case letters and _ only')
      .optional(),
    language: z.enum(['de', 'en']).optional(),
  })
  .strict()
export type DashboardFilter = z.infer<typeof DashboardFilterSchema>

/**
 * Which filters each tile honours; the others do not describe its rows (agents do not answer
 * surveys, a call has no segment). The dashboard says so on the tiles an active filter skips.
 */
export const FILTERS_APPLIED = {
  feedback: ['segment', 'vertical', 'channel', 'language'],
  topics: ['vertical', 'channel', 'language'],
  churn: ['vertical', 'language'],
  offers: ['team', 'agentId', 'segment', 'vertical'],
  calls: ['team', 'agentId', 'vertical'],
  loops: ['team', 'agentId', 'segment', 'vertical', 'language'],
  movement: [],
  watchlist: ['segment', 'vertical', 'language'],
} as const satisfies Record<string, readonly (keyof DashboardFilter)[]>
export type TileArea = keyof typeof FILTERS_APPLIED

/** The active filters a tile of `area` does not apply. */
export function ignoredFilters(area: TileArea, filter: DashboardFilter): (keyof DashboardFilter)[] {
  const applied: readonly string[] = FILTERS_APPLIED[area]
  return (Object.keys(filter) as (keyof DashboardFilter)[]).filter(
    (k) => filter[k] !== undefined && !applied.includes(k),
  )
}

const DurationSchema = z.object({ n: Count, medianMs: Share, p90Ms: Share })
const BandCounts = z.object({ high: Count, medium: Count, low: Count })

const CellSchema = z.object({ group: NpsGroupSchema, band: BandSchema })
/**
 * Movement between NPS x intent cells: steps between a customer's consecutive answers that have a
 * cell (NPS and intent), dated at the later answer; the period's steps by (from, to), stays included.
 */
export const MatrixMoveSchema = z.object({ from: CellSchema, to: CellSchema, n: Count })
export type MatrixMove = z.infer<typeof MatrixMoveSchema>

export const PeriodKpisSchema = z.object({
  fromDay: Count,
  toDay: Count,
  nps: z.object({
    n: Count,
    promoters: Count,
    passives: Count,
    detractors: Count,
    nps: Share,
    marginOfError: Share,
    low: Share,
    high: Share,
  }),
  intent: z.object({ n: Count, avg: Share, distribution: z.array(Count).length(11) }),
  matrix: z.object({ promoter: BandCounts, passive: BandCounts, detractor: BandCounts }),
  churn: z.object({ atStart: Count, lost: Count, churnRate: Share, retentionRate: Share }),
  loops: z.object({
    opened: Count,
    assigned: Count,
    firstAction: Count,
    informed: Count,
    resolvedOfOpened: Count,
    closureRate: Share,
    resolved: Count,
    timeToFirstAction: DurationSchema,
    timeToInformed: DurationSchema,
    timeToResolve: DurationSchema,
    slaDue: Count,
    slaMet: Count,
    slaCompliance: Share,
    reopened: Count,
    reopenRate: Share,
  }),
  offers: z.object({
    /** calls (interactions) started in the period, and those in which an offer was made */
    calls: Count,
    callsWithOffer: Count,
    presentationRate: Share,
    presented: Count,
    accepted: Count,
    declined: Count,
    acceptanceRate: Share,
    saves: Count,
  }),
})
export type PeriodKpis = z.infer<typeof PeriodKpisSchema>

export const TrendBucketSchema = z.object({
  fromDay: Count,
  toDay: Count,
  n: Count,
  nps: Share,
  low: Share,
  high: Share,
  intentAvg: Share,
  opened: Count,
  resolved: Count,
  closureRate: Share,
  slaCompliance: Share,
})
export type TrendBucket = z.infer<typeof TrendBucketSchema>

export const TopicTrendSchema = z.object({
  topic: z.string(),
  mentions: Count,
  detractors: Count,
  previous: Count,
  trend: z.array(Count),
})

export const DashboardSummarySchema = z.object({
  days: DashboardDaysSchema,
  current: PeriodKpisSchema,
  previous: PeriodKpisSchema,
  trend: z.array(TrendBucketSchema),
  topics: z.array(TopicTrendSchema),
  /** movement between matrix cells in the current period, largest first */
  movement: z.array(MatrixMoveSchema),
  watchlistSize: Count,
  /** the latest daily watchlist snapshot taken inside the previous period, when there is one */
  watchlistPrevious: z.object({ day: Count, size: Count }).nullable(),
  facets: z.object({
    teams: z.array(z.string()),
    agents: z.array(z.object({ id: Count, name: z.string(), team: z.string().nullable() })),
    channels: z.array(z.string()),
  }),
  computedMs: z.number(),
})
export type DashboardSummary = z.infer<typeof DashboardSummarySchema>

export const DrillTargetSchema = z.discriminatedUnion('kind', [
  /** every answer with an NPS (the NPS tile, a trend point) */
  z.object({ kind: z.literal('answers') }).strict(),
  z.object({ kind: z.literal('nps'), group: NpsGroupSchema }).strict(),
  /** answers with an intent; without a bucket all of them (the average) */
  z.object({ kind: z.literal('intent'), bucket: z.number().int().min(0).max(10).optional() }).strict(),
  z.object({ kind: z.literal('cell'), group: NpsGroupSchema, band: BandSchema }).strict(),
  /** the answers that stepped from one cell to another in the period (one row per step) */
  z.object({ kind: z.literal('movement'), from: CellSchema, to: CellSchema }).strict(),
  z.object({ kind: z.literal('topic'), topic: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
  z.object({ kind: z.literal('churned') }).strict(),
  /** customers at the start of the period who had not churned by its end (the retention rate) */
  z.object({ kind: z.literal('retained') }).strict(),
  z.object({ kind: z.literal('watchlist') }).strict(),
  z
    .object({
      kind: z.literal('offers'),
      /** callsWithOffer: one row per call of the period in which an offer was made */
      outcome: z.enum(['presented', 'accepted', 'declined', 'saves', 'callsWithOffer']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('loops'),
      /** resolvedOfOpened: opened in the period and resolved since (funnel end, closure rate) */
      stage: z.enum([
        'opened',
        'assigned',
        'firstAction',
        'informed',
        'resolvedOfOpened',
        'resolved',
        'slaMissed',
        'reopened',
      ]),
    })
    .strict(),
])
export type DrillTarget = z.infer<typeof DrillTargetSchema>

export const DrillCustomerSchema = z.object({
  customerId: Count,
  customerNo: z.string(),
  displayName: z.string(),
  segment: z.string().nullable(),
  at: z.number().nullable(),
  nps: Count.nullable(),
  intent: z.number().nullable(),
})
export const DrillLoopSchema = z.object({
  loopId: Count,
  customerId: Count,
  customerNo: z.string(),
  displayName: z.string(),
  title: z.string(),
  state: z.enum(LOOP_STATES),
  createdAt: z.number(),
  resolvedAt: z.number().nullable(),
  assignee: z.string().nullable(),
})
export const DrillResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customers'), rows: z.array(DrillCustomerSchema), truncated: z.boolean() }),
  z.object({ kind: z.literal('loops'), rows: z.array(DrillLoopSchema), truncated: z.boolean() }),
])
export type DrillResult = z.infer<typeof DrillResultSchema>

const DayNumber = z.number().int().min(0).max(200_000)

export const dashboardContract = {
  'dashboard.summary': {
    request: z.object({ days: DashboardDaysSchema, filter: DashboardFilterSchema.default({}) }).strict(),
    response: DashboardSummarySchema,
  },
  'dashboard.drill': {
    request: z
      .object({
        days: DashboardDaysSchema,
        filter: DashboardFilterSchema.default({}),
        period: z.enum(['current', 'previous']).default('current'),
        /** a trend bucket inside the period (chart click); both or neither */
        fromDay: DayNumber.optional(),
        toDay: DayNumber.optional(),
        target: DrillTargetSchema,
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict()
      .refine((r) => (r.fromDay === undefined) === (r.toDay === undefined), {
        message: 'fromDay and toDay go together',
      })
      .refine((r) => r.fromDay === undefined || (r.toDay as number) > r.fromDay, {
        message: 'toDay must be after fromDay',
      }),
    response: DrillResultSchema,
  },
} as const
