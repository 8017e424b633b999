import type { Migration } from '../migrations'

/**
 * The agent's call session: every action during a call is saved at once as an interaction event,
 * so closing the app mid-call loses nothing and the customer's history shows it.
 */
export const CALLS_MIGRATION: Migration = {
  version: 5,
  name: 'call sessions: interaction events',
  sql: `
CREATE TABLE interaction_events (
  id             INTEGER PRIMARY KEY,
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  customer_id    INTEGER REFERENCES customers(id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  user_id        INTEGER REFERENCES users(id),
  kind           TEXT NOT NULL,
  detail         TEXT
);
CREATE INDEX interaction_events_interaction ON interaction_events(interaction_id, at);
CREATE INDEX interaction_events_customer ON interaction_events(customer_id, at);
-- "Recent calls" of one agent, newest first.
CREATE INDEX interactions_user_time ON interactions(user_id, started_at);
`,
}
