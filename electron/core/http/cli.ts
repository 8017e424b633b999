import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CountryCode } from 'libphonenumber-js'
import { findCallTrigger, resolveLaunchConfig } from '../cli/launchArgs'
import { DatabaseOpenError } from '../db/connection'
import { createCore } from '../core'
import { startHeadlessServer } from './server'

const here = path.dirname(fileURLToPath(import.meta.url))
const argv = process.argv.slice(2)

function optionNumber(name: string): number | undefined {
  const i = argv.indexOf(name)
  if (i < 0) return undefined
  const value = Number(argv[i + 1])
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number 0-65535`)
    process.exit(2)
  }
  return value
}

async function main(): Promise<void> {
  const config = resolveLaunchConfig(argv, process.env, path.join(os.homedir(), '.loopdesk'))
  console.log(`LoopDesk headless: database ${config.dbPath}`)
  const core = await createCore({
    dbPath: config.dbPath,
    region: config.region as CountryCode,
    mode: 'headless',
    demo: config.demo,
  })
  const call = findCallTrigger(argv)
  if (call && !call.ok) console.error(`Ignoring call trigger: ${call.reason}`)
  if (call?.ok) core.setPendingCall(call.number)
  const port = optionNumber('--port')
  const server = await startHeadlessServer({
    dispatch: core.dispatch,
    staticDir: path.resolve(here, '../../../out/renderer'),
    ...(port !== undefined ? { port } : {}),
  })
  console.log(`Open ${server.appUrl}`)
  const stop = () => {
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof DatabaseOpenError || err instanceof Error ? err.message : err)
  process.exit(1)
})
