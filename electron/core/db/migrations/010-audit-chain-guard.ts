import type { Migration } from '../migrations'
import { GENESIS_HASH } from '../../loops/auditChain'

/**
 * The audit trail's triggers refused updates and deletes, but a plain INSERT without a hash went
 * through, and the app then sealed it into the chain on its next write: a forged event came out
 * "verified". Now the database itself refuses a row that does not extend the chain: it needs a
 * hash, the current head's hash as prev_hash, and an id after the last one. Updates are refused
 * outright (nothing is sealed after the fact any more). SQLite cannot compute SHA-256, so a row
 * with a correct-looking link but a made-up hash is still only caught by `audit:verify`.
 */
export const AUDIT_CHAIN_GUARD_MIGRATION: Migration = {
  version: 10,
  name: 'audit trail: inserts must extend the hash chain, no updates',
  sql: `
CREATE TRIGGER loop_events_chained_insert BEFORE INSERT ON loop_events
  WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.hash GLOB '*[^0-9a-f]*'
    OR NEW.prev_hash IS NULL OR NEW.id IS NULL OR NEW.id <= coalesce((SELECT max(id) FROM loop_events), 0)
    OR NEW.prev_hash IS NOT coalesce(
         (SELECT hash FROM loop_events ORDER BY id DESC LIMIT 1),
         CASE WHEN EXISTS (SELECT 1 FROM loop_events) THEN NULL ELSE '${GENESIS_HASH}' END)
  BEGIN SELECT RAISE(ABORT, 'loop_events: a new row must carry its hash and extend the chain'); END;
DROP TRIGGER loop_events_append_only_update;
CREATE TRIGGER loop_events_append_only_update BEFORE UPDATE ON loop_events
  BEGIN SELECT RAISE(ABORT, 'loop_events is append-only'); END;
`,
}
