import Database from 'better-sqlite3'
import type { PeriodUnit } from '../../../shared/domain/churn'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { churnByPeriod, segmentMatrix, trend, watchlist, type TrendFilter } from '../insights/analytics'
import { recomputeAll } from '../insights/recompute'
import { createCommentAnalyzer, type CommentAnalyzer } from '../insights/commentAnalysis'
import type { ImportProgress, ImportReport } from '../import/batchedImport'
import { runImportTask, type ImportTaskArgs } from '../import/importTask'
import { dashboardSummary, type SummaryArgs } from '../dashboard/summary'
import { drill, type DrillArgs } from '../dashboard/drill'

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
    dashboardSummary: (args: SummaryArgs) => dashboardSummary(db(), args),
    dashboardDrill: (args: DrillArgs) => drill(db(), args),
    importFile: (
      args: ImportTaskArgs,
      progress: (p: ProgressReport) => void,
      signal?: AbortSignal,
    ): Promise<ImportReport> =>
      // Its own writable connection: the main thread and the readers stay free during the import.
      runImportTask(
        init.file,
        init.nativeBinding,
        async () => (analyzer ??= await createCommentAnalyzer()),
        args,
        (p) => progress({ phase: 'import', done: p.rows, total: -1, detail: p }),
        signal,
      ),
    close: () => reader?.close(),
  }
}

export type Tasks = ReturnType<typeof createTasks>
export type TaskName = Exclude<keyof Tasks, 'close'>
export type TaskArgs<T extends TaskName> = Parameters<Tasks[T]>[0]
export type TaskResult<T extends TaskName> = ReturnType<Tasks[T]>
