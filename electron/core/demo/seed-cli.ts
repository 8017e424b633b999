/**
 * Builds a demo database from the command line, e.g. for benchmarks:
 *   npx tsx electron/core/demo/seed-cli.ts --customers 1000000 [--db PATH] [--seed 42] [--force]
 * Exit codes: 0 done, 1 refused or failed, 2 bad arguments.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { DatabaseOpenError, openDatabase } from '../db/connection'
import { finishDatabase } from './finishDatabase'
import { createCommentAnalyzer } from '../insights/commentAnalysis'
import {
  DEFAULT_NOW,
  DEFAULT_SEED,
  MAX_DEMO_CUSTOMERS,
  isEmptyDatabase,
  seedDemoData,
  type SeedReport,
} from './generator'

const USAGE = `Usage: npx tsx electron/core/demo/seed-cli.ts --customers N [--db PATH] [--seed S] [--force]

  --customers N   number of customers, 1 to ${MAX_DEMO_CUSTOMERS.toLocaleString('en-US')} (required)
  --db PATH       database file (default: .bench/loopdesk-<N>.db)
  --seed S        random seed, a whole number from 0 to 4294967295 (default: ${DEFAULT_SEED})
  --force         replace an existing database that already holds customers`

export interface CliArgs {
  customers: number
  db: string
  seed: number
  force: boolean
}

export class UsageError extends Error {}

function parseWholeNumber(flag: string, text: string | undefined, max: number, min: number): number {
  if (text === undefined || text.startsWith('--')) throw new UsageError(`${flag} needs a value`)
  if (!/^-?\d[\d_]*$/.test(text)) throw new UsageError(`${flag} must be a whole number, got '${text}'`)
  const value = Number(text.replace(/_/g, ''))
  if (value < min || value > max) {
    throw new UsageError(`${flag} must be from ${min} to ${max.toLocaleString('en-US')}, got ${text}`)
  }
  return value
}

/** Parses argv (without node and script); 'help' when the user asked for it. */
export function parseArgs(argv: readonly string[]): CliArgs | 'help' {
  let customers: number | null = null
  let db: string | null = null
  let seed = DEFAULT_SEED
  let force = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    // Accept --flag=value as well as --flag value.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i])
    switch (flag) {
      case '--help':
      case '-h':
        return 'help'
      case '--customers':
        customers = parseWholeNumber('--customers', value(), MAX_DEMO_CUSTOMERS, 1)
        break
      case '--seed':
        seed = parseWholeNumber('--seed', value(), 0xffffffff, 0)
        break
      case '--db': {
        const file = value()
        if (!file || file.startsWith('--')) throw new UsageError('--db needs a file path')
        db = file
        break
      }
      case '--force':
        if (eq > 0) throw new UsageError('--force takes no value')
        force = true
        break
      default:
        throw new UsageError(`unknown argument '${arg}'`)
    }
  }
  if (customers === null) throw new UsageError('--customers is required')
  return { customers, db: db ?? path.join('.bench', `loopdesk-${customers}.db`), seed, force }
}

/** Customers already in the file; 0 for a missing, empty or not yet migrated file. */
function existingCustomers(file: string): number {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0
  const db = openDatabase(file, { readonly: true })
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'customers'")
      .get()
    if (!hasTable || isEmptyDatabase(db)) return 0
    return (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n
  } finally {
    db.close()
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--'
  const s = Math.max(0, Math.round(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

const fmt = (n: number): string => n.toLocaleString('en-US')

/** Progress on stderr: a redrawn bar on a terminal, one line per 10 % otherwise (logs, CI). */
export function createProgress(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  const started = performance.now()
  let lastDecile = 0
  return (done, total) => {
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? done / seconds : 0
    const eta = rate > 0 ? (total - done) / rate : Infinity
    const share = done / total
    const stats = `${(share * 100).toFixed(1)}%  ${fmt(done)}/${fmt(total)}  ${fmt(Math.round(rate))} customers/s  ETA ${formatDuration(eta)}`
    if (stream.isTTY) {
      const width = 30
      const filled = Math.round(share * width)
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${stats}\x1b[K`)
      if (done === total) stream.write('\n')
      return
    }
    const decile = Math.floor(share * 10)
    if (decile > lastDecile) {
      lastDecile = decile
      stream.write(`seed: ${stats}\n`)
    }
  }
}

function printReport(report: SeedReport, file: string): void {
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0
  const rows: [string, string][] = [
    ['database', path.resolve(file)],
    ['size', `${(size / 1024 / 1024).toFixed(1)} MiB`],
    ['customers', fmt(report.customers)],
    ['contact points', fmt(report.contactPoints)],
    ['feedback', fmt(report.feedback)],
    ['usage rows', fmt(report.usage)],
    ['tickets', fmt(report.tickets)],
    ['churned', `${fmt(report.churned)} (${((100 * report.churned) / report.customers).toFixed(1)}%)`],
    ['open loops', fmt(report.loops)],
    ['users', fmt(report.users)],
    ['offers', fmt(report.offers)],
    [
      'time',
      `${(report.ms / 1000).toFixed(1)} s (${fmt(Math.round(report.customers / (report.ms / 1000)))} customers/s)`,
    ],
  ]
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(15)} ${value}\n`)
}

async function run(argv: readonly string[]): Promise<number> {
  let args: CliArgs | 'help'
  try {
    args = parseArgs(argv)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  try {
    if (args.force) {
      removeDatabase(args.db)
    } else {
      const existing = existingCustomers(args.db)
      if (existing > 0) {
        process.stderr.write(
          `error: ${args.db} already holds ${fmt(existing)} customers; pass --force to replace it.\n`,
        )
        return 1
      }
    }
    const db = openDatabase(args.db)
    let report: SeedReport
    try {
      report = seedDemoData(db, {
        customers: args.customers,
        seed: args.seed,
        onProgress: createProgress(process.stderr),
      })
      printReport(report, args.db)
      finishDatabase(db, args.db, await createCommentAnalyzer(), DEFAULT_NOW, {
        log: (line) => process.stderr.write(`${line}\n`),
      })
    } finally {
      if (db.open) db.close()
    }
    return 0
  } catch (err) {
    const message = err instanceof DatabaseOpenError ? err.message : ((err as Error).stack ?? String(err))
    process.stderr.write(`error: ${message}\n`)
    return 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await run(process.argv.slice(2))
}
