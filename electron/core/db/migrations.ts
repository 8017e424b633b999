/**
 * Numbered schema migrations. Each runs in its own transaction together with the
 * `PRAGMA user_version` bump, so a database is always at exactly one version.
 * Never edit a released migration: add a new one.
 */
import type { DB } from './connection'
import { LOOPS_MIGRATION } from './migrations/004-loops'
import { CALLS_MIGRATION } from './migrations/005-calls'
import { DASHBOARD_MIGRATION } from './migrations/006-dashboard'
import { LOOP_QUEUE_MIGRATION } from './migrations/007-loop-queue'
import { LOOP_QUEUE_SELECTIVE_MIGRATION } from './migrations/008-loop-queue-selective'
import { DASHBOARD_COUNTS_MIGRATION } from './migrations/009-dashboard-counts'
import { AUDIT_CHAIN_GUARD_MIGRATION } from './migrations/010-audit-chain-guard'
import { DASHBOARD_LOOPS_MIGRATION } from './migrations/011-dashboard-loops'
import { DASHBOARD_CALLS_MIGRATION } from './migrations/012-dashboard-calls'
import { LOOP_QUEUE_SORTS_MIGRATION } from './migrations/013-loop-queue-sorts'
import { DASHBOARD_MOVEMENT_MIGRATION } from './migrations/014-dashboard-movement'
import { FEEDBACK_CHAIN_INDEX_MIGRATION } from './migrations/015-feedback-chain-index'
import { LOOP_QUEUE_COVERING_MIGRATION } from './migrations/016-loop-queue-covering'
import { BULK_IMPORT_ROLLUPS_MIGRATION } from './migrations/017-bulk-import-rollups'
import { DASHBOARD_FEEDBACK_TOTALS_MIGRATION } from './migrations/018-dashboard-feedback-totals'

export interface Migration {
  version: number
  name: string
  sql: string
  /** Data steps SQL cannot do (e.g. hashing); runs in the same transaction, after `sql`. */
  after?: (db: DB) => void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core schema',
    sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  role      TEXT NOT NULL CHECK (role IN ('agent', 'team_lead', 'supervisor')),
  languages TEXT NOT NULL DEFAULT 'de',
  team      TEXT,
  active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE customers (
  id              INTEGER PRIMARY KEY,
  customer_no     TEXT NOT NULL UNIQUE,
  first_name      TEXT,
  last_name       TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  company         TEXT,
  city            TEXT,
  language        TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
  vertical        TEXT NOT NULL CHECK (vertical IN ('telecom', 'ecommerce', 'saas')),
  plan            TEXT,
  value_cents     INTEGER NOT NULL DEFAULT 0,
  customer_since  TEXT NOT NULL,
  contract_end    TEXT,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned')),
  churned_at      INTEGER,
  consent_contact INTEGER NOT NULL DEFAULT 1 CHECK (consent_contact IN (0, 1)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE contact_points (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
  value       TEXT NOT NULL,
  label       TEXT,
  is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1))
);
-- screen pop: E.164 phone or lower-cased e-mail -> customer
CREATE INDEX contact_points_lookup ON contact_points(kind, value);
CREATE INDEX contact_points_customer ON contact_points(customer_id);

CREATE TABLE feedback (
  id                 INTEGER PRIMARY KEY,
  customer_id        INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  nps                INTEGER CHECK (nps BETWEEN 0 AND 10),
  intent_raw         REAL,
  intent_scale       TEXT CHECK (intent_scale IN ('0-10', '1-5', 'percent')),
  intent             REAL CHECK (intent BETWEEN 0 AND 1),
  comment            TEXT,
  language           TEXT,
  channel            TEXT,
  source             TEXT NOT NULL,
  source_response_id TEXT NOT NULL,
  answered_at        INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  CHECK ((intent IS NULL) = (intent_scale IS NULL)),
  UNIQUE (source, source_response_id)
);
CREATE INDEX feedback_customer_time ON feedback(customer_id, answered_at DESC);

CREATE TABLE usage (
  customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  units        REAL NOT NULL,
  PRIMARY KEY (customer_id, period_start)
) WITHOUT ROWID;

CREATE TABLE tickets (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  subject     TEXT NOT NULL,
  category    TEXT,
  status      TEXT NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
  opened_at   INTEGER NOT NULL,
  closed_at   INTEGER
);
CREATE INDEX tickets_customer ON tickets(customer_id, status);

CREATE TABLE churn_events (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  churned_at  INTEGER NOT NULL,
  reason      TEXT
);
CREATE INDEX churn_events_time ON churn_events(churned_at);

CREATE TABLE offers (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  name_de     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  cost_cents  INTEGER NOT NULL DEFAULT 0,
  rules_json  TEXT NOT NULL DEFAULT '{}',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE offer_events (
  id          INTEGER PRIMARY KEY,
  offer_id    INTEGER NOT NULL REFERENCES offers(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id),
  outcome     TEXT NOT NULL CHECK (outcome IN ('presented', 'accepted', 'declined')),
  at          INTEGER NOT NULL
);
CREATE INDEX offer_events_customer ON offer_events(customer_id, at);

CREATE TABLE loops (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  feedback_id INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
  origin      TEXT NOT NULL CHECK (origin IN ('feedback', 'call', 'manual', 'rule')),
  type        TEXT NOT NULL CHECK (type IN ('service_recovery', 'retention', 'upsell', 'callback')),
  title       TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('open', 'assigned', 'in_progress', 'action_taken',
                'customer_informed', 'resolved', 'reopened', 'cancelled')),
  priority    INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
  due_at      INTEGER,
  assignee_id INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX loops_customer_state ON loops(customer_id, state);
CREATE INDEX loops_state_due ON loops(state, due_at);

CREATE TABLE loop_events (
  id       INTEGER PRIMARY KEY,
  loop_id  INTEGER NOT NULL REFERENCES loops(id) ON DELETE CASCADE,
  at       INTEGER NOT NULL,
  user_id  INTEGER REFERENCES users(id),
  kind     TEXT NOT NULL,
  detail   TEXT
);
CREATE INDEX loop_events_loop ON loop_events(loop_id, at);

CREATE TABLE interactions (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id),
  channel     TEXT NOT NULL DEFAULT 'phone',
  direction   TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
  caller_id   TEXT,
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  wrap_up     TEXT,
  note        TEXT
);
CREATE INDEX interactions_customer ON interactions(customer_id, started_at);
`,
  },
  {
    version: 2,
    name: 'customer name/e-mail search index',
    // External-content FTS5 over customers: the table keeps one copy of the text, triggers keep
    // the index in step, and prefix indexes make type-ahead on 1M customers a few index probes.
    sql: `
CREATE VIRTUAL TABLE customers_fts USING fts5(
  display_name, company, customer_no, email,
  content='', contentless_delete=1,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '@._'",
  prefix = '2 3 4'
);
INSERT INTO customers_fts(rowid, display_name, company, customer_no, email)
  SELECT c.id, c.display_name, coalesce(c.company, ''), c.customer_no,
         coalesce((SELECT group_concat(value, ' ') FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email'), '')
  FROM customers c;
`,
  },
  {
    version: 3,
    name: 'insights: comment analysis, per-customer insights, risk models',
    sql: `
-- Comment analysis is stored with the answer (computed once, on import), so recomputing a
-- customer's risk never re-reads free text.
ALTER TABLE feedback ADD COLUMN polarity TEXT CHECK (polarity IN ('positive', 'neutral', 'negative', 'unknown'));
ALTER TABLE feedback ADD COLUMN sentiment REAL;
ALTER TABLE feedback ADD COLUMN topics TEXT;
ALTER TABLE feedback ADD COLUMN mentions TEXT;
-- The segment at the time of the offer: acceptance rates are learnt per offer and segment.
ALTER TABLE offer_events ADD COLUMN segment TEXT;

CREATE TABLE risk_models (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('hand', 'fitted')),
  weights_json      TEXT NOT NULL,
  intercept         REAL,
  coefficients_json TEXT,
  auc               REAL,
  baseline_auc      REAL,
  n_train           INTEGER,
  n_test            INTEGER,
  created_at        INTEGER NOT NULL,
  active            INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);

CREATE TABLE customer_insights (
  customer_id  INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  nps          INTEGER,
  intent       REAL,
  segment      TEXT,
  risk_score   INTEGER NOT NULL,
  flags_json   TEXT NOT NULL,
  value_cents  INTEGER NOT NULL,
  model_id     INTEGER REFERENCES risk_models(id),
  computed_at  INTEGER NOT NULL
);
CREATE INDEX customer_insights_segment ON customer_insights(segment);
CREATE INDEX customer_insights_risk ON customer_insights(risk_score);
`,
  },
  LOOPS_MIGRATION,
  CALLS_MIGRATION,
  DASHBOARD_MIGRATION,
  LOOP_QUEUE_MIGRATION,
  LOOP_QUEUE_SELECTIVE_MIGRATION,
  DASHBOARD_COUNTS_MIGRATION,
  AUDIT_CHAIN_GUARD_MIGRATION,
  DASHBOARD_LOOPS_MIGRATION,
  DASHBOARD_CALLS_MIGRATION,
  LOOP_QUEUE_SORTS_MIGRATION,
  DASHBOARD_MOVEMENT_MIGRATION,
  FEEDBACK_CHAIN_INDEX_MIGRATION,
  LOOP_QUEUE_COVERING_MIGRATION,
  BULK_IMPORT_ROLLUPS_MIGRATION,
  DASHBOARD_FEEDBACK_TOTALS_MIGRATION,
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0)
