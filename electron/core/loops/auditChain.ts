import { createHash } from 'node:crypto'
import type { DB } from '../db/connection'
import { refusal } from '../errors'

/** The chain starts from this value; any row's hash depends on every row before it. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditRow {
  id: number
  loop_id: number
  at: number
  user_id: number | null
  kind: string
  old_value: string | null
  new_value: string | null
  detail: string | null
}

interface StoredAuditRow extends AuditRow {
  prev_hash: string | null
  hash: string | null
}

/** The row's fields that the hash covers, in the order of the hash and of the audit table's insert. */
function hashedFields(row: AuditRow) {
  return [
    row.id,
    row.loop_id,
    row.at,
    row.user_id,
    row.kind,
    row.old_value,
    row.new_value,
    row.detail,
  ] as const
}

/** SHA-256 over the previous hash and every field of the row, in a fixed order and encoding. */
export function auditHash(prevHash: string, row: AuditRow): string {
  const canonical = JSON.stringify(hashedFields(row))
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex')
}

/**
 * Hashes rows written without a hash, in id order after the last sealed row. Only migration 4
 * uses it, for rows from before the chain existed: since migration 10 the database refuses
 * unhashed rows and any update, and the app never seals after the fact (a row forged without a
 * hash must stay visible to `audit:verify`, not be blessed into the chain).
 */
export function sealAuditChain(db: DB): number {
  let prev =
    db
      .prepare<[], { hash: string }>(
        `SELECT hash FROM loop_events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get()?.hash ?? GENESIS_HASH
  const rows = db
    .prepare<[], AuditRow>(
      `SELECT id, loop_id, at, user_id, kind, old_value, new_value, detail
         FROM loop_events WHERE hash IS NULL ORDER BY id`,
    )
    .all()
  const seal = db.prepare<[string, string, number]>(
    `UPDATE loop_events SET prev_hash = ?, hash = ? WHERE id = ?`,
  )
  for (const row of rows) {
    const hash = auditHash(prev, row)
    seal.run(prev, hash, row.id)
    prev = hash
  }
  return rows.length
}

/**
 * For bulk writers (the demo generator): hands out the id, prev_hash and hash of each next row so
 * rows can be written in batches and still extend the chain. Start it inside the transaction that
 * writes them, and write the rows in the order they were chained.
 */
export function createAuditChainer(db: DB, start?: { id: number; hash: string }) {
  let head = start ?? chainHead(db)
  return (event: Omit<AuditRow, 'id'>): { id: number; prevHash: string; hash: string } => {
    const row: AuditRow = { ...event, id: head.id + 1 }
    const hash = auditHash(head.hash, row)
    const linked = { id: row.id, prevHash: head.hash, hash }
    head = { id: row.id, hash }
    return linked
  }
}

const lastRowStatement = (db: DB) =>
  db.prepare<[], { id: number; hash: string | null }>(
    `SELECT id, hash FROM loop_events ORDER BY id DESC LIMIT 1`,
  )

/** The last row's id and hash; refuses to go on from a row without a hash. */
function chainHead(db: DB, lastRow = lastRowStatement(db)): { id: number; hash: string } {
  const last = lastRow.get()
  if (!last) return { id: 0, hash: GENESIS_HASH }
  if (last.hash === null) {
    throw refusal(
      'CONFLICT',
      'loops.audit_unsealed',
      `The audit trail ends in event ${last.id} without a hash (written around the app); run audit:verify`,
      { id: last.id },
    )
  }
  return { id: last.id, hash: last.hash }
}

export interface AuditEventInput {
  loopId: number
  at: number
  userId: number | null
  kind: string
  oldValue?: string | null
  newValue?: string | null
  detail?: unknown
}

/**
 * Appends audit events with their hashes. Must run inside an IMMEDIATE transaction so the last
 * hash read here is still the last one when the row lands (SQLite has one writer at a time).
 */
export function createAuditWriter(db: DB) {
  // The id is chosen here (last + 1, as SQLite would) so the row is written once, hash included.
  const insert = db.prepare<
    [
      number,
      number,
      number,
      number | null,
      string,
      string | null,
      string | null,
      string | null,
      string,
      string,
    ]
  >(
    `INSERT INTO loop_events (id, loop_id, at, user_id, kind, old_value, new_value, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const lastRow = lastRowStatement(db)
  // JSON array elements come back with their JSON types (integer, text, null), the ones hashed.
  const insertMany = db.prepare<[string]>(
    `INSERT INTO loop_events (id, loop_id, at, user_id, kind, old_value, new_value, detail, prev_hash, hash)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
            value ->> 7, value ->> 8, value ->> 9
       FROM json_each(?) ORDER BY key`,
  )
  const toRow = (event: AuditEventInput, id: number): AuditRow => ({
    id,
    loop_id: event.loopId,
    at: event.at,
    user_id: event.userId,
    kind: event.kind,
    old_value: event.oldValue ?? null,
    new_value: event.newValue ?? null,
    detail: event.detail === undefined ? null : JSON.stringify(event.detail),
  })
  const write = (event: AuditEventInput, prev: { id: number; hash: string }) => {
    const row = toRow(event, prev.id + 1)
    const hash = auditHash(prev.hash, row)
    insert.run(...hashedFields(row), prev.hash, hash)
    return { id: row.id, hash }
  }
  /** Appends one event, reading the chain's head first (safe anywhere inside a transaction). */
  function append(event: AuditEventInput): number {
    if (!db.inTransaction) throw new Error('audit events are written inside the change they record')
    return write(event, chainHead(db, lastRow)).id
  }
  /**
   * Appends many events with one statement: the head is read once, every link and hash is computed
   * here, and the rows go in through one INSERT ... SELECT. The guard trigger of migration 10 still
   * checks each row against the head as it lands (rows inserted earlier by the same statement
   * count), so a batch can only extend the chain, never fork it. Returns the new rows' ids in order.
   */
  append.many = (events: readonly AuditEventInput[]): number[] => {
    if (!db.inTransaction) throw new Error('audit events are written inside the change they record')
    if (events.length === 0) return []
    let prev = chainHead(db, lastRow)
    const rows: unknown[][] = []
    const ids: number[] = []
    for (const event of events) {
      const row = toRow(event, prev.id + 1)
      const hash = auditHash(prev.hash, row)
      rows.push([...hashedFields(row), prev.hash, hash])
      ids.push(row.id)
      prev = { id: row.id, hash }
    }
    insertMany.run(JSON.stringify(rows))
    return ids
  }
  return append
}

export type AuditWriter = ReturnType<typeof createAuditWriter>

export interface ChainVerification {
  ok: boolean
  checked: number
  /** The first row whose stored hash or link does not match what its content gives. */
  brokenAt: number | null
  reason: string | null
}

/** Walks the whole chain in id order, streaming, and reports the first row that does not match. */
export function verifyAuditChain(db: DB): ChainVerification {
  let prev = GENESIS_HASH
  let checked = 0
  const rows = db
    .prepare<[], StoredAuditRow>(
      `SELECT id, loop_id, at, user_id, kind, old_value, new_value, detail, prev_hash, hash
         FROM loop_events ORDER BY id`,
    )
    .iterate()
  for (const row of rows) {
    if (row.hash === null || row.prev_hash === null) {
      return {
        ok: false,
        checked,
        brokenAt: row.id,
        reason: 'row has no hash (written around the audit writer)',
      }
    }
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        checked,
        brokenAt: row.id,
        reason: 'link to the previous row is broken (row removed or reordered)',
      }
    }
    if (auditHash(prev, row) !== row.hash) {
      return {
        ok: false,
        checked,
        brokenAt: row.id,
        reason: 'row content does not match its hash (row edited)',
      }
    }
    prev = row.hash
    checked++
  }
  return { ok: true, checked, brokenAt: null, reason: null }
}
