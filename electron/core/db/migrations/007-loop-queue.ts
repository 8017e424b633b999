import type { Migration } from '../migrations'

/**
 * Measured on 1M customers / 117k loops (bench:loops): the queue's filtered pages spent their time
 * fetching table rows to test filters, and every state change moved entries in five indexes. The
 * queue indexes now cover every filter and sort column, so a page is found in the index alone (the
 * rows are read only for the 100 shown), and indexes that duplicated them are gone.
 */
export const LOOP_QUEUE_MIGRATION: Migration = {
  version: 7,
  name: 'covering indexes for the loop queue',
  sql: `
DROP INDEX loops_queue;
DROP INDEX loops_queue_due;
DROP INDEX loops_state_due;
DROP INDEX loops_customer_state;
CREATE INDEX loops_queue ON loops(priority, due_at, assignee_id, informed_at, type, language, segment, topic,
  risk_score, value_cents, created_at, customer_id, review_state)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_due ON loops(due_at, priority, assignee_id, informed_at, type, language, segment, topic,
  risk_score, value_cents, created_at, customer_id, review_state)
  WHERE state NOT IN ('resolved', 'cancelled');
-- A customer has a handful of loops: the card filters their states after this lookup.
CREATE INDEX loops_customer ON loops(customer_id, created_at);
`,
}
