import type { DB } from '../db/connection'

/**
 * Daily loop rollups behind the loops tile (migration 11). Two cohorts: loops by the day they were
 * opened (funnel, closure) and by the day they were resolved (SLA, reopen). Keys are the filters a
 * loop answers to: assignee (its team is looked up when reading, so a team change needs no
 * rewrite), segment, language and vertical. Loop writes are rare (one per agent action), so the
 * triggers simply subtract the old row's contribution and add the new one.
 */

const DAY_MS = 86_400_000

const KEYS = ['day', 'assignee_id', 'segment', 'language', 'vertical'] as const

export const OPENED_SUMS = [
  'opened',
  'assigned',
  'first_action',
  'informed',
  'resolved',
  'not_cancelled',
] as const
export const RESOLVED_SUMS = ['resolved', 'sla_due', 'sla_met', 'reopened'] as const

const keys = (r: string, time: string) => [
  `${r}.${time} / ${DAY_MS}`,
  `coalesce(${r}.assignee_id, 0)`,
  `coalesce(${r}.segment, '')`,
  `${r}.language`,
  `coalesce(${r}.vertical, '')`,
]

/** What loop row `r` adds to each cohort, in the order of OPENED_SUMS / RESOLVED_SUMS. */
const openedSums = (r: string) => [
  '1',
  `(${r}.assigned_at IS NOT NULL)`,
  `(${r}.first_action_at IS NOT NULL)`,
  `(${r}.informed_at IS NOT NULL)`,
  `(${r}.state = 'resolved')`,
  `(${r}.state <> 'cancelled')`,
]
const resolvedSums = (r: string) => [
  '1',
  `(${r}.due_at IS NOT NULL)`,
  `coalesce(${r}.resolved_at <= ${r}.due_at, 0)`,
  `(${r}.reopen_count > 0)`,
]

function openedSelect(r: string, sign: string): string {
  return `SELECT ${[...keys(r, 'created_at'), ...openedSums(r).map((x) => `${sign} * ${x}`)].join(', ')}`
}

function resolvedSelect(r: string, sign: string): string {
  const cols = [...keys(r, 'resolved_at'), ...resolvedSums(r).map((x) => `${sign} * ${x}`)]
  return `SELECT ${cols.join(', ')} WHERE ${r}.resolved_at IS NOT NULL`
}

/** GROUP BY of the cohort over all loops `l`, for the first fill and the tests' reference. */
function groupedSelect(time: string, sums: string[], where: string): string {
  const k = keys('l', time).map((x, i) => `${x} AS k${i}`)
  return `SELECT ${[...k, ...sums.map((x) => `sum(${x})`)].join(', ')} FROM loops l ${where}
   GROUP BY ${KEYS.map((_, i) => `k${i}`).join(', ')}`
}

function upsert(table: string, sums: readonly string[], select: string): string {
  const add = sums.map((s) => `${s} = ${s} + excluded.${s}`).join(', ')
  return `INSERT INTO ${table} (${[...KEYS, ...sums].join(', ')}) ${select} ON CONFLICT (${KEYS.join(', ')}) DO UPDATE SET ${add};`
}

const table = (name: string, sums: readonly string[]) => `CREATE TABLE ${name} (
  day INTEGER NOT NULL, assignee_id INTEGER NOT NULL, segment TEXT NOT NULL, language TEXT NOT NULL, vertical TEXT NOT NULL,
  ${sums.map((s) => `${s} INTEGER NOT NULL DEFAULT 0`).join(', ')},
  PRIMARY KEY (${KEYS.join(', ')})
) WITHOUT ROWID;`

const both = (r: string, sign: string) =>
  [
    upsert('dash_loop_opened_day', OPENED_SUMS, openedSelect(r, sign)),
    upsert('dash_loop_resolved_day', RESOLVED_SUMS, resolvedSelect(r, sign)),
  ].join('\n  ')

const TRACKED =
  'created_at, assigned_at, first_action_at, informed_at, resolved_at, due_at, reopen_count, state, assignee_id, segment, language, vertical'

/** The columns the percentile indexes carry besides the duration: time and every loop filter. */
const FILTER_COLUMNS = 'assignee_id, segment, language, vertical'

/**
 * Time-to indexes ordered by the duration itself: the median and p90 are found by walking one of
 * them in order and skipping k matching entries (LIMIT 1 OFFSET k), never sorting in SQL or JS.
 * The expressions must stay exactly as loopTiles writes them, or the planner cannot use them.
 */
export const LOOP_DURATION_INDEXES = `
CREATE INDEX dash_loops_first_action_ms ON loops(first_action_at - created_at, created_at, ${FILTER_COLUMNS})
  WHERE first_action_at IS NOT NULL;
CREATE INDEX dash_loops_informed_ms ON loops(informed_at - created_at, created_at, ${FILTER_COLUMNS})
  WHERE informed_at IS NOT NULL;
CREATE INDEX dash_loops_resolve_ms ON loops(resolved_at - created_at, resolved_at, ${FILTER_COLUMNS})
  WHERE resolved_at IS NOT NULL;`

export const LOOP_ROLLUP_SQL = `
${table('dash_loop_opened_day', OPENED_SUMS)}
${table('dash_loop_resolved_day', RESOLVED_SUMS)}

CREATE TRIGGER dash_loop_insert AFTER INSERT ON loops BEGIN
  ${both('NEW', '1')}
END;
CREATE TRIGGER dash_loop_update AFTER UPDATE OF ${TRACKED} ON loops BEGIN
  ${both('OLD', '-1')}
  ${both('NEW', '1')}
END;
-- Loops are never deleted (migration 4 refuses it); should a repair tool lift that, counts stay right.
CREATE TRIGGER dash_loop_delete AFTER DELETE ON loops BEGIN
  ${both('OLD', '-1')}
END;
${LOOP_DURATION_INDEXES}
`

export const LOOP_ROLLUP_TABLES = ['dash_loop_opened_day', 'dash_loop_resolved_day'] as const

/** Recomputes both loop rollups from the loops: the migration's first fill and the tests' reference. */
export function rebuildLoopRollups(db: DB): void {
  db.exec(`
DELETE FROM dash_loop_opened_day;
DELETE FROM dash_loop_resolved_day;
INSERT INTO dash_loop_opened_day (${[...KEYS, ...OPENED_SUMS].join(', ')})
  ${groupedSelect('created_at', openedSums('l'), '')};
INSERT INTO dash_loop_resolved_day (${[...KEYS, ...RESOLVED_SUMS].join(', ')})
  ${groupedSelect('resolved_at', resolvedSums('l'), 'WHERE l.resolved_at IS NOT NULL')};
`)
}
