import type { Migration } from '../migrations'

/**
 * Offer presentation rate (calls of a period in which an offer was made): the calls of a period are
 * read by their start time; the offers of each call through offer_events_customer.
 */
export const DASHBOARD_CALLS_MIGRATION: Migration = {
  version: 12,
  name: 'dashboards: calls by start time',
  sql: `CREATE INDEX dash_interactions_started ON interactions(started_at, user_id, customer_id, ended_at);`,
}
