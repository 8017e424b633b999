import type { DB } from '../db/connection'
import type { RowResult } from './types'

/**
 * The part every import shares: rows are taken in batches, each batch is written in one
 * transaction (with its insights and loop rules, see `afterWrite`), so a crash or `kill -9` loses at
 * most the batch in flight and a re-run adds only what is missing. Rejected rows are counted and
 * reported with their line, never fatal.
 */

/**
 * Rows per transaction. On a large database the cost of a batch is the index and insight pages it
 * dirties (each written to the WAL at commit and again at the checkpoint): rows of random
 * customers share pages only when a batch holds many of them, so 100,000 rows dirty far fewer
 * pages per row than 5,000 (measured: the commit of 20,000 rows into the 1M-customer database
 * wrote ~200 MB of WAL). A cancel still stops within one progress step (see below); a kill loses
 * the batch in flight.
 */
export const IMPORT_BATCH = 100_000
/** Rows between progress reports and cancel checks while a batch is being read. */
const PROGRESS_EVERY = 5_000
const MAX_REPORTED_REJECTS = 10_000

export interface ImportProgress {
  rows: number
  imported: number
  rowsPerSecond: number
  /** 0..1 when the size of the input is known */
  fraction: number | null
  etaSeconds: number | null
}

export interface ImportReport {
  rows: number
  imported: number
  updated: number
  duplicates: number
  skipped: number
  rejected: number
  /** line and reason of each rejected row (the first 10,000) */
  rejects: { line: number; reason: string }[]
  customersTouched: number
  /** loops opened by the loop rules for the imported rows */
  loopsCreated: number
  cancelled: boolean
  ms: number
  /** where the time went: reading and parsing, look-ups and comment analysis, row writes, insights
   * and loop rules, commits (WAL writes and checkpoints) */
  phases: { readMs: number; prepareMs: number; writeMs: number; derivedMs: number; commitMs: number }
}

export type Pending<T> = { line: number; record: T }

/** What a batch changed: the customers whose data changed and the answers added or updated. */
export interface BatchChanges {
  customerIds: number[]
  feedbackIds: number[]
}

export interface BatchContext {
  report: ImportReport
  reject(line: number, reason: string): void
}

export interface BatchWriter<T> {
  /** Work outside the write transaction (comment analysis), so the write lock is held briefly. */
  prepare?(batch: Pending<T>[]): void
  /** Writes one batch inside its transaction. */
  write(batch: Pending<T>[], ctx: BatchContext): BatchChanges
}

export interface BatchOptions {
  /** Runs inside each batch's transaction after the rows are written (insights, loop rules), so a
   * batch's rows and everything derived from them commit together or not at all. */
  afterWrite?: (changes: BatchChanges) => { loopsCreated: number } | void
  /** called after each committed batch with the customers whose data changed */
  onBatch?: (customerIds: readonly number[]) => void
  onProgress?: (p: ImportProgress) => void
  /** how much of the input has been read, 0..1, for progress and ETA */
  fractionRead?: () => number | null
  signal?: AbortSignal
  batchSize?: number
}

export function emptyReport(): ImportReport {
  return {
    rows: 0,
    imported: 0,
    updated: 0,
    duplicates: 0,
    skipped: 0,
    rejected: 0,
    rejects: [],
    customersTouched: 0,
    loopsCreated: 0,
    cancelled: false,
    ms: 0,
    phases: { readMs: 0, prepareMs: 0, writeMs: 0, derivedMs: 0, commitMs: 0 },
  }
}

/** Reads `rows` to the end (or to a cancel) and writes them batch by batch through `writer`. */
export async function runBatchedImport<T>(
  db: DB,
  rows: AsyncIterable<RowResult<T>>,
  writer: BatchWriter<T>,
  options: BatchOptions,
): Promise<ImportReport> {
  const started = performance.now()
  const batchSize = options.batchSize ?? IMPORT_BATCH
  const report = emptyReport()
  const touched = new Set<number>()
  const ctx: BatchContext = {
    report,
    reject(line, reason) {
      report.rejected++
      if (report.rejects.length < MAX_REPORTED_REJECTS) report.rejects.push({ line, reason })
    },
  }

  const writeBatch = db.transaction((batch: Pending<T>[]): BatchChanges => {
    const t0 = performance.now()
    const changes = writer.write(batch, ctx)
    const t1 = performance.now()
    report.phases.writeMs += t1 - t0
    if (changes.customerIds.length > 0 || changes.feedbackIds.length > 0) {
      const derived = options.afterWrite?.(changes)
      if (derived) report.loopsCreated += derived.loopsCreated
    }
    report.phases.derivedMs += performance.now() - t1
    return changes
  })

  // One read transaction for the look-ups of a batch: outside a transaction every statement would
  // take and drop its own shared lock. Deferred, so comment analysis never holds the write lock.
  const prepareBatch = db.transaction((rows: Pending<T>[]) => writer.prepare?.(rows))

  let batch: Pending<T>[] = []
  const progress = () => {
    const seconds = (performance.now() - started) / 1000
    const fraction = options.fractionRead?.() ?? null
    options.onProgress?.({
      rows: report.rows,
      imported: report.imported,
      rowsPerSecond: report.rows / Math.max(seconds, 1e-6),
      fraction,
      etaSeconds: fraction && fraction > 0 ? (seconds * (1 - fraction)) / fraction : null,
    })
  }
  const flush = () => {
    if (batch.length === 0) return
    const t0 = performance.now()
    if (writer.prepare) prepareBatch.deferred(batch)
    const t1 = performance.now()
    report.phases.prepareMs += t1 - t0
    const inside = report.phases.writeMs + report.phases.derivedMs
    const changes = writeBatch.immediate(batch)
    // the transaction's time not spent in its body: BEGIN, COMMIT and the checkpoint after it
    report.phases.commitMs +=
      performance.now() - t1 - (report.phases.writeMs + report.phases.derivedMs - inside)
    batch = []
    for (const id of changes.customerIds) touched.add(id)
    options.onBatch?.(changes.customerIds)
    progress()
  }

  for await (const row of rows) {
    report.rows++
    if (!row.ok) {
      if ('skipped' in row && row.skipped) report.skipped++
      else ctx.reject(row.line, row.reason)
    } else {
      batch.push({ line: row.line, record: row.record })
    }
    if (options.signal?.aborted) {
      // Everything read before the cancel is committed whole, nothing after it.
      report.cancelled = true
      break
    }
    if (batch.length >= batchSize) {
      flush()
      await new Promise((resolve) => setImmediate(resolve))
    } else if (report.rows % PROGRESS_EVERY === 0) {
      progress()
      // Let the event loop breathe (cancel messages, progress delivery) while a batch is read.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  flush()
  // Parser rejects are known at once, customer look-ups at batch time: report in file order.
  report.rejects.sort((a, b) => a.line - b.line)
  report.customersTouched = touched.size
  report.ms = performance.now() - started
  const { prepareMs, writeMs, derivedMs, commitMs } = report.phases
  // what is left is the reader: file, CSV parsing, value parsing
  report.phases.readMs = report.ms - prepareMs - writeMs - derivedMs - commitMs
  return report
}

/** Sorted, distinct ids: batch-wide follow-up work then walks the indexes in order. */
export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b)
}
