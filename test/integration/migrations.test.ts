import crypto from 'node:crypto'
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { APPLICATION_ID, DatabaseOpenError, migrate, openDatabase } from '../../electron/core/db/connection'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations'
import { tempDir } from '../helpers/tmp'

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('database open and migrations', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  it('creates a new database at the latest version with WAL, foreign keys and our marker', () => {
    const db = openDatabase(tmp.file('new.db'))
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()
    for (const t of [
      'customers',
      'contact_points',
      'feedback',
      'usage',
      'tickets',
      'offers',
      'loops',
      'loop_events',
      'users',
      'interactions',
    ]) {
      expect(tables).toContain(t)
    }
    expect(() =>
      db
        .prepare(
          `INSERT INTO contact_points (customer_id, kind, value) VALUES (999, 'phone', '+49301234567')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    db.close()
  })

  it('upgrades a version-1 database with data to the latest version and indexes existing customers', () => {
    const file = tmp.file('v1.db')
    const v1 = openDatabase(file, { targetVersion: 1 })
    expect(v1.pragma('user_version', { simple: true })).toBe(1)
    v1.prepare(
      `INSERT INTO customers (id, customer_no, last_name, display_name, vertical, customer_since, created_at, updated_at)
       VALUES (1, 'K-1000001', 'Schröder', 'Anna Schröder', 'telecom', '2021-03-01', 0, 0)`,
    ).run()
    v1.prepare(
      `INSERT INTO contact_points (customer_id, kind, value) VALUES (1, 'email', 'anna@example.de')`,
    ).run()
    v1.close()

    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    const byName = db
      .prepare(`SELECT rowid FROM customers_fts WHERE customers_fts MATCH '"schroder"*'`)
      .pluck()
      .all()
    const byMail = db
      .prepare(`SELECT rowid FROM customers_fts WHERE customers_fts MATCH '"anna@example.de"'`)
      .pluck()
      .all()
    expect(byName).toEqual([1])
    expect(byMail).toEqual([1])
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1)
    db.close()
  })

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const file = tmp.file('fail.db')
    openDatabase(file).close()
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;',
      },
    ]
    const db = new Database(file)
    expect(() => migrate(db, broken)).toThrow(/no_such_table/)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0)
    db.close()
  })

  it('refuses a database written by a newer LoopDesk and leaves it untouched', () => {
    const file = tmp.file('future.db')
    const raw = new Database(file)
    raw.pragma(`application_id = ${APPLICATION_ID}`)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.exec('CREATE TABLE future_thing (x)')
    raw.close()
    const before = sha(file)
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError)
    expect(() => openDatabase(file)).toThrow(/newer LoopDesk.*update LoopDesk/s)
    expect(sha(file)).toBe(before)
  })

  it("refuses another application's SQLite database and leaves it untouched", () => {
    const file = tmp.file('foreign.db')
    const raw = new Database(file)
    raw.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);',
    )
    raw.close()
    const before = sha(file)
    let error: unknown
    try {
      openDatabase(file)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(DatabaseOpenError)
    expect((error as DatabaseOpenError).code).toBe('DB_FOREIGN')
    expect(sha(file)).toBe(before)
  })

  it('refuses a damaged or non-database file with a clear error and leaves it untouched', () => {
    const file = tmp.file('garbage.db')
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from('this is not a database at all\n'), crypto.randomBytes(8192)]),
    )
    const before = sha(file)
    let error: unknown
    try {
      openDatabase(file)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(DatabaseOpenError)
    expect((error as DatabaseOpenError).code).toBe('DB_CORRUPT')
    expect((error as Error).message).toContain('left untouched')
    expect(sha(file)).toBe(before)
  })
})
