import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'

export type DB = Database.Database

/** 'LOOP' in ASCII: marks a file as ours so a foreign SQLite file is never migrated by mistake. */
export const APPLICATION_ID = 0x4c4f4f50

export type DatabaseErrorCode = 'DB_TOO_NEW' | 'DB_FOREIGN' | 'DB_CORRUPT' | 'DB_OPEN_FAILED'

/** An error a person can act on: says which file, what is wrong, and that nothing was changed. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'DatabaseOpenError'
  }
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron); Node uses the default build. */
  nativeBinding?: string
  readonly?: boolean
  /** Apply migrations up to this version only (tests of upgrades from an older schema). */
  targetVersion?: number
  migrations?: readonly Migration[]
}

function applyPragmas(db: DB, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -65536')
  db.pragma('temp_store = MEMORY')
}

function userTableCount(db: DB): number {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
    n: number
  }
  return row.n
}

/**
 * Checks that the file is a LoopDesk database this code can handle before anything is written.
 * Throws DatabaseOpenError for a newer schema, another application's database or a damaged file.
 */
function checkIdentity(db: DB, file: string, latest: number): number {
  let version: number
  let appId: number
  try {
    version = db.pragma('user_version', { simple: true }) as number
    appId = db.pragma('application_id', { simple: true }) as number
  } catch (err) {
    throw new DatabaseOpenError(
      'DB_CORRUPT',
      `${file} is not a readable SQLite database (${(err as Error).message}). It was left untouched.`,
    )
  }
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new DatabaseOpenError(
      'DB_FOREIGN',
      `${file} belongs to another application (application_id ${appId}). It was left untouched.`,
    )
  }
  if (appId === 0 && (version !== 0 || userTableCount(db) > 0)) {
    throw new DatabaseOpenError(
      'DB_FOREIGN',
      `${file} is an SQLite database of another application (no LoopDesk marker). It was left untouched.`,
    )
  }
  if (version > latest) {
    throw new DatabaseOpenError(
      'DB_TOO_NEW',
      `${file} was written by a newer LoopDesk (schema ${version}, this version knows up to ${latest}). ` +
        'Please update LoopDesk; the file was left untouched.',
    )
  }
  return version
}

/** Applies every pending migration, each in one transaction with its user_version bump. */
export function migrate(db: DB, migrations: readonly Migration[] = MIGRATIONS, target?: number): number {
  const latest = target ?? migrations.reduce((max, m) => Math.max(max, m.version), 0)
  let current = db.pragma('user_version', { simple: true }) as number
  const pending = [...migrations].filter((m) => m.version > current && m.version <= latest)
  pending.sort((a, b) => a.version - b.version)
  for (const migration of pending) {
    if (migration.version !== current + 1) {
      throw new Error(`migration ${current + 1} is missing (next found: ${migration.version})`)
    }
    db.transaction(() => {
      db.exec(migration.sql)
      migration.after?.(db)
      if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
    current = migration.version
  }
  return current
}

/**
 * Opens (creating when missing) a LoopDesk database: WAL, foreign keys, identity check,
 * migrations. A file that is not ours, damaged or too new is refused without writing to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  const migrations = options.migrations ?? MIGRATIONS
  const latest = options.targetVersion ?? LATEST_SCHEMA_VERSION
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  let db: DB
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
  } catch (err) {
    throw new DatabaseOpenError('DB_OPEN_FAILED', `Cannot open database ${file}: ${(err as Error).message}`)
  }
  try {
    checkIdentity(db, file, Math.max(latest, LATEST_SCHEMA_VERSION))
    applyPragmas(db, options.readonly ?? false)
    if (!options.readonly) migrate(db, migrations, latest)
    return db
  } catch (err) {
    db.close()
    if (err instanceof DatabaseOpenError) throw err
    const message = (err as Error).message
    if (/not a database|malformed|file is encrypted/i.test(message)) {
      throw new DatabaseOpenError(
        'DB_CORRUPT',
        `${file} is damaged or not a database (${message}). It was left untouched.`,
      )
    }
    throw err
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number
}
