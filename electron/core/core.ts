import type { CountryCode } from 'libphonenumber-js'
import { openDatabase, schemaVersion, type DB } from './db/connection'
import { createDispatcher, type Dispatch, type Handlers } from './dispatch'
import { createScreenPopService, type ScreenPopService } from './services/screenPop'
import { isEmptyDatabase, seedDemoData } from './demo/generator'
import { createCommentAnalyzer, type CommentAnalyzer } from './insights/commentAnalysis'
import { finishDatabase } from './demo/finishDatabase'
import { createInsightService, type InsightService } from './insights/insightService'
import { createOfferService, type OfferService } from './insights/offerService'
import { createFeedbackService } from './insights/feedbackService'
import { createAnalyticsClient, type AnalyticsClient } from './workers/analyticsClient'
import { createCardCompleter } from './insights/cardInsight'
import { createSettings } from './settings'
import { createUploadStore } from './import/uploads'
import { createImportJobs } from './import/jobs'
import {
  GENERIC_SOURCE,
  guessImportFormat,
  hasNamedSource,
  mappingKey,
  previewFeedback,
  sourceFromFileName,
  type ImportFormat,
  type MappingInput,
} from './import/sources'
import { createWebhookReceiver } from './import/webhooks'
import { createExportStore } from './export/exports'
import { ColumnMappingSchema } from '../../shared/ipc/schemas'
import { ImportFormatError } from './import/types'
import { AppError } from './errors'
import type { CoreContext } from './context'
import { createSessions } from './loops/sessions'
import { createLoopService } from './loops/loopService'
import { createLoopRules } from './loops/rules'
import { createLoopHandlers } from './handlers/loops'
import { createCallHandlers } from './handlers/calls'
import { createDashboardHandlers } from './handlers/dashboard'

/** Problems with an uploaded file are the user's to fix: VALIDATION with the file's name. */
async function asImportError<T>(fileName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof ImportFormatError || err instanceof AppError) {
      throw new AppError('VALIDATION', `${fileName}: ${err.message}`)
    }
    throw err
  }
}
import { trend } from './insights/analytics'

export const APP_VERSION = '0.1.0'
export const DEMO_CUSTOMERS = 2000

export interface CoreOptions {
  dbPath: string
  region: CountryCode
  mode: 'electron' | 'headless'
  /** Load the demo data set when the database has no customers yet. */
  demo: boolean
  nativeBinding?: string
  clock?: () => number
  log?: (message: string, err: unknown) => void
}

export interface Core {
  db: DB
  /** The services behind the handlers, for tests, benchmarks and Electron's main process. */
  context: CoreContext
  screenPop: ScreenPopService
  insights: InsightService
  offers: OfferService
  analyzer: CommentAnalyzer
  analytics: AnalyticsClient
  dispatch: Dispatch
  /** A call handed over at launch (CLI or protocol link) waiting for the renderer to pick it up. */
  setPendingCall(number: string): void
  close(): Promise<void>
}

/** How long a main-thread statement may block waiting for a write lock before it is retried asynchronously. */
const MAIN_BUSY_TIMEOUT_MS = 15
const WAL_CHECKPOINT_EVERY_MS = 10_000

/** Everything behind the UI, plain Node: used by Electron's main process, headless mode, tests and benchmarks. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? Date.now
  const openOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  let db = openDatabase(options.dbPath, openOptions)
  let analyzer: CommentAnalyzer
  try {
    analyzer = await createCommentAnalyzer()
    if (options.demo && isEmptyDatabase(db)) {
      // Dated to today so that "last 90 days" in the demo means something on first start.
      seedDemoData(db, { customers: DEMO_CUSTOMERS, now: clock() })
      finishDatabase(db, options.dbPath, analyzer, clock(), openOptions)
      db = openDatabase(options.dbPath, openOptions)
    }
  } catch (err) {
    if (db.open) db.close()
    throw err
  }
  // The main thread never sleeps long on the import worker's write lock: the dispatcher retries
  // off the event loop instead (busyRetry below).
  db.pragma(`busy_timeout = ${MAIN_BUSY_TIMEOUT_MS}`)
  // Nor does it copy the WAL back on commit: during an import the WAL holds hundreds of MB of the
  // worker's batches, and the automatic checkpoint of the next small main-thread write blocked the
  // event loop for 1.5 s (bench:import). The import connection checkpoints; so does the timer below
  // while no import runs, when the WAL holds only the main thread's own small writes.
  db.pragma('wal_autocheckpoint = 0')
  const totalChanges = db.prepare('SELECT total_changes()').pluck()
  const settings = createSettings(db)
  const insights = createInsightService(db, clock, settings.intentCutoffs)
  const offers = createOfferService(db, clock)
  const complete = createCardCompleter(insights, offers)
  const screenPop = createScreenPopService(db, options.region, complete, settings.intentCutoffs)
  const feedback = createFeedbackService(db, analyzer, insights, clock)
  const workerInit = {
    file: options.dbPath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  }
  const analytics = createAnalyticsClient(workerInit)
  // Imports get a thread of their own: a dashboard or watchlist request must not queue behind an
  // import's batches on the analytics thread.
  const importWorker = createAnalyticsClient(workerInit)
  const uploads = createUploadStore()
  const importJobs = createImportJobs(importWorker, options.region, settings.intentCutoffs)
  const checkpointTimer = setInterval(() => {
    if (!importJobs.running() && db.open) db.pragma('wal_checkpoint(PASSIVE)')
  }, WAL_CHECKPOINT_EVERY_MS)
  checkpointTimer.unref()
  /** A saved mapping, checked: settings written by an older version must not reach the readers unchecked. */
  const savedMappingAt = (key: string): MappingInput | null => {
    const parsed = ColumnMappingSchema.safeParse(settings.importMapping(key))
    return parsed.success ? (parsed.data as MappingInput) : null
  }
  // Before sources had names every generic file shared one mapping, saved under its format.
  const savedMapping = (format: ImportFormat, source: string | null | undefined): MappingInput | null =>
    savedMappingAt(mappingKey(format, source)) ??
    (hasNamedSource(format) && (source ?? GENERIC_SOURCE) === GENERIC_SOURCE ? savedMappingAt(format) : null)
  /** The source a generic file goes under when the user names none: from its file name, else the last one. */
  const defaultSource = (fileName: string): string =>
    sourceFromFileName(fileName) ?? settings.lastImportSource() ?? GENERIC_SOURCE
  const webhooks = createWebhookReceiver(db, {
    region: options.region,
    analyzer,
    clock,
    intentCutoffs: settings.intentCutoffs,
    mapping: savedMappingAt,
  })
  const exportStore = createExportStore({
    dbPath: options.dbPath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  const sessions = createSessions(db)
  const loopRules = createLoopRules(db)
  const loops = createLoopService(db, { clock, settings, sessions })
  const ctx: CoreContext = {
    db,
    dbPath: options.dbPath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    region: options.region,
    mode: options.mode,
    clock,
    settings,
    insights,
    offers,
    screenPop,
    feedback,
    analyzer,
    analytics,
    sessions,
    loops,
  }
  const countCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers')
  let pendingCall: string | null = null

  const handlers: Handlers = {
    'app.info': () => ({
      version: APP_VERSION,
      schemaVersion: schemaVersion(db),
      customers: countCustomers.get()?.n ?? 0,
      defaultRegion: options.region,
      mode: options.mode,
      intentCutoffs: settings.intentCutoffs(),
    }),
    'screenPop.lookup': ({ query }) => screenPop.lookup(query),
    'customers.get': ({ id }) => screenPop.card(id),
    'customers.search': ({ query, limit }) => screenPop.search(query, limit),
    'customers.create': (input) => screenPop.create(input),
    'feedback.record': (input) => {
      const feedbackId = feedback.record(input)
      loopRules.apply({ feedbackIds: [feedbackId], now: clock() })
      return screenPop.card(input.customerId)
    },
    'offers.record': ({ customerId, offerId, outcome }, rc) => {
      const insight = insights.assess(customerId)
      offers.record(customerId, offerId, outcome, insight?.segment ?? null, sessions.actorId(rc))
      const risk = insight?.risk.score ?? 0
      return insight
        ? offers.suggest(customerId, { segment: insight.segment, risk, valueCents: insight.valueCents })
        : []
    },
    'insights.analyzeComment': ({ text, language }) => analyzer.analyze(text, language),
    'insights.watchlist': (args) => analytics.run('watchlist', args),
    'insights.segmentMatrix': () =>
      analytics.run('segmentMatrix', { intentCutoffs: settings.intentCutoffs() }),
    'insights.churn': (args) => analytics.run('churn', { ...args, until: clock() }),
    'insights.trend': (args) => {
      const filter = {
        unit: args.unit,
        count: args.count,
        ...(args.segment !== undefined ? { segment: args.segment } : {}),
        ...(args.customerId !== undefined ? { customerId: args.customerId } : {}),
      }
      // One customer's trend is a short index range read: answered here; the rest scans in the worker.
      return args.customerId !== undefined
        ? trend(db, clock(), filter)
        : analytics.run('trend', { ...filter, until: clock() })
    },
    'insights.model': () => {
      const m = insights.model
      return { kind: m.kind, auc: m.kind === 'fitted' ? m.auc : m.baselineAuc, baselineAuc: m.baselineAuc }
    },
    'insights.recompute': async () => {
      const report = await analytics.run('recompute', {
        now: clock(),
        intentCutoffs: settings.intentCutoffs(),
      })
      insights.reloadModel()
      return report
    },
    'settings.setIntentCutoffs': async (next) => {
      const intentCutoffs = settings.setIntentCutoffs(next)
      // Cards recompute on read; the stored segments behind the watchlist and matrix follow here.
      const report = await analytics.run('recompute', { now: clock(), intentCutoffs })
      return { intentCutoffs, customersReassessed: report.customers }
    },
    'import.upload': ({ uploadId, fileName, chunkBase64, last }) =>
      uploads.append(uploadId, fileName, chunkBase64, last),
    'import.preview': async ({ uploadId, format, mapping, source }) => {
      const upload = uploads.file(uploadId)
      const chosen = format ?? guessImportFormat(upload.fileName)
      const named = hasNamedSource(chosen) ? (source ?? defaultSource(upload.fileName)) : undefined
      const run = (m: MappingInput | undefined) =>
        asImportError(upload.fileName, () => previewFeedback(upload.file, chosen, m, options.region))
      const withSource = (m: MappingInput | null | undefined): MappingInput | undefined =>
        named ? { ...(m ?? {}), source: named } : (m ?? undefined)
      const saved = mapping ? null : savedMapping(chosen, named ?? source)
      let preview: Awaited<ReturnType<typeof run>>
      try {
        preview = await run(withSource(mapping ?? saved))
      } catch (err) {
        if (!saved) throw err
        // The mapping saved for this tool names columns this file does not have: another survey.
        // Its question ids (Q2, Q3...) mean other questions there, so none of it is kept; the file
        // starts from detection instead of being refused.
        preview = await run(withSource(undefined))
      }
      // A webhook file names its survey only inside: its saved mapping is known after a first look.
      if (chosen === 'formbricks-webhook' && !mapping && preview.surveyId) {
        const saved = savedMapping(chosen, preview.surveyId)
        if (saved) preview = await run(saved)
      }
      return {
        uploadId,
        format: chosen,
        columns: preview.columns,
        rows: preview.rows,
        mapping: preview.mapping,
        source: named ?? (chosen === 'formbricks-webhook' ? (source ?? preview.surveyId) : null),
        sources: settings.importSources(),
        textColumns: preview.textColumns,
        sample: preview.sample.map((r) =>
          r.ok
            ? {
                line: r.line,
                ok: true,
                nps: r.record.nps,
                intent: r.record.intentRaw,
                comment: r.record.comment,
                customerKey: r.record.customerKey.value,
              }
            : { line: r.line, ok: false, reason: r.reason },
        ),
      }
    },
    'import.start': ({ uploadId, type, format, mapping, saveMapping, source }) => {
      const upload = uploads.file(uploadId)
      if (type !== 'feedback') {
        // The other record types read their columns by name: no mapping, no source.
        return { jobId: importJobs.start({ type, file: upload.file, format, mapping: undefined }) }
      }
      const named = hasNamedSource(format) ? (source ?? defaultSource(upload.fileName)) : undefined
      const key = named ?? source
      if (mapping && saveMapping) settings.saveImportMapping(mappingKey(format, key), mapping)
      if (named) settings.setLastImportSource(named)
      const columns = mapping ?? savedMapping(format, key) ?? undefined
      const effective = named ? { ...(columns ?? {}), source: named } : columns
      return { jobId: importJobs.start({ type, file: upload.file, format, mapping: effective }) }
    },
    'import.formbricksWebhook': (payload) => webhooks.receive(payload),
    'import.setWebhookMapping': ({ surveyId, mapping }) => {
      settings.saveImportMapping(mappingKey('formbricks-webhook', surveyId ?? null), mapping)
      return { surveyId: surveyId ?? null, mapping }
    },
    'export.start': ({ kind, delimiter }) => exportStore.start(kind, delimiter),
    'export.status': ({ exportId }) => exportStore.status(exportId),
    'export.chunk': ({ exportId, index }) => exportStore.chunk(exportId, index),
    'import.status': ({ jobId }) => importJobs.status(jobId),
    'import.cancel': ({ jobId }) => importJobs.cancel(jobId),
    'calls.takePending': () => {
      const number = pendingCall
      pendingCall = null
      return number === null ? null : { number }
    },
    ...createLoopHandlers(ctx),
    ...createCallHandlers(ctx),
    ...createDashboardHandlers(ctx),
  }

  return {
    db,
    context: ctx,
    screenPop,
    insights,
    offers,
    analyzer,
    analytics,
    dispatch: createDispatcher(handlers, {
      ...(options.log ? { log: options.log } : {}),
      busyRetry: { changes: () => totalChanges.get() as number },
    }),
    setPendingCall(number) {
      pendingCall = number
    },
    async close() {
      clearInterval(checkpointTimer)
      await Promise.all([analytics.close(), importWorker.close()])
      uploads.dispose()
      exportStore.dispose()
      db.close()
    },
  }
}
