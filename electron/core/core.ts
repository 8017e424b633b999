import type { CountryCode } from 'libphonenumber-js'
import { openDatabase, schemaVersion, type DB } from './db/connection'
import { createDispatcher, type Dispatch, type Handlers } from './dispatch'
import { createScreenPopService, type ScreenPopService } from './services/screenPop'
import { isEmptyDatabase, seedDemoData } from './demo/generator'

export const APP_VERSION = '0.1.0'
export const DEMO_CUSTOMERS = 2000

export interface CoreOptions {
  dbPath: string
  region: CountryCode
  mode: 'electron' | 'headless'
  /** Load the demo data set when the database has no customers yet. */
  demo: boolean
  nativeBinding?: string
  log?: (message: string, err: unknown) => void
}

export interface Core {
  db: DB
  screenPop: ScreenPopService
  dispatch: Dispatch
  /** A call handed over at launch (CLI or protocol link) waiting for the renderer to pick it up. */
  setPendingCall(number: string): void
  close(): void
}

/** Everything behind the UI, plain Node: used by Electron's main process, headless mode, tests and benchmarks. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    if (options.demo && isEmptyDatabase(db)) seedDemoData(db, { customers: DEMO_CUSTOMERS })
  } catch (err) {
    db.close()
    throw err
  }
  const screenPop = createScreenPopService(db, options.region)
  const countCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers')
  let pendingCall: string | null = null

  const handlers: Handlers = {
    'app.info': () => ({
      version: APP_VERSION,
      schemaVersion: schemaVersion(db),
      customers: countCustomers.get()?.n ?? 0,
      defaultRegion: options.region,
      mode: options.mode,
    }),
    'screenPop.lookup': ({ query }) => screenPop.lookup(query),
    'customers.get': ({ id }) => screenPop.card(id),
    'customers.search': ({ query, limit }) => screenPop.search(query, limit),
    'customers.create': (input) => screenPop.create(input),
    'calls.takePending': () => {
      const number = pendingCall
      pendingCall = null
      return number === null ? null : { number }
    },
  }

  return {
    db,
    screenPop,
    dispatch: createDispatcher(handlers, options.log ? { log: options.log } : {}),
    setPendingCall(number) {
      pendingCall = number
    },
    close() {
      db.close()
    },
  }
}
