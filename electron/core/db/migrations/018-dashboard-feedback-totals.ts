import type { Migration } from '../migrations'
import { FEEDBACK_TOTALS_SQL } from '../../dashboard/feedbackTotals'

/** The feedback tile's rollup without its filter keys, for the unfiltered case (see feedbackTotals.ts). */
export const DASHBOARD_FEEDBACK_TOTALS_MIGRATION: Migration = {
  version: 18,
  name: 'dashboards: answer totals per day and intent tenth',
  sql: FEEDBACK_TOTALS_SQL,
}
