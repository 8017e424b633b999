import type { Migration } from '../migrations'
import { sealAuditChain } from '../../loops/auditChain'

/**
 * Closing the loop as a workflow: the loop's lifecycle timestamps (what dashboards measure), the
 * "customer informed" record, supervisor review, the rule cause that keeps automatic loops from
 * being created twice, an append-only hash-chained audit trail and in-app notifications.
 */
export const LOOPS_MIGRATION: Migration = {
  version: 4,
  name: 'closing the loop: lifecycle, review, audit chain, notifications',
  sql: `
-- What made the loop: 'detractor:f<feedback id>', 'at_risk_promoter:c<customer id>', ...
-- Feedback causes are unique for ever; customer causes only while a loop for them is open.
ALTER TABLE loops ADD COLUMN cause TEXT;
ALTER TABLE loops ADD COLUMN segment TEXT;
ALTER TABLE loops ADD COLUMN topic TEXT;
ALTER TABLE loops ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
ALTER TABLE loops ADD COLUMN risk_score INTEGER;
ALTER TABLE loops ADD COLUMN value_cents INTEGER;
ALTER TABLE loops ADD COLUMN interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL;
ALTER TABLE loops ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE loops ADD COLUMN root_causes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE loops ADD COLUMN outcome TEXT;
ALTER TABLE loops ADD COLUMN sla_hours REAL;
ALTER TABLE loops ADD COLUMN assigned_at INTEGER;
ALTER TABLE loops ADD COLUMN first_action_at INTEGER;
ALTER TABLE loops ADD COLUMN informed_at INTEGER;
ALTER TABLE loops ADD COLUMN informed_channel TEXT
  CHECK (informed_channel IN ('phone', 'email', 'sms', 'letter', 'chat', 'in_person'));
ALTER TABLE loops ADD COLUMN informed_note TEXT;
ALTER TABLE loops ADD COLUMN resolved_at INTEGER;
ALTER TABLE loops ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loops ADD COLUMN override_reason TEXT;
ALTER TABLE loops ADD COLUMN review_state TEXT CHECK (review_state IN ('pending', 'approved', 'reopened'));
ALTER TABLE loops ADD COLUMN reviewed_by INTEGER REFERENCES users(id);
ALTER TABLE loops ADD COLUMN reviewed_at INTEGER;
ALTER TABLE loops ADD COLUMN review_note TEXT;

UPDATE loops SET language = coalesce((SELECT c.language FROM customers c WHERE c.id = loops.customer_id), 'de');
UPDATE loops SET cause = 'detractor:f' || feedback_id WHERE origin = 'feedback' AND feedback_id IS NOT NULL;

-- The team lead's queue: open work ordered by priority and due date; the partial index holds
-- only unfinished loops, so it stays small however many loops were closed over the years.
CREATE INDEX loops_queue ON loops(priority, due_at) WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_queue_due ON loops(due_at) WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX loops_assignee ON loops(assignee_id, state, due_at);
CREATE INDEX loops_cause ON loops(cause) WHERE cause IS NOT NULL;
CREATE INDEX loops_review ON loops(review_state, resolved_at) WHERE review_state IS NOT NULL;
CREATE INDEX loops_created ON loops(created_at);
CREATE INDEX loops_resolved ON loops(resolved_at) WHERE resolved_at IS NOT NULL;

-- The audit trail: who changed what, old -> new. Rows are chained by SHA-256 (see auditChain.ts);
-- the triggers make the table append-only for the application, the chain makes edits made
-- around the triggers (another tool, a copied file) detectable.
ALTER TABLE loop_events ADD COLUMN old_value TEXT;
ALTER TABLE loop_events ADD COLUMN new_value TEXT;
ALTER TABLE loop_events ADD COLUMN prev_hash TEXT;
ALTER TABLE loop_events ADD COLUMN hash TEXT;
CREATE TRIGGER loop_events_append_only_update BEFORE UPDATE ON loop_events
  WHEN OLD.hash IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'loop_events is append-only'); END;
CREATE TRIGGER loop_events_append_only_delete BEFORE DELETE ON loop_events
  BEGIN SELECT RAISE(ABORT, 'loop_events is append-only'); END;
CREATE TRIGGER loops_no_delete BEFORE DELETE ON loops
  BEGIN SELECT RAISE(ABORT, 'loops are cancelled, never deleted'); END;

CREATE TABLE notifications (
  id       INTEGER PRIMARY KEY,
  user_id  INTEGER NOT NULL REFERENCES users(id),
  kind     TEXT NOT NULL CHECK (kind IN ('loop_assigned', 'loop_reopened', 'sla_due_soon', 'sla_breached')),
  loop_id  INTEGER NOT NULL REFERENCES loops(id),
  at       INTEGER NOT NULL,
  read_at  INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, at);
-- An SLA warning is given once per loop and assignee.
CREATE UNIQUE INDEX notifications_sla_once ON notifications(user_id, kind, loop_id)
  WHERE kind IN ('sla_due_soon', 'sla_breached');
`,
  after: (db) => {
    sealAuditChain(db)
  },
}
