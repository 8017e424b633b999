import crypto from 'node:crypto'
import type { AnalyticsClient } from '../workers/analyticsClient'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import type { ImportReport } from './feedbackImporter'
import { AppError, notFound } from '../errors'
import type { ImportFormat, MappingInput } from './sources'
import type { ImportType } from './recordImporters'

export interface ImportJobStatus {
  jobId: string
  state: 'running' | 'done' | 'cancelled' | 'failed'
  rows: number
  imported: number
  rowsPerSecond: number
  fraction: number | null
  etaSeconds: number | null
  error: string | null
  report: ImportReport | null
}

export interface ImportJobArgs {
  type: ImportType
  file: string
  format: ImportFormat
  mapping: MappingInput | undefined
}

/**
 * Import jobs run in the worker thread; the UI polls their status (headless mode has no push
 * channel), and can cancel them between batches.
 */
export function createImportJobs(
  analytics: AnalyticsClient,
  region: string,
  intentCutoffs: () => IntentBandCutoffs,
) {
  const jobs = new Map<string, { status: ImportJobStatus; abort: AbortController }>()
  const running = () => [...jobs.values()].some((j) => j.status.state === 'running')
  return {
    running,
    start(args: ImportJobArgs, onDone?: (report: ImportReport) => void): string {
      if (running()) {
        throw new AppError('CONFLICT', 'An import is already running; wait for it or cancel it first')
      }
      const jobId = crypto.randomBytes(9).toString('base64url')
      const abort = new AbortController()
      const status: ImportJobStatus = {
        jobId,
        state: 'running',
        rows: 0,
        imported: 0,
        rowsPerSecond: 0,
        fraction: 0,
        etaSeconds: null,
        error: null,
        report: null,
      }
      jobs.set(jobId, { status, abort })
      analytics
        .run(
          'importFile',
          { ...args, region, intentCutoffs: intentCutoffs() },
          (p) => {
            if (!p.detail) return
            Object.assign(status, {
              rows: p.detail.rows,
              imported: p.detail.imported,
              rowsPerSecond: p.detail.rowsPerSecond,
              fraction: p.detail.fraction,
              etaSeconds: p.detail.etaSeconds,
            })
          },
          abort.signal,
        )
        .then(
          (report) => {
            Object.assign(status, {
              state: report.cancelled ? 'cancelled' : 'done',
              rows: report.rows,
              imported: report.imported,
              fraction: report.cancelled ? status.fraction : 1,
              etaSeconds: 0,
              report,
            })
            onDone?.(report)
          },
          (err: unknown) => {
            Object.assign(status, { state: 'failed', error: (err as Error).message })
          },
        )
      return jobId
    },
    status(jobId: string): ImportJobStatus {
      const job = jobs.get(jobId)
      if (!job) throw notFound(`Import job ${jobId}`)
      return { ...job.status }
    },
    cancel(jobId: string): ImportJobStatus {
      const job = jobs.get(jobId)
      if (!job) throw notFound(`Import job ${jobId}`)
      if (job.status.state === 'running') job.abort.abort()
      return { ...job.status }
    },
  }
}
