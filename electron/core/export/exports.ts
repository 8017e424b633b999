import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../db/connection'
import { AppError, notFound } from '../errors'
import { exportCsv, type ExportKind } from './csvExport'

/** Bytes per export.chunk answer: 384 KiB become 512 KiB of base64, like the upload chunks. */
export const EXPORT_CHUNK_BYTES = 384 * 1024
/** Rows written between yields to the event loop (see below). */
const ROWS_PER_SLICE = 250

export interface ExportStatus {
  exportId: string
  kind: ExportKind
  state: 'running' | 'done' | 'failed'
  rows: number
  bytes: number
  chunks: number
  error: string | null
}

export interface ExportStoreOptions {
  dbPath: string
  nativeBinding?: string
  root?: string
}

/**
 * Exports for the app: the CSV is written to a private temp file and handed out in chunks, so a
 * download takes the same path over IPC and HTTP and only ids travel, never paths.
 *
 * The file is written on the main thread, from its own read-only connection (a snapshot: an import
 * running meanwhile neither blocks it nor shows half in it), in slices of 250 rows with a yield
 * to the event loop between them, so screen pops keep being answered during a large export. A
 * worker task would take even that off the main thread; the worker module is another area's.
 */
export function createExportStore(options: ExportStoreOptions) {
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-exports-'))
  const exports = new Map<string, { status: ExportStatus; file: string }>()

  const snapshot = (id: string): ExportStatus => {
    const entry = exports.get(id)
    if (!entry) throw notFound(`Export ${id}`)
    return { ...entry.status }
  }

  return {
    start(kind: ExportKind, delimiter: ',' | ';'): ExportStatus {
      if ([...exports.values()].some((e) => e.status.state === 'running'))
        throw new AppError('CONFLICT', 'An export is already running; wait for it to finish')
      const exportId = crypto.randomBytes(12).toString('base64url')
      const file = path.join(root, `${exportId}.csv`)
      const status: ExportStatus = {
        exportId,
        kind,
        state: 'running',
        rows: 0,
        bytes: 0,
        chunks: 0,
        error: null,
      }
      exports.set(exportId, { status, file })
      const db = openDatabase(options.dbPath, {
        readonly: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      })
      exportCsv(db, kind, file, {
        delimiter,
        sliceRows: ROWS_PER_SLICE,
        onProgress: (rows) => {
          status.rows = rows
        },
      })
        .then((rows) => {
          const bytes = fs.statSync(file).size
          Object.assign(status, {
            state: 'done',
            rows,
            bytes,
            chunks: Math.max(1, Math.ceil(bytes / EXPORT_CHUNK_BYTES)),
          })
        })
        .catch((err: unknown) => {
          Object.assign(status, { state: 'failed', error: (err as Error).message })
          fs.rmSync(file, { force: true })
        })
        .finally(() => db.close())
      return { ...status }
    },
    status: snapshot,
    /** One chunk of a finished export; the file is removed once its last chunk is handed out. */
    chunk(exportId: string, index: number): { chunkBase64: string; last: boolean } {
      const entry = exports.get(exportId)
      const status = snapshot(exportId)
      if (!entry) throw notFound(`Export ${exportId}`)
      if (status.state !== 'done') throw new AppError('CONFLICT', 'The export is not finished yet')
      if (index >= status.chunks) throw new AppError('VALIDATION', `The export has ${status.chunks} chunks`)
      if (!fs.existsSync(entry.file))
        throw new AppError('NOT_FOUND', 'The export was already downloaded; export again')
      const start = index * EXPORT_CHUNK_BYTES
      const length = Math.min(EXPORT_CHUNK_BYTES, status.bytes - start)
      const buffer = Buffer.alloc(Math.max(0, length))
      const fd = fs.openSync(entry.file, 'r')
      try {
        fs.readSync(fd, buffer, 0, buffer.length, start)
      } finally {
        fs.closeSync(fd)
      }
      const last = index === status.chunks - 1
      if (last) fs.rmSync(entry.file, { force: true })
      return { chunkBase64: buffer.toString('base64'), last }
    },
    dispose(): void {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

export type ExportStore = ReturnType<typeof createExportStore>
