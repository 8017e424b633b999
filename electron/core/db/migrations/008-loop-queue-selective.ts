import type { Migration } from '../migrations'

/**
 * bench:loops after migration 7: filtering by segment and topic, and sorting by risk, still walked
 * all 100,000 open loops (40-60 ms). Two narrower partial indexes turn them into index range reads.
 */
export const LOOP_QUEUE_SELECTIVE_MIGRATION: Migration = {
  version: 8,
  name: 'loop queue: segment/topic and risk-ordered indexes',
  sql: `
CREATE INDEX loops_queue_segment ON loops(segment, topic, priority, due_at, assignee_id, language, type)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_risk ON loops(risk_score DESC, language, type, priority, assignee_id, segment, topic)
  WHERE state NOT IN ('resolved', 'cancelled');
`,
}
