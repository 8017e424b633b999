import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CountryCode } from 'libphonenumber-js'
import { resolveLaunchConfig } from '../cli/launchArgs'
import { DatabaseOpenError, openDatabase } from '../db/connection'
import { createCommentAnalyzer } from '../insights/commentAnalysis'
import { createSettings } from '../settings'
import type { ImportReport } from './batchedImport'
import { createDerivedUpdates } from './derivedUpdates'
import { importFeedback } from './feedbackImporter'
import { importRecords, openRecordRows, RECORD_TYPES, type ImportType } from './recordImporters'
import { ImportSourceNameSchema } from '../../../shared/ipc/schemas'
import { readJsonRecords } from './jsonSource'
import { formbricksWebhookSchema } from './formbricks'
import {
  GENERIC_SOURCE,
  IMPORT_FORMATS,
  hasNamedSource,
  mappingKey,
  openFeedbackRows,
  previewFeedback,
  sourceFromFileName,
  type ImportFormat,
  type MappingInput,
} from './sources'
import { ImportFormatError } from './types'

const FORMATS = IMPORT_FORMATS
const TYPES: readonly ImportType[] = ['feedback', ...RECORD_TYPES]
const USAGE = `usage: npm run import -- --type ${TYPES.join('|')} --format ${FORMATS.join('|')} [--mapping mapping.json] [--source NAME] [--db PATH] FILE`

class UsageError extends Error {}

function parse(argv: readonly string[]): {
  type: ImportType
  format: ImportFormat
  file: string
  mapping: MappingInput | undefined
  source: string | undefined
} {
  const value = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const type = (value('--type') ?? 'feedback') as ImportType
  if (!TYPES.includes(type)) throw new UsageError(`--type must be one of ${TYPES.join(', ')}`)
  const format = value('--format') as ImportFormat | undefined
  if (!format || !FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
  if (type !== 'feedback' && format !== 'generic-csv' && format !== 'json')
    throw new UsageError(`--type ${type} reads generic-csv or json files`)
  const optionValues = new Set(
    ['--type', '--format', '--mapping', '--source', '--db', '--region'].map((o) => value(o)),
  )
  const file = argv.filter((a) => !a.startsWith('--') && !optionValues.has(a)).pop()
  if (!file) throw new UsageError('name the file to import')
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist`)
  const mappingFile = value('--mapping')
  let mapping: MappingInput | undefined
  if (mappingFile) {
    try {
      mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8')) as MappingInput
    } catch (err) {
      throw new UsageError(`--mapping ${mappingFile}: ${(err as Error).message}`)
    }
  }
  const sourceArg = value('--source')
  let source: string | undefined
  if (sourceArg !== undefined) {
    if (!hasNamedSource(format))
      throw new UsageError(`--source names generic-csv or json sources; ${format} has its own`)
    const parsed = ImportSourceNameSchema.safeParse(sourceArg)
    if (!parsed.success)
      throw new UsageError(`--source ${sourceArg}: ${parsed.error.issues[0]?.message ?? 'not a valid name'}`)
    source = parsed.data
  }
  return { type, format, file, mapping, source }
}

/** The survey of a webhook file's first payload: its saved mapping is stored per survey. */
async function firstSurveyId(file: string): Promise<string | null> {
  for await (const item of readJsonRecords(file)) {
    if (!item.ok) continue
    const parsed = formbricksWebhookSchema.safeParse(item.value)
    if (parsed.success) return parsed.data.data.surveyId
  }
  return null
}

function printReport(r: ImportReport): void {
  const lines = [
    `rows read:            ${r.rows}`,
    `imported:             ${r.imported}`,
    `updated:              ${r.updated}`,
    `already present:      ${r.duplicates}`,
    `skipped (test/spam):  ${r.skipped}`,
    `rejected:             ${r.rejected}`,
    `customers updated:    ${r.customersTouched}`,
    `loops opened:         ${r.loopsCreated}`,
    `time:                 ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.rows / Math.max(r.ms / 1000, 1e-3))} rows/s)`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
  for (const x of r.rejects) process.stdout.write(`line ${x.line}: ${x.reason}\n`)
}

/** Scripted nightly loads: the same import as the app, report on stdout, exit 1 when rows were rejected. */
async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`)
    return 2
  }
  const config = resolveLaunchConfig(argv, process.env, path.join(os.homedir(), '.loopdesk'))
  const db = openDatabase(config.dbPath)
  try {
    const settings = createSettings(db)
    const region = config.region as CountryCode
    const tty = process.stderr.isTTY
    const common = {
      afterWrite: createDerivedUpdates(db, { intentCutoffs: settings.intentCutoffs }),
      onProgress: (p: {
        fraction: number | null
        etaSeconds: number | null
        rows: number
        rowsPerSecond: number
      }) => {
        const pct = p.fraction === null ? '' : `${Math.round(p.fraction * 100)}% `
        const eta = p.etaSeconds === null ? '' : `, ETA ${Math.ceil(p.etaSeconds)} s`
        process.stderr.write(
          `${tty ? '\r' : ''}${pct}${p.rows} rows, ${Math.round(p.rowsPerSecond)} rows/s${eta}${tty ? '' : '\n'}`,
        )
      },
    }
    let report: ImportReport
    if (args.type === 'feedback') {
      // Generic files go under a named source (as in the app: from the file name, else the last one).
      const named = hasNamedSource(args.format)
        ? (args.source ?? sourceFromFileName(args.file) ?? settings.lastImportSource() ?? GENERIC_SOURCE)
        : undefined
      const key = named ?? (args.format === 'formbricks-webhook' ? await firstSurveyId(args.file) : null)
      const saved = (settings.importMapping(mappingKey(args.format, key)) ??
        (args.format === 'formbricks-webhook'
          ? settings.importMapping(mappingKey(args.format, null))
          : null) ??
        (named === GENERIC_SOURCE ? settings.importMapping(args.format) : null)) as MappingInput | null
      // As the mapping step would pre-fill it: a generic CSV without a mapping is read by its column names.
      const columns =
        args.mapping ??
        saved ??
        (args.format === 'generic-csv'
          ? (await previewFeedback(args.file, args.format, undefined, region)).mapping
          : undefined)
      const mapping = named ? { ...(columns ?? {}), source: named } : columns
      if (named) process.stderr.write(`source: ${named}\n`)
      const input = openFeedbackRows(args.file, args.format, mapping, region)
      report = await importFeedback(db, input.rows, {
        ...common,
        region,
        analyzer: await createCommentAnalyzer(),
        fractionRead: input.fractionRead,
      })
    } else {
      const input = openRecordRows(args.file, args.type, args.format, region)
      report = await importRecords(db, args.type, input.rows, {
        ...common,
        region,
        fractionRead: input.fractionRead,
      })
    }
    if (tty) process.stderr.write('\n')
    printReport(report)
    return report.rejected > 0 ? 1 : 0
  } catch (err) {
    process.stderr.write(
      `import failed: ${err instanceof ImportFormatError || err instanceof DatabaseOpenError ? err.message : String(err)}\n`,
    )
    return 1
  } finally {
    db.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
