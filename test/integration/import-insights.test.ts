import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { DEFAULT_NOW, seedDemoData } from '../../electron/core/demo/generator'
import { createBatchInsightRefresh } from '../../electron/core/import/batchInsights'
import { createInsightService } from '../../electron/core/insights/insightService'
import { tempDir } from '../helpers/tmp'

/** The import's set-based insight refresh must store exactly what the per-customer path computes. */
describe('batch insight refresh after an import', () => {
  const tmp = tempDir()
  let db: DB
  beforeAll(() => {
    db = openDatabase(tmp.file('insights.db'))
    seedDemoData(db, { customers: 400, seed: 11, now: DEFAULT_NOW })
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it('matches insightService.assess for every customer of the set, and touches no one else', () => {
    const clock = () => DEFAULT_NOW
    const refresh = createBatchInsightRefresh(db, clock)
    const single = createInsightService(db, clock)
    db.exec(`DELETE FROM customer_insights`)
    // usage edge cases: too few weeks for a trend, a prior window without use, no usage at all
    const oldest = (id: number, n: number) =>
      `customer_id = ${id} AND period_start IN (SELECT period_start FROM usage WHERE customer_id = ${id} ORDER BY period_start LIMIT ${n})`
    db.exec(`DELETE FROM usage WHERE ${oldest(400, 3)}`)
    db.exec(`UPDATE usage SET units = 0 WHERE ${oldest(397, 4)}`)
    db.exec(`DELETE FROM usage WHERE customer_id = 394`)
    // every third customer, unsorted and with a repeat: the refresh sorts and de-duplicates itself
    const ids = Array.from({ length: 133 }, (_, i) => 400 - 3 * i).concat([400])
    db.transaction(() => refresh(ids))()
    const stored = db
      .prepare(
        `SELECT customer_id, nps, intent, segment, risk_score, flags_json, value_cents FROM customer_insights ORDER BY customer_id`,
      )
      .all() as {
      customer_id: number
      nps: number | null
      intent: number | null
      segment: string | null
      risk_score: number
      flags_json: string
      value_cents: number
    }[]
    expect(stored.map((r) => r.customer_id)).toEqual([...new Set(ids)].sort((a, b) => a - b))
    let withTickets = 0
    for (const row of stored) {
      const expected = single.assess(row.customer_id)
      expect(expected).not.toBeNull()
      expect(row).toEqual({
        customer_id: row.customer_id,
        nps: expected?.nps ?? null,
        intent: expected?.intent ?? null,
        segment: expected?.segment ?? null,
        risk_score: expected?.risk.score,
        flags_json: JSON.stringify(expected?.risk.flags),
        value_cents: expected?.valueCents,
      })
      if ((expected?.inputs.openTickets ?? 0) > 0) withTickets++
    }
    // the seeded set really exercises the ticket path, not only answers
    expect(withTickets).toBeGreaterThan(0)
  })
})
