import { TOPICS } from '../../../shared/domain/commentLexicon'
import { LOOP_TYPES } from '../../../shared/domain/loopLifecycle'
import { SEGMENTS } from '../../../shared/domain/segment'
import type { QueueFilter, QueueQuery, QueueSort } from './useQueuePages'

export const SORTS = ['priority', 'due', 'created', 'risk', 'value', 'updated'] as const satisfies QueueSort[]
export const PRIORITIES = [1, 2, 3, 4, 5] as const
export const SLA_FILTERS = ['ok', 'due_soon', 'breached'] as const
export const LANGUAGE_FILTERS = ['de', 'en'] as const

/** What the filter bar holds: '' means "all". Kept as strings so native selects can show them. */
export interface FilterValues {
  priority: string
  slaState: string
  segment: string
  topic: string
  type: string
  assignee: string
  language: string
  sort: QueueSort
}

export const NO_FILTERS: FilterValues = {
  priority: '',
  slaState: '',
  segment: '',
  topic: '',
  type: '',
  assignee: '',
  language: '',
  sort: 'priority',
}

export function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined
}

/** The queue request for the values in the filter bar (open loops only). */
export function toQueueQuery(values: FilterValues): QueueQuery {
  const filter: QueueFilter = { states: 'open' }
  const priority = Number(values.priority)
  if (Number.isInteger(priority) && priority >= 1 && priority <= 5) filter.priority = [priority]
  const sla = oneOf(SLA_FILTERS, values.slaState)
  if (sla) filter.slaState = [sla]
  const segment = oneOf(SEGMENTS, values.segment)
  if (segment) filter.segment = [segment]
  const topic = oneOf(TOPICS, values.topic)
  if (topic) filter.topic = [topic]
  const type = oneOf(LOOP_TYPES, values.type)
  if (type) filter.type = [type]
  const language = oneOf(LANGUAGE_FILTERS, values.language)
  if (language) filter.language = language
  if (values.assignee === 'me' || values.assignee === 'unassigned') filter.assignee = values.assignee
  else if (/^\d+$/.test(values.assignee)) filter.assignee = Number(values.assignee)
  return { filter, sort: values.sort }
}
