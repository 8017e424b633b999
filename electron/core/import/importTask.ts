import type { CountryCode } from 'libphonenumber-js'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { openDatabase, type DB } from '../db/connection'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import type { ImportProgress, ImportReport } from './batchedImport'
import { createDerivedUpdates } from './derivedUpdates'
import { importFeedback } from './feedbackImporter'
import type { ImportJobArgs } from './jobs'
import { importRecords, openRecordRows } from './recordImporters'
import { openFeedbackRows } from './sources'

export interface ImportTaskArgs extends ImportJobArgs {
  region: string
  intentCutoffs?: IntentBandCutoffs
}

/**
 * Connection settings for the length of an import: a bigger page cache keeps the answer table's
 * indexes in memory, and a larger WAL between checkpoints turns many small checkpoint writes into a
 * few large ones. They apply to this connection only and are put back when the import ends.
 */
function withImportTuning<T>(db: DB, run: () => Promise<T>): Promise<T> {
  const cache = db.pragma('cache_size', { simple: true }) as number
  const checkpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma('cache_size = -524288') // 512 MiB
  db.pragma('wal_autocheckpoint = 16384') // 64 MiB of 4 KiB pages
  return run().finally(() => {
    db.pragma(`cache_size = ${cache}`)
    db.pragma(`wal_autocheckpoint = ${checkpoint}`)
    // What is left in the WAL is copied back here, in the worker: the main connection never
    // checkpoints a large WAL (see core.ts).
    db.pragma('wal_checkpoint(PASSIVE)')
  })
}

/** An import job as the worker thread runs it: its own writable connection, so the UI and screen pops stay free. */
export async function runImportTask(
  file: string,
  nativeBinding: string | undefined,
  analyzer: () => Promise<CommentAnalyzer>,
  args: ImportTaskArgs,
  progress: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const db = openDatabase(file, nativeBinding ? { nativeBinding } : {})
  try {
    const cutoffs = args.intentCutoffs
    const region = args.region as CountryCode
    const common = {
      afterWrite: createDerivedUpdates(db, cutoffs ? { intentCutoffs: () => cutoffs } : {}),
      onProgress: progress,
      ...(signal ? { signal } : {}),
    }
    return await withImportTuning(db, async () => {
      if (args.type === 'feedback') {
        const input = openFeedbackRows(args.file, args.format, args.mapping, region)
        return importFeedback(db, input.rows, {
          ...common,
          region,
          analyzer: await analyzer(),
          fractionRead: input.fractionRead,
        })
      }
      const input = openRecordRows(args.file, args.type, args.format, region)
      return importRecords(db, args.type, input.rows, { ...common, region, fractionRead: input.fractionRead })
    })
  } finally {
    db.close()
  }
}
