import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract'
import { call } from '../api/transport'

/** Pure helpers of the import view: upload in chunks, format guess, the CSV of rejected rows. */

export type ImportFormat = ResponseOf<'import.preview'>['format']
export type ImportPreview = ResponseOf<'import.preview'>
export type ColumnMapping = ImportPreview['mapping']
export type ImportJobStatus = ResponseOf<'import.status'>
export type ImportReport = NonNullable<ImportJobStatus['report']>
export type ImportReject = ImportReport['rejects'][number]
export type ExportKind = RequestOf<'export.start'>['kind']
export type ExportStatus = ResponseOf<'export.status'>
export const EXPORT_KINDS: readonly ExportKind[] = ['customers', 'feedback', 'loops']

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  'qualtrics',
  'formbricks',
  'formbricks-webhook',
  'generic-csv',
  'json',
]

export type ImportType = NonNullable<RequestOf<'import.start'>['type']>
export const IMPORT_TYPES: readonly ImportType[] = [
  'feedback',
  'customers',
  'contact_points',
  'usage',
  'tickets',
  'churn',
]
/** Survey exports (Qualtrics, Formbricks) hold answers only; the CRM record types come as CSV or JSON. */
export const RECORD_FORMATS: readonly ImportFormat[] = ['generic-csv', 'json']

/** Bytes per import.upload call: 384 KiB become 512 KiB of base64, below the contract's limit. */
export const UPLOAD_CHUNK_BYTES = 384 * 1024
/** Bytes turned into a string at a time (String.fromCharCode takes them as arguments). */
const ENCODE_SLICE_BYTES = 32 * 1024
/** The contract allows file names of up to 255 characters. */
const MAX_FILE_NAME = 255

/** Base64 of a byte array, built from 32 KiB slices so no call gets a giant argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  for (let i = 0; i < bytes.length; i += ENCODE_SLICE_BYTES) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + ENCODE_SLICE_BYTES)))
  }
  return btoa(parts.join(''))
}

/** The name sent with the upload: never empty, at most 255 characters (the end, with the extension, is kept). */
export function uploadFileName(name: string): string {
  const trimmed = name.trim() || 'upload'
  return trimmed.length > MAX_FILE_NAME ? trimmed.slice(-MAX_FILE_NAME) : trimmed
}

export interface UploadOptions {
  /** sent and total bytes after each acknowledged chunk */
  onProgress(sent: number, total: number): void
  /** true when the upload is no longer wanted (another file chosen, view reset) */
  isStale(): boolean
}

/**
 * Sends a file to the core in chunks via import.upload and returns the upload id, or null when the
 * upload became stale on the way. Reads with file.slice(), so only one chunk is in memory at a time.
 */
export async function uploadFile(
  file: Blob & { name: string },
  options: UploadOptions,
): Promise<string | null> {
  const fileName = uploadFileName(file.name)
  const total = file.size
  let uploadId: string | undefined
  let offset = 0
  do {
    const end = Math.min(offset + UPLOAD_CHUNK_BYTES, total)
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer())
    if (options.isStale()) return null
    const answer = await call('import.upload', {
      ...(uploadId !== undefined ? { uploadId } : {}),
      fileName,
      chunkBase64: bytesToBase64(bytes),
      last: end >= total,
    })
    if (options.isStale()) return null
    uploadId = answer.uploadId
    offset = end
    options.onProgress(offset, total)
  } while (offset < total)
  return uploadId ?? null
}

const JSON_EXTENSIONS = /\.(json|ndjson|jsonl)$/i

/** The format when the file name makes it obvious (.json, .ndjson, .jsonl). */
export function formatFromFileName(name: string): ImportFormat | null {
  return JSON_EXTENSIONS.test(name.trim()) ? 'json' : null
}

/**
 * The format when the start of the file or its name gives it away: a Qualtrics export starts with
 * ResponseId/RecordedDate column ids, a Formbricks export with "Response ID" and "Timestamp".
 * null when unsure (the core then detects the format itself).
 */
export function guessFormat(name: string, head: string): ImportFormat | null {
  const byName = formatFromFileName(name)
  if (byName === 'json' && isFormbricksWebhook(head)) return 'formbricks-webhook'
  if (byName) return byName
  const firstLine = (head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').toLowerCase()
  const trimmed = head.replace(/^\uFEFF/, '').trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    return isFormbricksWebhook(head) ? 'formbricks-webhook' : 'json'
  if (firstLine.includes('responseid') && firstLine.includes('recordeddate')) return 'qualtrics'
  if (firstLine.includes('response id') && firstLine.includes('timestamp')) return 'formbricks'
  if (/qualtrics/i.test(name)) return 'qualtrics'
  if (/formbricks/i.test(name)) return 'formbricks'
  return null
}

/** A JSON file of Formbricks response webhooks: its first record names a response event. */
function isFormbricksWebhook(head: string): boolean {
  return /"event"\s*:\s*"response(?:Created|Updated|Finished)"/.test(head)
}

/** The first few KiB of a file as text, for guessFormat. */
export async function readHead(file: Blob, bytes = 4096): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(await file.slice(0, bytes).arrayBuffer())
  } catch {
    return ''
  }
}

/** A mapping as the contract wants it: fields left on "automatic" are not sent. */
export function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(mapping)) {
    if (typeof value === 'string' && value !== '') out[key] = value
    else if (Array.isArray(value) && value.length > 0) out[key] = value.filter((v) => v !== '')
  }
  return out as ColumnMapping
}

/** RFC 4180 quoting; cells Excel would run as formulas are defused with a leading quote. */
export function csvCell(value: string | number, delimiter = ';'): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text
}

export const REPORT_COUNTS = ['imported', 'updated', 'duplicates', 'skipped', 'rejected'] as const
export type ReportCount = (typeof REPORT_COUNTS)[number]

/**
 * The import report as a CSV Excel opens correctly (UTF-8 with BOM, ';', CRLF line ends): the
 * counts first (one "label;number" line each), an empty line, then the rejected rows with their
 * line and reason.
 */
export function rejectsCsv(
  report: Pick<ImportReport, ReportCount | 'rejects'>,
  labels: { line: string; reason: string; counts: Record<ReportCount, string> },
): string {
  const rows: (readonly (string | number)[])[] = [
    ...REPORT_COUNTS.map((key) => [labels.counts[key], report[key]] as const),
    [],
    [labels.line, labels.reason],
    ...report.rejects.map((r) => [r.line, r.reason] as const),
  ]
  const lines = rows.map((cells) => cells.map((c) => csvCell(c)).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Downloads text as a file through a temporary Blob URL and <a download>. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type }), fileName)
}

/** Downloads a Blob as a file through a temporary object URL and <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has started by now; give slow machines a moment before the URL goes away.
    window.setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}

/** The file name without its extension, safe to use in a download name. */
export function baseName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '')
  const safe = stem.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '')
  return (safe || 'import').slice(0, 80)
}

/** Decodes base64 into bytes (the chunks of an export). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

export interface ExportOptions {
  /** the export's status while it is written, then once more when it is done */
  onStatus(status: ExportStatus): void
  /** true when the result is no longer wanted (view left) */
  isStale(): boolean
  pollMs?: number
}

/**
 * Has the core write an export, waits for it and fetches it in chunks (export.start, export.status,
 * export.chunk: the mirror of the upload), as one Blob; null when it became stale on the way.
 */
export async function fetchExport(
  kind: ExportKind,
  delimiter: ',' | ';',
  options: ExportOptions,
): Promise<{ blob: Blob; status: ExportStatus } | null> {
  let status = await call('export.start', { kind, delimiter })
  while (status.state === 'running') {
    options.onStatus(status)
    await new Promise((resolve) => window.setTimeout(resolve, options.pollMs ?? 250))
    if (options.isStale()) return null
    status = await call('export.status', { exportId: status.exportId })
  }
  options.onStatus(status)
  if (status.state === 'failed') throw new Error(status.error ?? 'export failed')
  const parts: Uint8Array<ArrayBuffer>[] = []
  for (let index = 0; index < status.chunks; index++) {
    const chunk = await call('export.chunk', { exportId: status.exportId, index })
    if (options.isStale()) return null
    parts.push(base64ToBytes(chunk.chunkBase64))
  }
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), status }
}
