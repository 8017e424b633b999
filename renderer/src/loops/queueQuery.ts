import { TOPICS } from '../../../shared/domain/commentLexicon'
import { LOOP_TYPES } from '../../../shared/domain/loopLifecycle'
import { SEGMENTS } from '../../../shared/domain/segment'
import type { QueueFilter, QueueQuery, QueueSort } from './useQueuePages'

export const SORTS = [
  'priority',
  'due',
  'sla',
  'segment',
  'topic',
  'assignee',
  'created',
  'risk',
  'value',
] as const satisfies QueueSort[]
export const PRIORITIES = [1, 2, 3, 4, 5] as const
export const SLA_FILTERS = ['ok', 'due_soon', 'breached'] as const
export const LANGUAGE_FILTERS = ['de', 'en'] as const

/**
 * What the filter bar holds, as strings so selects can show them. The filters the core takes as
 * lists (priority, SLA, segment, topic, type) hold several values, empty meaning "all"; assignee
 * and language are one value, '' meaning "all".
 */
export interface FilterValues {
  priority: string[]
  slaState: string[]
  segment: string[]
  topic: string[]
  type: string[]
  assignee: string
  language: string
  sort: QueueSort
}

export type ListFilter = 'priority' | 'slaState' | 'segment' | 'topic' | 'type'

export const NO_FILTERS: FilterValues = {
  priority: [],
  slaState: [],
  segment: [],
  topic: [],
  type: [],
  assignee: '',
  language: '',
  sort: 'priority',
}

export function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined
}

/** The chosen values the core accepts, each once, in the list's order; empty when none is valid. */
function someOf<T extends string>(list: readonly T[], values: readonly string[]): T[] {
  return list.filter((item) => values.includes(item))
}

/** The queue request for the values in the filter bar (open loops only). */
export function toQueueQuery(values: FilterValues): QueueQuery {
  const filter: QueueFilter = { states: 'open' }
  const priorities = PRIORITIES.filter((p) => values.priority.includes(String(p)))
  if (priorities.length) filter.priority = priorities
  const sla = someOf(SLA_FILTERS, values.slaState)
  if (sla.length) filter.slaState = sla
  const segments = someOf(SEGMENTS, values.segment)
  if (segments.length) filter.segment = segments
  const topics = someOf(TOPICS, values.topic)
  if (topics.length) filter.topic = topics
  const types = someOf(LOOP_TYPES, values.type)
  if (types.length) filter.type = types
  const language = oneOf(LANGUAGE_FILTERS, values.language)
  if (language) filter.language = language
  if (values.assignee === 'me' || values.assignee === 'unassigned') filter.assignee = values.assignee
  else if (/^\d+$/.test(values.assignee) && Number(values.assignee) > 0)
    filter.assignee = Number(values.assignee)
  const sort = oneOf(SORTS, values.sort) ?? 'priority'
  return { filter, sort }
}
