import type { Migration } from '../migrations'

/**
 * The team lead's queue sorts by SLA state and by topic too (segment sorts already read
 * loops_queue_segment in order). Both are partial indexes over unfinished loops, like the other
 * queue indexes, and carry the filter columns so a filtered page is answered from the index.
 * The SLA order's leading terms are expressions, written exactly as in loopQueries' ORDER BY.
 */
export const LOOP_QUEUE_SORTS_MIGRATION: Migration = {
  version: 13,
  name: 'loop queue: SLA-state and topic sort indexes',
  sql: `
CREATE INDEX loops_queue_sla ON loops((informed_at IS NOT NULL), (due_at IS NULL), due_at, priority,
  assignee_id, type, language, segment, topic)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_topic ON loops(topic, priority, due_at, assignee_id, type, language, segment)
  WHERE state NOT IN ('resolved', 'cancelled');
`,
}
