import Database from 'better-sqlite3'
import type { PeriodUnit } from '../../../shared/domain/churn'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { churnByPeriod, segmentMatrix, trend, watchlist, type TrendFilter } from '../insights/analytics'
import { recomputeAll } from '../insights/recompute'
import type { CountryCode } from 'libphonenumber-js'
import { openDatabase } from '../db/connection'
import { createCommentAnalyzer, type CommentAnalyzer } from '../insights/commentAnalysis'
import { createInsightService } from '../insights/insightService'
import { importFeedback, type ImportProgress, type ImportReport } from '../import/feedbackImporter'
import type { ImportJobArgs } from '../import/jobs'
import { openFeedbackRows } from '../import/sources'

export interface WorkerInit {
  file: string
  nativeBinding?: string
}

export type ProgressReport = { phase: string; done: number; total: number; detail?: ImportProgress }

/** Heavy reads and the full recompute: everything here runs off the main thread. */
export function createTasks(init: WorkerInit) {
  let reader: Database.Database | null = null
  let analyzer: CommentAnalyzer | undefined
  const db = () => {
    reader ??= new Database(init.file, {
      readonly: true,
      fileMustExist: true,
      ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
    })
    return reader
  }
  return {
    recompute: (
      args: { now?: number; intentCutoffs?: IntentBandCutoffs },
      progress: (p: ProgressReport) => void,
    ) =>
      recomputeAll(init.file, {
        ...(args.now !== undefined ? { now: args.now } : {}),
        ...(args.intentCutoffs ? { intentCutoffs: args.intentCutoffs } : {}),
        ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
        onProgress: (phase, done, total) => progress({ phase, done, total }),
      }),
    churn: (args: { until: number; unit: PeriodUnit; count: number }) =>
      churnByPeriod(db(), args.until, args.unit, args.count),
    segmentMatrix: (args: { intentCutoffs?: IntentBandCutoffs }) => segmentMatrix(db(), args.intentCutoffs),
    trend: (args: TrendFilter & { until: number }) => trend(db(), args.until, args),
    watchlist: (args: { threshold: number; limit: number }) => watchlist(db(), args.threshold, args.limit),
    importFeedback: async (
      args: ImportJobArgs & { region: string; intentCutoffs?: IntentBandCutoffs },
      progress: (p: ProgressReport) => void,
      signal?: AbortSignal,
    ): Promise<ImportReport> => {
      // Its own writable connection: the main thread and the readers stay free during the import.
      const db = openDatabase(init.file, init.nativeBinding ? { nativeBinding: init.nativeBinding } : {})
      try {
        analyzer ??= await createCommentAnalyzer()
        const cutoffs = args.intentCutoffs
        const insights = createInsightService(db, Date.now, cutoffs ? () => cutoffs : undefined)
        const refresh = db.transaction((ids: readonly number[]) => ids.forEach((id) => insights.refresh(id)))
        const input = openFeedbackRows(args.file, args.format, args.mapping, args.region as CountryCode)
        return await importFeedback(db, input.rows, {
          region: args.region as CountryCode,
          analyzer,
          fractionRead: input.fractionRead,
          // New answers update those customers' insights right away (incrementally, per batch).
          onBatch: (ids) => refresh(ids),
          onProgress: (p) => progress({ phase: 'import', done: p.rows, total: -1, detail: p }),
          ...(signal ? { signal } : {}),
        })
      } finally {
        db.close()
      }
    },
    close: () => reader?.close(),
  }
}

export type Tasks = ReturnType<typeof createTasks>
export type TaskName = Exclude<keyof Tasks, 'close'>
export type TaskArgs<T extends TaskName> = Parameters<Tasks[T]>[0]
export type TaskResult<T extends TaskName> = ReturnType<Tasks[T]>
