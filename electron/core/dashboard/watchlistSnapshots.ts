import type { DB } from '../db/connection'
import type { DashboardFilter } from '../../../shared/ipc/dashboardContract'
import { DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import { Where } from './query'

/**
 * The watchlist is a state, not a flow of events: its size of an earlier day cannot be recomputed.
 * So the core copies the trigger-kept counts (dash_watchlist, a few dozen rows) once a day, when
 * the dashboard is read or insights are recomputed; the tile compares with the latest copy inside
 * the previous period. `dash_watchlist_snapshot_day` marks the days taken, so an empty list is a
 * snapshot too.
 */
export const WATCHLIST_SNAPSHOT_SQL = `
CREATE TABLE dash_watchlist_snapshot_day (day INTEGER PRIMARY KEY, taken_at INTEGER NOT NULL);
CREATE TABLE dash_watchlist_snapshot (
  day      INTEGER NOT NULL REFERENCES dash_watchlist_snapshot_day(day),
  segment  TEXT NOT NULL,
  vertical TEXT NOT NULL,
  language TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (day, segment, vertical, language)
) WITHOUT ROWID;`

/** Takes today's snapshot unless there is one already; true when it wrote one. */
export function recordWatchlistSnapshot(db: DB, now: number): boolean {
  const day = Math.floor(now / DAY_MS)
  return db.transaction(() => {
    const marked = db
      .prepare(`INSERT OR IGNORE INTO dash_watchlist_snapshot_day (day, taken_at) VALUES (?, ?)`)
      .run(day, now)
    if (marked.changes === 0) return false
    db.prepare(
      `INSERT INTO dash_watchlist_snapshot (day, segment, vertical, language, n)
       SELECT ?, segment, vertical, language, n FROM dash_watchlist WHERE n <> 0`,
    ).run(day)
    return true
  })()
}

/**
 * The watchlist size of the latest snapshot taken inside `range` (the previous period), with the
 * same filters as the tile; null when no snapshot was taken then.
 */
export function watchlistSnapshotIn(
  db: DB,
  range: DayRange,
  filter: DashboardFilter,
): { day: number; size: number } | null {
  const day = db
    .prepare(`SELECT max(day) FROM dash_watchlist_snapshot_day WHERE day >= ? AND day < ?`)
    .pluck()
    .get(range.fromDay, range.toDay) as number | null
  if (day === null) return null
  const where = new Where().add('day = @day', { day })
  if (filter.segment) where.add('segment = @segment', { segment: filter.segment })
  if (filter.vertical) where.add('vertical = @vertical', { vertical: filter.vertical })
  if (filter.language) where.add('language = @language', { language: filter.language })
  const size = db
    .prepare(`SELECT coalesce(sum(n), 0) FROM dash_watchlist_snapshot ${where.sql}`)
    .pluck()
    .get(where.params) as number
  return { day, size }
}
