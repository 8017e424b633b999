import type { Migration } from '../migrations'

/**
 * The queue indexes of migrations 7, 8 and 13 were meant to answer a page from the index alone,
 * but none held `state`, which every queue WHERE tests (the partial-index condition does not
 * count), so SQLite read the table row of every entry it walked: the last page of 100,000 open
 * loops read 100,000 rows (bench:loops). Nor did they hold `id` right after the sort keys, so
 * the id tie-break was sorted in a temp b-tree for every row before the offset. The new indexes
 * end each sort key with `id` and carry `state` and every filter column, so a page (at any
 * offset) and its total are an index walk. The assignee order gets an index of its own:
 * loopQueries walks the assignees by name and reads each one's loops from it in order.
 */
export const LOOP_QUEUE_COVERING_MIGRATION: Migration = {
  version: 16,
  name: 'loop queue: covering sort indexes (state, id), assignee index',
  sql: `
DROP INDEX loops_queue;
DROP INDEX loops_queue_due;
DROP INDEX loops_queue_segment;
DROP INDEX loops_queue_risk;
DROP INDEX loops_queue_sla;
DROP INDEX loops_queue_topic;
CREATE INDEX loops_queue ON loops(priority, due_at, id, assignee_id, informed_at, type, language, segment, topic,
  risk_score, value_cents, created_at, customer_id, review_state, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_due ON loops(due_at, priority, id, assignee_id, informed_at, type, language, segment, topic,
  risk_score, value_cents, created_at, customer_id, review_state, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_sla ON loops((informed_at IS NOT NULL), (due_at IS NULL), due_at, priority, id,
  assignee_id, informed_at, type, language, segment, topic, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_segment ON loops(segment, topic, priority, due_at, id, assignee_id, language, type,
  informed_at, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_topic ON loops(topic, priority, due_at, id, assignee_id, type, language, segment,
  informed_at, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_risk ON loops(risk_score DESC, id, language, type, priority, assignee_id, segment, topic,
  informed_at, due_at, state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_assignee ON loops(assignee_id, priority, due_at, id, informed_at, type, language, segment,
  topic, state)
  WHERE state NOT IN ('resolved', 'cancelled');
ANALYZE loops;
`,
}
