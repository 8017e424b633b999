import type { DB } from '../db/connection'
import { BULK_MOVEMENT_SQL } from './movement'
import { bulkFeedbackRollupSql } from './rollups'

/**
 * Inserts answers in bulk mode (migration 17): the per-row rollup and movement triggers stand aside
 * while `insertAll` runs, then the new answers (every id above the largest one before) go into the
 * rollups with a few grouped statements. Runs inside the caller's transaction, which must be a
 * write transaction: between reading the largest id and the grouped statements no other connection
 * can insert. Updates and deletes keep their triggers (they run outside `insertAll`, against rollups
 * that already hold the new rows).
 */
export function createBulkRollups(db: DB) {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS bulk_customers (id INTEGER PRIMARY KEY)`)
  const maxId = db.prepare(`SELECT coalesce(max(id), 0) FROM feedback`).pluck()
  const enter = db.prepare(`INSERT INTO bulk_insert_mode (active) VALUES (1)`)
  const leave = db.prepare(`DELETE FROM bulk_insert_mode`)
  const grouped = bulkFeedbackRollupSql().map((sql) => db.prepare(sql))
  const clearCustomers = db.prepare(`DELETE FROM temp.bulk_customers`)
  const collectCustomers = db.prepare(
    `INSERT OR IGNORE INTO temp.bulk_customers (id)
       SELECT customer_id FROM feedback WHERE id > @maxId AND nps IS NOT NULL AND intent IS NOT NULL`,
  )
  const movement = db.prepare(BULK_MOVEMENT_SQL)

  return function insertInBulk<T>(insertAll: () => T): T {
    if (!db.inTransaction) throw new Error('bulk inserts must run inside a write transaction')
    const before = maxId.get() as number
    enter.run()
    let result: T
    try {
      result = insertAll()
    } finally {
      leave.run()
    }
    for (const statement of grouped) statement.run({ maxId: before })
    clearCustomers.run()
    collectCustomers.run({ maxId: before })
    movement.run({ maxId: before })
    clearCustomers.run()
    return result
  }
}
