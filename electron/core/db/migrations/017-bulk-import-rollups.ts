import type { Migration } from '../migrations'
import { GUARDED_FEEDBACK_INSERT_TRIGGERS_SQL } from '../../dashboard/rollups'
import { PINNED_MOVEMENT_TRIGGERS_SQL } from '../../dashboard/movement'

/**
 * Bulk imports: bulk_insert_mode and the answer insert triggers that stand aside while an import
 * batch holds a row in it (the batch then updates the rollups set-based, see
 * dashboard/bulkRollups.ts). The movement triggers also name their index now: with ANALYZE
 * statistics the planner read a whole day of answers per insert.
 */
export const BULK_IMPORT_ROLLUPS_MIGRATION: Migration = {
  version: 17,
  name: 'bulk import: rollup triggers stand aside in bulk mode, movement look-ups pinned to their index',
  sql: `
CREATE TABLE bulk_insert_mode (active INTEGER NOT NULL);
DROP TRIGGER dash_feedback_insert;
DROP TRIGGER dash_topic_insert;
DROP TRIGGER dash_move_insert;
DROP TRIGGER dash_move_delete;
DROP TRIGGER dash_move_update;
${GUARDED_FEEDBACK_INSERT_TRIGGERS_SQL}
${PINNED_MOVEMENT_TRIGGERS_SQL}`,
}
