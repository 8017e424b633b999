import os from 'node:os'
import path from 'node:path'
import { resolveLaunchConfig } from '../cli/launchArgs'
import { openDatabase } from '../db/connection'
import { verifyAuditChain } from './auditChain'

/**
 * `npm run audit:verify -- [--db PATH]`: walks the loop audit trail's hash chain and exits 1 at
 * the first row that was edited, removed or written around the audit writer.
 */
const argv = process.argv.slice(2)
const config = resolveLaunchConfig(argv, process.env, path.join(os.homedir(), '.loopdesk'))
let db
try {
  db = openDatabase(config.dbPath, { readonly: true })
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`)
  process.exit(2)
}
const started = performance.now()
const result = verifyAuditChain(db)
db.close()
const seconds = ((performance.now() - started) / 1000).toFixed(2)
if (result.ok) {
  process.stdout.write(
    `audit trail intact: ${result.checked.toLocaleString('en')} events verified in ${seconds} s\n`,
  )
} else {
  process.stdout.write(
    `audit trail BROKEN at event ${result.brokenAt}: ${result.reason} (${result.checked.toLocaleString('en')} events before it verified)\n`,
  )
  process.exit(1)
}
