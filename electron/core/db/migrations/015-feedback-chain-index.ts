import type { Migration } from '../migrations'
import { MOVEMENT_TRIGGERS_SQL } from '../../dashboard/movement'

/**
 * feedback_customer_time ascending (it was answered_at DESC): with rowid as its last column in the
 * same direction, "the answer just before / after this one" (answered_at, id) is one index step
 * either way, so the movement triggers of migration 14 no longer sort a customer's answers that
 * share a timestamp on every insert. Newest-first reads walk the index backwards. The triggers are
 * created again with their neighbour lookups as two index seeks.
 */
export const FEEDBACK_CHAIN_INDEX_MIGRATION: Migration = {
  version: 15,
  name: 'feedback: ascending customer-time index, movement triggers with seek-only neighbours',
  sql: `
DROP TRIGGER dash_move_insert;
DROP TRIGGER dash_move_delete;
DROP TRIGGER dash_move_update;
DROP INDEX feedback_customer_time;
CREATE INDEX feedback_customer_time ON feedback(customer_id, answered_at);
${MOVEMENT_TRIGGERS_SQL}`,
}
