import type { Migration } from '../migrations'
import { DASHBOARD_ROLLUP_SQL, rebuildDashboardRollups } from '../../dashboard/rollups'

/**
 * Dashboards: daily rollup tables kept in step by triggers (the app, the import worker and the demo
 * generator all write feedback, customers and offers, so only triggers catch every writer), and the
 * time indexes the drill-down lists read. `after` fills the rollups from the rows already there.
 */
export const DASHBOARD_MIGRATION: Migration = {
  version: 6,
  name: 'dashboards: daily rollups maintained by triggers',
  sql: DASHBOARD_ROLLUP_SQL,
  after: (db) => {
    rebuildDashboardRollups(db)
  },
}
