import os from 'node:os'
import path from 'node:path'
import { resolveLaunchConfig } from '../cli/launchArgs'
import { openDatabase } from '../db/connection'
import { exportCsv, type ExportKind } from './csvExport'

const KINDS: readonly ExportKind[] = ['customers', 'feedback', 'loops']
const USAGE = `usage: npm run export -- --what ${KINDS.join('|')} --out FILE.csv [--delimiter ';'] [--db PATH]`

const argv = process.argv.slice(2)
const value = (name: string) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}
const what = value('--what') as ExportKind | undefined
const out = value('--out')
const delimiter = value('--delimiter') ?? ','
if (!what || !KINDS.includes(what) || !out || (delimiter !== ',' && delimiter !== ';')) {
  process.stderr.write(`${USAGE}\n`)
  process.exit(2)
}
const config = resolveLaunchConfig(argv, process.env, path.join(os.homedir(), '.loopdesk'))
const db = openDatabase(config.dbPath, { readonly: true })
const rows = await exportCsv(db, what, out, {
  delimiter,
  onProgress: (n) => process.stderr.write(`\r${n} rows`),
})
process.stderr.write(`\n${rows} ${what} rows written to ${out}\n`)
db.close()
