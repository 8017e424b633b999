import type { Migration } from '../migrations'
import { LOOP_ROLLUP_SQL, rebuildLoopRollups } from '../../dashboard/loopRollups'
import { WATCHLIST_SNAPSHOT_SQL } from '../../dashboard/watchlistSnapshots'

/**
 * bench:dashboard on 1M customers / 117k loops: the loops tile read up to 200,000 loop rows into JS
 * over a year (p95 975 ms). Its counts now come from daily loop rollups kept by triggers, its
 * medians and p90s from indexes ordered by each duration. Also the daily watchlist snapshots the
 * watchlist tile compares against.
 */
export const DASHBOARD_LOOPS_MIGRATION: Migration = {
  version: 11,
  name: 'dashboards: loop rollups, duration indexes, watchlist snapshots',
  sql: `${LOOP_ROLLUP_SQL}\n${WATCHLIST_SNAPSHOT_SQL}`,
  after: (db) => {
    rebuildLoopRollups(db)
  },
}
