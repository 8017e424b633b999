import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore } from '../../electron/core/core'
import { startHeadlessServer } from '../../electron/core/http/server'

/**
 * Starts headless mode once for the whole run: a fresh database with the demo data set, the
 * built renderer, a random token. Tests read where to go from the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-e2e-'))
  const dbPath = path.join(dir, 'e2e.db')
  const staticDir = path.resolve(process.env.LOOPDESK_OUT ?? 'out', 'renderer')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run "npx electron-vite build" before the end-to-end tests')
  }
  const core = await createCore({ dbPath, region: 'DE', mode: 'headless', demo: true })
  const server = await startHeadlessServer({ dispatch: core.dispatch, staticDir })
  process.env.LOOPDESK_E2E_URL = server.url
  process.env.LOOPDESK_E2E_TOKEN = server.token
  process.env.LOOPDESK_E2E_DB = dbPath
  return async () => {
    await server.close()
    await core.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
