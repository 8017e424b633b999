import type { DB } from '../db/connection'

/**
 * Daily rollups behind the dashboard tiles. Each source row adds its contribution to one rollup row
 * (a few integer additions); updates subtract the old contribution and add the new one, deletes
 * subtract. Trigger bodies stay tiny on purpose: one primary-key probe of the customer and one
 * upsert per feedback row, so bulk imports keep their throughput (see bench/dashboard.ts).
 *
 * Keys are UTC day numbers (ms / 86,400,000). Intent is kept as a tenth bucket (0..10, -1 = none)
 * and as an exact integer sum of micro-units, so averages stay exact under any add/subtract order.
 */

const DAY_MS = 86_400_000

/** SQL value expressions of one feedback row `r` (NEW or OLD) joined to its customer `c`. */
export const feedbackExpr = (r: string) => ({
  day: `${r}.answered_at / ${DAY_MS}`,
  vertical: 'c.vertical',
  channel: `coalesce(${r}.channel, '')`,
  language: `coalesce(${r}.language, c.language)`,
  ib: `CASE WHEN ${r}.intent IS NULL THEN -1 ELSE min(10, CAST(${r}.intent * 10 + 1e-9 AS INTEGER)) END`,
  promoters: `coalesce(${r}.nps >= 9, 0)`,
  passives: `coalesce(${r}.nps BETWEEN 7 AND 8, 0)`,
  detractors: `coalesce(${r}.nps <= 6, 0)`,
  noNps: `(${r}.nps IS NULL)`,
  // Intent sums per NPS group, so a segment filter (group x band) keeps exact averages.
  microsPromoters: `(CASE WHEN ${r}.nps >= 9 THEN ${micros(r)} ELSE 0 END)`,
  microsPassives: `(CASE WHEN ${r}.nps BETWEEN 7 AND 8 THEN ${micros(r)} ELSE 0 END)`,
  microsDetractors: `(CASE WHEN ${r}.nps <= 6 THEN ${micros(r)} ELSE 0 END)`,
  microsNoNps: `(CASE WHEN ${r}.nps IS NULL THEN ${micros(r)} ELSE 0 END)`,
})

const micros = (r: string) => `coalesce(CAST(round(${r}.intent * 1000000) AS INTEGER), 0)`

/** The sum columns of dash_feedback_day, in table order, as expressions of row `r`. */
export const feedbackSums = (r: string): string[] => {
  const e = feedbackExpr(r)
  return [
    e.promoters,
    e.passives,
    e.detractors,
    e.noNps,
    e.microsPromoters,
    e.microsPassives,
    e.microsDetractors,
    e.microsNoNps,
  ]
}

/** The comma-separated topic list of a feedback row as a JSON array for json_each (invalid -> none). */
export const topicsJson = (r: string) =>
  `(CASE WHEN ${r}.topics IS NULL THEN '[]' ELSE coalesce(json('["' || replace(${r}.topics, ',', '","') || '"]'), '[]') END)`

interface Rollup {
  table: string
  keys: string[]
  sums: string[]
}

/** The counted columns of dash_feedback_day, in the order the feedback tiles read them. */
export const FEEDBACK_SUM_COLUMNS = [
  'promoters',
  'passives',
  'detractors',
  'no_nps',
  'micros_promoters',
  'micros_passives',
  'micros_detractors',
  'micros_no_nps',
] as const

const FEEDBACK: Rollup = {
  table: 'dash_feedback_day',
  // day, ib first: the tiles group by (day, ib) and read the rows in key order, without sorting.
  keys: ['day', 'ib', 'vertical', 'channel', 'language'],
  sums: [...FEEDBACK_SUM_COLUMNS],
}
const TOPICS: Rollup = {
  table: 'dash_topic_day',
  keys: ['day', 'topic', 'vertical', 'channel', 'language'],
  sums: ['mentions', 'detractors'],
}
const CUSTOMERS: Rollup = {
  table: 'dash_customer_day',
  keys: ['day', 'vertical', 'language'],
  sums: ['joined', 'churned'],
}
const OFFERS: Rollup = {
  table: 'dash_offer_day',
  keys: ['day', 'outcome', 'segment', 'user_id', 'vertical'],
  sums: ['n'],
}

/** `INSERT ... SELECT ... ON CONFLICT DO UPDATE` adding the selected sums (negative to subtract). */
function upsert(r: Rollup, select: string): string {
  const cols = [...r.keys, ...r.sums]
  const add = r.sums.map((s) => `${s} = ${s} + excluded.${s}`).join(', ')
  return `INSERT INTO ${r.table} (${cols.join(', ')}) ${select} ON CONFLICT (${r.keys.join(', ')}) DO UPDATE SET ${add};`
}

/** Where the customer `c` of row `r` comes from; the default is the row's own customer. */
const ownCustomer = (r: string) => `FROM customers c WHERE c.id = ${r}.customer_id`

/** Contribution of feedback row `r`, multiplied by `sign` (1, -1, or a per-row SQL expression). */
function feedbackSelect(r: string, sign: string, from = ownCustomer(r)): string {
  const e = feedbackExpr(r)
  const sums = feedbackSums(r).map((x) => `${sign} * ${x}`)
  return `SELECT ${e.day}, ${e.ib}, ${e.vertical}, ${e.channel}, ${e.language}, ${sums.join(', ')} ${from}`
}

function topicSelect(r: string, sign: string, from = ownCustomer(r)): string {
  const e = feedbackExpr(r)
  const withTopics = from.replace(/WHERE/, `, json_each(${topicsJson(r)}) t WHERE`)
  return `SELECT ${e.day}, t.value, ${e.vertical}, ${e.channel}, ${e.language}, ${sign}, ${sign} * ${e.detractors} ${withTopics}`
}

function offerSelect(r: string, sign: string, from = ownCustomer(r)): string {
  return `SELECT ${r}.at / ${DAY_MS}, ${r}.outcome, coalesce(${r}.segment, ''), coalesce(${r}.user_id, 0), c.vertical, ${sign} ${from}`
}

const joinDay = (r: string) => `coalesce(CAST(julianday(${r}.customer_since) - 2440587.5 AS INTEGER), 0)`

function customerSelects(r: string, sign: string): string {
  return [
    upsert(CUSTOMERS, `SELECT ${joinDay(r)}, ${r}.vertical, ${r}.language, ${sign}, 0 WHERE true`),
    upsert(
      CUSTOMERS,
      `SELECT ${r}.churned_at / ${DAY_MS}, ${r}.vertical, ${r}.language, 0, ${sign} WHERE ${r}.churned_at IS NOT NULL`,
    ),
  ].join('\n  ')
}

/** All answers (or offers) of the customer being deleted, with its row as `c`. */
const ofThisCustomer = (alias: string, source: string, who: string) =>
  `FROM ${source} ${alias} JOIN customers c ON c.id = ${alias}.customer_id WHERE ${alias}.customer_id = ${who}.id`

/**
 * After a customer's vertical or language changed, its answers (or offers) move from the old keys
 * to the new ones: each row is read twice, with the old values and sign -1 and the new ones and +1.
 */
const regrouped = (alias: string, source: string) =>
  `FROM ${source} ${alias}, (SELECT OLD.vertical AS vertical, OLD.language AS language, -1 AS sign
     UNION ALL SELECT NEW.vertical, NEW.language, 1) c
   WHERE ${alias}.customer_id = NEW.id`

const table = (r: Rollup, keyTypes: string[]) =>
  `CREATE TABLE ${r.table} (
  ${r.keys.map((k, i) => `${k} ${keyTypes[i] as string} NOT NULL`).join(',\n  ')},
  ${r.sums.map((s) => `${s} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (${r.keys.join(', ')})
) WITHOUT ROWID;`

const FEEDBACK_COLUMNS = 'nps, intent, channel, language, answered_at, customer_id'

const LOOP_TILE_COLUMNS =
  'assigned_at, first_action_at, informed_at, due_at, reopen_count, state, assignee_id, segment, language, customer_id'

/** Covering indexes of the loop tiles, by creation and by resolution time. */
export const LOOP_INDEXES = `
CREATE INDEX dash_loops_created ON loops(created_at, resolved_at, ${LOOP_TILE_COLUMNS});
CREATE INDEX dash_loops_resolved ON loops(resolved_at, created_at, ${LOOP_TILE_COLUMNS}) WHERE resolved_at IS NOT NULL;`

export const DASHBOARD_ROLLUP_SQL = `
${table(FEEDBACK, ['INTEGER', 'INTEGER', 'TEXT', 'TEXT', 'TEXT'])}
${table(TOPICS, ['INTEGER', 'TEXT', 'TEXT', 'TEXT', 'TEXT'])}
${table(CUSTOMERS, ['INTEGER', 'TEXT', 'TEXT'])}
${table(OFFERS, ['INTEGER', 'TEXT', 'TEXT', 'INTEGER', 'TEXT'])}

CREATE TRIGGER dash_feedback_insert AFTER INSERT ON feedback BEGIN
  ${upsert(FEEDBACK, feedbackSelect('NEW', '1'))}
END;
CREATE TRIGGER dash_feedback_delete AFTER DELETE ON feedback BEGIN
  ${upsert(FEEDBACK, feedbackSelect('OLD', '-1'))}
END;
CREATE TRIGGER dash_feedback_update AFTER UPDATE OF ${FEEDBACK_COLUMNS} ON feedback BEGIN
  ${upsert(FEEDBACK, feedbackSelect('OLD', '-1'))}
  ${upsert(FEEDBACK, feedbackSelect('NEW', '1'))}
END;

-- Most answers carry no topics when written (comments are analysed afterwards): WHEN skips them.
CREATE TRIGGER dash_topic_insert AFTER INSERT ON feedback WHEN NEW.topics IS NOT NULL BEGIN
  ${upsert(TOPICS, topicSelect('NEW', '1'))}
END;
CREATE TRIGGER dash_topic_delete AFTER DELETE ON feedback WHEN OLD.topics IS NOT NULL BEGIN
  ${upsert(TOPICS, topicSelect('OLD', '-1'))}
END;
CREATE TRIGGER dash_topic_update AFTER UPDATE OF topics, ${FEEDBACK_COLUMNS} ON feedback
  WHEN OLD.topics IS NOT NULL OR NEW.topics IS NOT NULL BEGIN
  ${upsert(TOPICS, topicSelect('OLD', '-1'))}
  ${upsert(TOPICS, topicSelect('NEW', '1'))}
END;

CREATE TRIGGER dash_customer_insert AFTER INSERT ON customers BEGIN
  ${customerSelects('NEW', '1')}
END;
-- Before the row goes: its answers and offers are taken out of the rollups here, because the
-- cascade deletes them after the customer row (their own triggers then find no customer).
CREATE TRIGGER dash_customer_delete BEFORE DELETE ON customers BEGIN
  ${customerSelects('OLD', '-1')}
  ${upsert(FEEDBACK, feedbackSelect('F', '-1', ofThisCustomer('F', 'feedback', 'OLD')))}
  ${upsert(TOPICS, topicSelect('F', '-1', ofThisCustomer('F', 'feedback', 'OLD')))}
  ${upsert(OFFERS, offerSelect('O', '-1', ofThisCustomer('O', 'offer_events', 'OLD')))}
END;
CREATE TRIGGER dash_customer_update AFTER UPDATE OF customer_since, churned_at, vertical, language ON customers BEGIN
  ${customerSelects('OLD', '-1')}
  ${customerSelects('NEW', '1')}
END;
-- Answers and offers are keyed by the customer's vertical (and language where the answer has none).
CREATE TRIGGER dash_customer_regroup AFTER UPDATE OF vertical, language ON customers BEGIN
  ${upsert(FEEDBACK, feedbackSelect('F', 'c.sign', regrouped('F', 'feedback')))}
  ${upsert(TOPICS, topicSelect('F', 'c.sign', regrouped('F', 'feedback')))}
  ${upsert(OFFERS, offerSelect('O', 'c.sign', regrouped('O', 'offer_events')))}
END;

CREATE TRIGGER dash_offer_insert AFTER INSERT ON offer_events BEGIN
  ${upsert(OFFERS, offerSelect('NEW', '1'))}
END;
CREATE TRIGGER dash_offer_delete AFTER DELETE ON offer_events BEGIN
  ${upsert(OFFERS, offerSelect('OLD', '-1'))}
END;
CREATE TRIGGER dash_offer_update AFTER UPDATE OF at, outcome, segment, user_id, customer_id ON offer_events BEGIN
  ${upsert(OFFERS, offerSelect('OLD', '-1'))}
  ${upsert(OFFERS, offerSelect('NEW', '1'))}
END;

-- Drill-down lists read the rows of one period through these.
CREATE INDEX feedback_answered ON feedback(answered_at);
CREATE INDEX offer_events_at ON offer_events(at);
CREATE INDEX customers_churned ON customers(churned_at) WHERE churned_at IS NOT NULL;
-- The loop tiles read only these covering indexes, never the wide loop rows (titles, notes).
${LOOP_INDEXES}
`

/**
 * Bulk mode for imports (migration 17). While the import's batch transaction holds a row in
 * bulk_insert_mode, the per-row insert triggers of the answer rollups stand aside and the batch
 * adds its new answers to the rollups with one grouped upsert per table (`bulkFeedbackRollupSql`):
 * a few thousand rollup rows touched instead of one upsert per answer. The row is inserted and
 * deleted inside the same transaction, so no other connection ever sees it, and a crash rolls it
 * back with the batch.
 */
export const BULK_INSERT_GUARD = 'NOT EXISTS (SELECT 1 FROM bulk_insert_mode)'

/** The answer rollups' insert triggers with the bulk guard (migration 17). */
export const GUARDED_FEEDBACK_INSERT_TRIGGERS_SQL = `
CREATE TRIGGER dash_feedback_insert AFTER INSERT ON feedback WHEN ${BULK_INSERT_GUARD} BEGIN
  ${upsert(FEEDBACK, feedbackSelect('NEW', '1'))}
END;
CREATE TRIGGER dash_topic_insert AFTER INSERT ON feedback WHEN NEW.topics IS NOT NULL AND ${BULK_INSERT_GUARD} BEGIN
  ${upsert(TOPICS, topicSelect('NEW', '1'))}
END;`

/**
 * What the guarded triggers left out, for every answer with an id above `@maxId` (the batch's new
 * rows: ids grow, and the import holds the write lock), grouped as the rollups are keyed.
 */
export function bulkFeedbackRollupSql(): string[] {
  const f = feedbackExpr('f')
  return [
    upsert(
      FEEDBACK,
      `SELECT ${f.day} AS d, ${f.ib} AS ib, ${f.vertical} AS v, ${f.channel} AS ch, ${f.language} AS lang,
         ${feedbackSums('f')
           .map((x) => `sum(${x})`)
           .join(', ')}
    FROM feedback f JOIN customers c ON c.id = f.customer_id WHERE f.id > @maxId
   GROUP BY d, ib, v, ch, lang`,
    ),
    upsert(
      TOPICS,
      `SELECT ${f.day} AS d, t.value AS topic, ${f.vertical} AS v, ${f.channel} AS ch, ${f.language} AS lang,
         count(*), sum(${f.detractors})
    FROM feedback f JOIN customers c ON c.id = f.customer_id, json_each(${topicsJson('f')}) t
   WHERE f.id > @maxId AND f.topics IS NOT NULL
   GROUP BY d, topic, v, ch, lang`,
    ),
  ]
}

/**
 * Recomputes every rollup from the source tables: the migration's first fill, and a repair path
 * (the property tests compare it with the incrementally maintained tables).
 */
export function rebuildDashboardRollups(db: DB): void {
  const f = feedbackExpr('f')
  db.exec(`
DELETE FROM dash_feedback_day;
DELETE FROM dash_topic_day;
DELETE FROM dash_customer_day;
DELETE FROM dash_offer_day;
INSERT INTO dash_feedback_day (${[...FEEDBACK.keys, ...FEEDBACK.sums].join(', ')})
  SELECT ${f.day} AS d, ${f.ib} AS ib, ${f.vertical} AS v, ${f.channel} AS ch, ${f.language} AS lang,
         ${feedbackSums('f')
           .map((x) => `sum(${x})`)
           .join(', ')}
    FROM feedback f JOIN customers c ON c.id = f.customer_id
   GROUP BY d, ib, v, ch, lang;
INSERT INTO dash_topic_day (${[...TOPICS.keys, ...TOPICS.sums].join(', ')})
  SELECT ${f.day} AS d, t.value AS topic, ${f.vertical} AS v, ${f.channel} AS ch, ${f.language} AS lang,
         count(*), sum(${f.detractors})
    FROM feedback f JOIN customers c ON c.id = f.customer_id, json_each(${topicsJson('f')}) t
   WHERE f.topics IS NOT NULL
   GROUP BY d, topic, v, ch, lang;
INSERT INTO dash_customer_day (day, vertical, language, joined, churned)
  SELECT d, vertical, language, sum(j), sum(ch) FROM (
    SELECT ${joinDay('c')} AS d, vertical, language, 1 AS j, 0 AS ch FROM customers c
    UNION ALL
    SELECT churned_at / ${DAY_MS}, vertical, language, 0, 1 FROM customers WHERE churned_at IS NOT NULL)
  GROUP BY d, vertical, language;
INSERT INTO dash_offer_day (${[...OFFERS.keys, ...OFFERS.sums].join(', ')})
  SELECT o.at / ${DAY_MS} AS d, o.outcome, coalesce(o.segment, '') AS s, coalesce(o.user_id, 0) AS u, c.vertical AS v, count(*)
    FROM offer_events o JOIN customers c ON c.id = o.customer_id
   GROUP BY d, o.outcome, s, u, v;
`)
}

export const ROLLUP_TABLES = [
  'dash_feedback_day',
  'dash_feedback_total',
  'dash_topic_day',
  'dash_customer_day',
  'dash_offer_day',
] as const
