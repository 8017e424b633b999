import type { Migration } from '../migrations'

/**
 * On the watchlist: active, and risk at or over 60 or an at-risk promoter. Frozen here on purpose
 * (customerTiles' WATCHLIST_THRESHOLD must stay 60; a new threshold needs a new migration).
 * `IS` keeps the value 0/1 when the segment is NULL.
 */
const listed = (r: string) => `(${r}.risk_score >= 60 OR ${r}.segment IS 'at_risk_promoter')`

/** Adds `sign` x (insight `i` of customer `c`) to its count row when `from` finds it listed. */
const addWatch = (sign: string, i: string, from: string) =>
  `INSERT INTO dash_watchlist (segment, vertical, language, n)
     SELECT coalesce(${i}.segment, ''), c.vertical, c.language, ${sign} ${from}
     ON CONFLICT (segment, vertical, language) DO UPDATE SET n = n + excluded.n;`

const insightOf = (r: string) =>
  `FROM customers c WHERE c.id = ${r}.customer_id AND c.status = 'active' AND ${listed(r)}`
const customerAs = (r: string) =>
  `FROM customer_insights i, (SELECT ${r}.vertical AS vertical, ${r}.language AS language) c
    WHERE i.customer_id = ${r}.id AND ${r}.status = 'active' AND ${listed('i')}`

/**
 * bench:dashboard on 1M customers / 117k loops missed p95 <= 100 ms on two tiles:
 * - watchlist size (~300 ms) joined a few hundred thousand listed insights to their customers for
 *   status, vertical and language. It now sums a count table of a few dozen rows by (segment,
 *   vertical, language), kept by triggers. Insight writes that neither enter nor leave the list
 *   (most of an import's millions) are skipped by the WHEN clauses and cost nothing.
 * - the loops tile with a vertical filter probed one customer per loop (up to 1.5 s over a year).
 *   The customer's vertical is now kept on the loop and in the tile's covering indexes.
 */
export const DASHBOARD_COUNTS_MIGRATION: Migration = {
  version: 9,
  name: 'dashboards: watchlist counts, vertical on loops',
  sql: `
CREATE TABLE dash_watchlist (
  segment  TEXT NOT NULL,
  vertical TEXT NOT NULL,
  language TEXT NOT NULL,
  n        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (segment, vertical, language)
) WITHOUT ROWID;
INSERT INTO dash_watchlist (segment, vertical, language, n)
  SELECT coalesce(i.segment, '') AS s, c.vertical, c.language, count(*)
    FROM customer_insights i JOIN customers c ON c.id = i.customer_id
   WHERE c.status = 'active' AND ${listed('i')}
   GROUP BY s, c.vertical, c.language;

CREATE TRIGGER dash_watch_insight_insert AFTER INSERT ON customer_insights WHEN ${listed('NEW')} BEGIN
  ${addWatch('1', 'NEW', insightOf('NEW'))}
END;
CREATE TRIGGER dash_watch_insight_delete AFTER DELETE ON customer_insights WHEN ${listed('OLD')} BEGIN
  ${addWatch('-1', 'OLD', insightOf('OLD'))}
END;
-- The insight upserts rewrite every column: only a change of listing or of segment moves a count.
CREATE TRIGGER dash_watch_insight_update AFTER UPDATE OF risk_score, segment, customer_id ON customer_insights
  WHEN ${listed('OLD')} <> ${listed('NEW')} OR OLD.customer_id <> NEW.customer_id
    OR (${listed('NEW')} AND OLD.segment IS NOT NEW.segment) BEGIN
  ${addWatch('-1', 'OLD', insightOf('OLD'))}
  ${addWatch('1', 'NEW', insightOf('NEW'))}
END;
CREATE TRIGGER dash_watch_customer_update AFTER UPDATE OF status, vertical, language ON customers
  WHEN OLD.status IS NOT NEW.status OR OLD.vertical IS NOT NEW.vertical OR OLD.language IS NOT NEW.language BEGIN
  ${addWatch('-1', 'i', customerAs('OLD'))}
  ${addWatch('1', 'i', customerAs('NEW'))}
END;
-- Before the row goes: the cascade deletes the insight afterwards, when its trigger finds no customer.
CREATE TRIGGER dash_watch_customer_delete BEFORE DELETE ON customers BEGIN
  ${addWatch('-1', 'i', customerAs('OLD'))}
END;

ALTER TABLE loops ADD COLUMN vertical TEXT;
UPDATE loops SET vertical = (SELECT c.vertical FROM customers c WHERE c.id = loops.customer_id);
CREATE TRIGGER loops_vertical_insert AFTER INSERT ON loops BEGIN
  UPDATE loops SET vertical = (SELECT c.vertical FROM customers c WHERE c.id = NEW.customer_id) WHERE id = NEW.id;
END;
CREATE TRIGGER loops_vertical_customer AFTER UPDATE OF customer_id ON loops BEGIN
  UPDATE loops SET vertical = (SELECT c.vertical FROM customers c WHERE c.id = NEW.customer_id) WHERE id = NEW.id;
END;
CREATE TRIGGER loops_vertical_follow AFTER UPDATE OF vertical ON customers WHEN OLD.vertical IS NOT NEW.vertical BEGIN
  UPDATE loops SET vertical = NEW.vertical WHERE customer_id = NEW.id;
END;

-- The tile's covering indexes of migration 6, now with the vertical.
DROP INDEX IF EXISTS dash_loops_created;
DROP INDEX IF EXISTS dash_loops_resolved;
CREATE INDEX dash_loops_created ON loops(created_at, resolved_at, assigned_at, first_action_at, informed_at, due_at,
  reopen_count, state, assignee_id, segment, language, vertical, customer_id);
CREATE INDEX dash_loops_resolved ON loops(resolved_at, created_at, assigned_at, first_action_at, informed_at, due_at,
  reopen_count, state, assignee_id, segment, language, vertical, customer_id) WHERE resolved_at IS NOT NULL;
`,
}
