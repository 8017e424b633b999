import type { Migration } from '../migrations'
import { MOVEMENT_SQL, rebuildMovement } from '../../dashboard/movement'

const FILTERS = 'assignee_id, segment, language, vertical'

/**
 * Dashboards: movement between the NPS x intent cells (steps between a customer's consecutive
 * answers, counted by day and kept by triggers; see dashboard/movement.ts). Also the duration
 * indexes of migration 11 again, now carrying the raw time columns: the planner could not use them
 * as covering indexes and read every loop row it stepped over.
 */
export const DASHBOARD_MOVEMENT_MIGRATION: Migration = {
  version: 14,
  name: 'dashboards: matrix movement, covering duration indexes',
  sql: `${MOVEMENT_SQL}
DROP INDEX dash_loops_first_action_ms;
DROP INDEX dash_loops_informed_ms;
DROP INDEX dash_loops_resolve_ms;
CREATE INDEX dash_loops_first_action_ms ON loops(first_action_at - created_at, created_at, first_action_at, ${FILTERS})
  WHERE first_action_at IS NOT NULL;
CREATE INDEX dash_loops_informed_ms ON loops(informed_at - created_at, created_at, informed_at, ${FILTERS})
  WHERE informed_at IS NOT NULL;
CREATE INDEX dash_loops_resolve_ms ON loops(resolved_at - created_at, resolved_at, created_at, ${FILTERS})
  WHERE resolved_at IS NOT NULL;
`,
  after: (db) => {
    rebuildMovement(db)
  },
}
