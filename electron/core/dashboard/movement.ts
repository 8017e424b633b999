import type { DB } from '../db/connection'
import type { MatrixMove } from '../../../shared/ipc/dashboardContract'
import { bandOfBucket, DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import type { Source } from './query'
import { BULK_INSERT_GUARD } from './rollups'

/**
 * Movement in the NPS x intent matrix. Definition: a customer's answers that have a cell (NPS and
 * intent both given), in answer order (answered_at, then id), form a chain; each answer after the
 * first is one step from the cell of the answer before it to its own cell, dated at the later
 * answer. The movement of a period is the steps dated in it (staying in the same cell is a step
 * too). A cell is kept as NPS group x intent tenth, so any intent cutoffs can fold it into bands.
 *
 * dash_move_day (migration 14) counts steps by day and (from, to), kept by triggers: an answer put
 * into a chain replaces the step around it (P -> N) by two (P -> A, A -> N); taking it out does the
 * reverse. Movement has no vertical/language/channel keys: it applies no filters (FILTERS_APPLIED).
 */

/** The cell code of answer row `r`: group (0 promoter, 1 passive, 2 detractor) * 11 + intent tenth; NULL without one. */
export const cellCode = (r: string) =>
  `(CASE WHEN ${r}.nps IS NULL OR ${r}.intent IS NULL THEN NULL ELSE
     (CASE WHEN ${r}.nps >= 9 THEN 0 WHEN ${r}.nps >= 7 THEN 1 ELSE 2 END) * 11
     + min(10, CAST(${r}.intent * 10 + 1e-9 AS INTEGER)) END)`

const hasCell = (r: string) => `${r}.nps IS NOT NULL AND ${r}.intent IS NOT NULL`

/**
 * The id of the answer with a cell just before (or after) row `x` in its customer's chain, `x`
 * itself left out: first among the answers at the same time (by id), else the nearest earlier (later)
 * time. Two lookups, because each is a seek on feedback_customer_time (customer_id, answered_at, then
 * rowid; ascending since migration 15) that stops at the first answer with a cell: one lookup with
 * an OR or a row value bounds answered_at only, so it stepped through every answer sharing the
 * timestamp, quadratic for a bulk import of one customer's answers.
 */
const neighbour = (x: string, side: 'before' | 'after', pinned: boolean) => {
  const [cmp, dir] = side === 'before' ? ['<', 'DESC'] : ['>', 'ASC']
  // (q.id <> x.id: in an update's "out with the old" step the row is already at its new place.)
  const q = `SELECT q.id FROM feedback q${pinned ? ' INDEXED BY feedback_customer_time' : ''} WHERE q.customer_id = ${x}.customer_id AND q.id <> ${x}.id AND ${hasCell('q')}`
  return `coalesce(
    (${q} AND q.answered_at = ${x}.answered_at AND q.id ${cmp} ${x}.id ORDER BY q.id ${dir} LIMIT 1),
    (${q} AND q.answered_at ${cmp} ${x}.answered_at ORDER BY q.answered_at ${dir}, q.id ${dir} LIMIT 1))`
}

const add = (select: string) =>
  `INSERT INTO dash_move_day (day, from_cell, to_cell, n) ${select}
   ON CONFLICT (day, from_cell, to_cell) DO UPDATE SET n = n + excluded.n;`

/** Steps changed by putting row `x` into its chain (sign 1) or taking it out (sign -1); `when` guards it. */
function chainEdit(x: string, sign: 1 | -1, when: string, pinned = false): string {
  const prev = neighbour(x, 'before', pinned)
  const next = neighbour(x, 'after', pinned)
  return [
    add(`SELECT n.answered_at / ${DAY_MS}, ${cellCode('p')}, ${cellCode('n')}, ${-sign}
           FROM feedback p, feedback n WHERE ${when} AND p.id = ${prev} AND n.id = ${next}`),
    add(`SELECT ${x}.answered_at / ${DAY_MS}, ${cellCode('p')}, ${cellCode(x)}, ${sign}
           FROM feedback p WHERE ${when} AND p.id = ${prev}`),
    add(`SELECT n.answered_at / ${DAY_MS}, ${cellCode(x)}, ${cellCode('n')}, ${sign}
           FROM feedback n WHERE ${when} AND n.id = ${next}`),
  ].join('\n  ')
}

export const MOVEMENT_TRIGGERS_SQL = `
CREATE TRIGGER dash_move_insert AFTER INSERT ON feedback WHEN ${hasCell('NEW')} BEGIN
  ${chainEdit('NEW', 1, 'true')}
END;
CREATE TRIGGER dash_move_delete AFTER DELETE ON feedback WHEN ${hasCell('OLD')} BEGIN
  ${chainEdit('OLD', -1, 'true')}
END;
-- Out with the old version, in with the new one: both edits are taken against the chain without
-- this row, so their order does not matter.
CREATE TRIGGER dash_move_update AFTER UPDATE OF nps, intent, answered_at, customer_id ON feedback
  WHEN (${hasCell('OLD')}) OR (${hasCell('NEW')}) BEGIN
  ${chainEdit('OLD', -1, hasCell('OLD'))}
  ${chainEdit('NEW', 1, hasCell('NEW'))}
END;
`

/**
 * The triggers again (migration 17), changed twice:
 * - The neighbour look-ups name their index. With ANALYZE statistics (the demo database has them)
 *   the planner took feedback_answered for "same time, id below" and stepped through every answer
 *   of that day, ~14,000 rows per insert on 5M answers (bench:import: 0.7 ms per imported row).
 * - The insert trigger stands aside in bulk mode: the import adds a batch's steps set-based
 *   (`BULK_MOVEMENT_SQL`).
 */
export const PINNED_MOVEMENT_TRIGGERS_SQL = `
CREATE TRIGGER dash_move_insert AFTER INSERT ON feedback WHEN ${hasCell('NEW')} AND ${BULK_INSERT_GUARD} BEGIN
  ${chainEdit('NEW', 1, 'true', true)}
END;
CREATE TRIGGER dash_move_delete AFTER DELETE ON feedback WHEN ${hasCell('OLD')} BEGIN
  ${chainEdit('OLD', -1, 'true', true)}
END;
CREATE TRIGGER dash_move_update AFTER UPDATE OF nps, intent, answered_at, customer_id ON feedback
  WHEN (${hasCell('OLD')}) OR (${hasCell('NEW')}) BEGIN
  ${chainEdit('OLD', -1, hasCell('OLD'), true)}
  ${chainEdit('NEW', 1, hasCell('NEW'), true)}
END;
`

/**
 * The steps a bulk insert changed, for the answers with an id above `@maxId` (the batch's new rows) and
 * the customers in temp.bulk_customers: each customer's chain is read once in order. A step with a
 * new answer at either end is added; a step between two old answers that now have new ones between
 * them (their positions in the whole chain are no longer adjacent) is taken away.
 */
export const BULK_MOVEMENT_SQL = `
WITH chain AS (
  SELECT f.customer_id AS cid, f.id AS id, f.answered_at AS at, ${cellCode('f')} AS cell,
         row_number() OVER w AS pos, lag(${cellCode('f')}) OVER w AS prev_cell, lag(f.id) OVER w AS prev_id
    FROM temp.bulk_customers t CROSS JOIN feedback f INDEXED BY feedback_customer_time ON f.customer_id = t.id
   WHERE ${hasCell('f')}
  WINDOW w AS (PARTITION BY f.customer_id ORDER BY f.answered_at, f.id)),
old AS (
  SELECT at, cell, pos, lag(cell) OVER v AS prev_cell, lag(pos) OVER v AS prev_pos
    FROM chain WHERE id <= @maxId
  WINDOW v AS (PARTITION BY cid ORDER BY pos))
INSERT INTO dash_move_day (day, from_cell, to_cell, n)
SELECT day, from_cell, to_cell, sum(n) FROM (
  SELECT at / ${DAY_MS} AS day, prev_cell AS from_cell, cell AS to_cell, 1 AS n
    FROM chain WHERE prev_id IS NOT NULL AND (id > @maxId OR prev_id > @maxId)
  UNION ALL
  SELECT at / ${DAY_MS}, prev_cell, cell, -1 FROM old WHERE prev_pos IS NOT NULL AND pos - prev_pos > 1)
 GROUP BY day, from_cell, to_cell HAVING sum(n) <> 0
ON CONFLICT (day, from_cell, to_cell) DO UPDATE SET n = n + excluded.n;
`

export const MOVEMENT_SQL = `
CREATE TABLE dash_move_day (
  day       INTEGER NOT NULL,
  from_cell INTEGER NOT NULL,
  to_cell   INTEGER NOT NULL,
  n         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, from_cell, to_cell)
) WITHOUT ROWID;
${MOVEMENT_TRIGGERS_SQL}`

/** Recomputes dash_move_day from the answers: the migration's first fill and the tests' reference. */
export function rebuildMovement(db: DB): void {
  db.exec(`
DELETE FROM dash_move_day;
INSERT INTO dash_move_day (day, from_cell, to_cell, n)
  SELECT day, from_cell, to_cell, count(*) FROM (
    SELECT f.answered_at / ${DAY_MS} AS day, ${cellCode('f')} AS to_cell,
           lag(${cellCode('f')}) OVER (PARTITION BY f.customer_id ORDER BY f.answered_at, f.id) AS from_cell
      FROM feedback f WHERE ${hasCell('f')})
   WHERE from_cell IS NOT NULL
   GROUP BY day, from_cell, to_cell;
`)
}

const GROUPS = ['promoter', 'passive', 'detractor'] as const

/** Cell code -> NPS group and intent band under the cutoffs. */
export function cellOf(code: number, cutoffs: IntentBandCutoffs): MatrixMove['from'] {
  return {
    group: GROUPS[Math.floor(code / 11)] as (typeof GROUPS)[number],
    band: bandOfBucket(code % 11, cutoffs),
  }
}

/** The (group, intent tenth) codes of a cell under the cutoffs, for the drill-down. */
export function codesOf(cell: MatrixMove['from'], cutoffs: IntentBandCutoffs): number[] {
  const g = GROUPS.indexOf(cell.group)
  return Array.from({ length: 11 }, (_, ib) => ib)
    .filter((ib) => bandOfBucket(ib, cutoffs) === cell.band)
    .map((ib) => g * 11 + ib)
}

/** Steps of the range by (from, to) cell code: from the rollup, or (scan) from every answer in JS. */
function stepCounts(db: DB, source: Source, range: DayRange): Map<string, number> {
  const out = new Map<string, number>()
  const bump = (from: number, to: number, n: number) => {
    const key = `${from}>${to}`
    out.set(key, (out.get(key) ?? 0) + n)
  }
  if (source === 'rollup') {
    const rows = db
      .prepare(
        `SELECT from_cell, to_cell, sum(n) FROM dash_move_day WHERE day >= ? AND day < ? GROUP BY from_cell, to_cell`,
      )
      .raw(true)
      .all(range.fromDay, range.toDay) as [number, number, number][]
    for (const [from, to, n] of rows) if (n !== 0) bump(from, to, n)
    return out
  }
  // The scan walks every customer's answers in order and builds the chains in JS.
  const rows = db
    .prepare(
      `SELECT customer_id, answered_at, ${cellCode('f')} FROM feedback f NOT INDEXED WHERE ${hasCell('f')}
        ORDER BY customer_id, answered_at, id`,
    )
    .raw(true)
    .iterate() as IterableIterator<[number, number, number]>
  let customer = -1
  let previous: number | null = null
  for (const [customerId, at, cell] of rows) {
    if (customerId !== customer) {
      customer = customerId
      previous = null
    }
    const day = Math.floor(at / DAY_MS)
    if (previous !== null && day >= range.fromDay && day < range.toDay) bump(previous, cell, 1)
    previous = cell
  }
  return out
}

/** The period's steps folded into (group, band) cells, largest first, stays included. */
export function matrixMovement(
  db: DB,
  source: Source,
  range: DayRange,
  cutoffs: IntentBandCutoffs,
): MatrixMove[] {
  const folded = new Map<string, MatrixMove>()
  for (const [key, n] of stepCounts(db, source, range)) {
    const [from, to] = key.split('>').map(Number) as [number, number]
    const move = { from: cellOf(from, cutoffs), to: cellOf(to, cutoffs) }
    const k = `${move.from.group}.${move.from.band}>${move.to.group}.${move.to.band}`
    const seen = folded.get(k)
    folded.set(k, { ...move, n: (seen?.n ?? 0) + n })
  }
  const order = (m: MatrixMove) => `${m.from.group}.${m.from.band}>${m.to.group}.${m.to.band}`
  return [...folded.values()].sort((a, b) => b.n - a.n || order(a).localeCompare(order(b)))
}
