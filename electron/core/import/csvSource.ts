import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { CsvError, InfoRecord, Options } from 'csv-parse'
import { describeBadByte, prepareInput } from './input'
import type { BadByte, ByteSource, InputOptions, PreparedInput } from './input'

/**
 * Streams the rows of a CSV file with csv-parse, turning everything that can go wrong in one row
 * (short rows, broken quotes, bytes that are not UTF-8) into a row error with the physical line
 * the row starts on, and carrying on with the next row.
 */

export type CsvDelimiter = ',' | ';' | '\t'

export type CsvRow =
  { ok: true; line: number; endLine: number; fields: string[] } | { ok: false; line: number; reason: string }

export interface CsvOptions extends InputOptions {
  /** skip detection and use this delimiter */
  delimiter?: CsvDelimiter
  /** report rows whose field count differs from the first row's (default true) */
  checkColumnCount?: boolean
}

export interface CsvFile {
  delimiter: CsvDelimiter
  hadBom: boolean
  /** every row including the header row(s); iterate once */
  rows: AsyncGenerator<CsvRow>
}

/** Picks the delimiter that occurs most often outside quotes in the header line (ties: comma). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let comma = 0
  let semicolon = 0
  let tab = 0
  let quoted = false
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i)
    if (c === 34) quoted = !quoted
    else if (quoted) continue
    else if (c === 44) comma++
    else if (c === 59) semicolon++
    else if (c === 9) tab++
  }
  if (tab > comma && tab > semicolon) return '\t'
  if (semicolon > comma) return ';'
  return ','
}

const SEP_LINE = /^sep=(.)$/i

/**
 * Opens a CSV source: checks the encoding family, strips a BOM, honours an Excel "sep=;" line and
 * detects the delimiter. Throws ImportFormatError when the file cannot be read at all.
 */
export async function openCsv(source: ByteSource, options: CsvOptions = {}): Promise<CsvFile> {
  const input = await prepareInput(source, options)
  let delimiter = options.delimiter
  const sep = SEP_LINE.exec(input.firstLine)
  if (sep) {
    input.skipFirstLine()
    const c = sep[1]
    if (!delimiter && (c === ',' || c === ';' || c === '\t')) delimiter = c
  }
  delimiter ??= detectDelimiter(input.firstLine)
  return {
    delimiter,
    hadBom: input.hadBom,
    rows: readRows(input, delimiter, options.checkColumnCount ?? true),
  }
}

/** Line breaks inside a record's raw text, not counting the one that ends it. */
function breaksInside(raw: string): number {
  let end = raw.length
  const last = raw.charCodeAt(end - 1)
  if (last === 10 || last === 13) end--
  let n = 0
  for (let i = raw.indexOf('\n'); i !== -1 && i < end; i = raw.indexOf('\n', i + 1)) n++
  // CRLF was turned into LF before parsing, so a CR left over is a line break of its own
  for (let i = raw.indexOf('\r'); i !== -1 && i < end; i = raw.indexOf('\r', i + 1)) n++
  return n
}

function isEmptyRow(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false
  return true
}

function describeCsvError(err: CsvError, line: number, detectedOn: number): string {
  switch (err.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'broken quotes: text follows a closing quote (a quote inside a quoted value must be doubled: "")'
    case 'INVALID_OPENING_QUOTE':
      return 'broken quotes: a quote appears inside an unquoted value (quote the whole value and double the inner quotes)'
    case 'CSV_QUOTE_NOT_CLOSED':
      return `broken quotes: a quoted value opened here is never closed; lines ${line}–${detectedOn} were not read`
    default:
      return err.message
  }
}

interface RawRecord {
  record: string[]
  raw: string
}

type Emitted = CsvRow | CsvRow[]

async function* readRows(
  input: PreparedInput,
  delimiter: CsvDelimiter,
  checkColumnCount: boolean,
): AsyncGenerator<CsvRow> {
  const lineOffset = input.linesSkipped
  // Errors arrive through on_skip while the parser works; they wait here until the next good row,
  // which also tells where the broken row ended.
  let pending: { line: number; reason: string; namesItsLines: boolean }[] = []
  let lastErrorLine = -1
  let expectedFields = -1
  let prevEndByte = 0
  let badIndex = 0

  const onSkip = (err: CsvError | undefined, raw: string | undefined): undefined => {
    if (!err) return undefined
    const detectedOn = Number(err['lines'] ?? 0) + lineOffset
    const line = detectedOn - breaksInside(raw ?? '')
    // csv-parse can complain several times about one broken row; report it once
    if (line === lastErrorLine) return undefined
    lastErrorLine = line
    pending.push({
      line,
      reason: describeCsvError(err, line, detectedOn),
      namesItsLines: err.code === 'CSV_QUOTE_NOT_CLOSED',
    })
    return undefined
  }

  const flushPending = (nextLine: number | null): CsvRow[] => {
    const out: CsvRow[] = pending.map((p, i) => {
      // a broken row ends where the next row (broken or not) starts
      const end = (i + 1 < pending.length ? pending[i + 1]?.line : nextLine) ?? null
      const spans = !p.namesItsLines && end !== null && end - 1 > p.line
      return {
        ok: false as const,
        line: p.line,
        reason: spans
          ? `${p.reason}; lines ${p.line}–${end - 1} were read as one broken row and skipped`
          : p.reason,
      }
    })
    pending = []
    return out
  }

  const takeBadByte = (endByte: number): string => {
    const bad = input.badBytes
    let first: BadByte | undefined
    for (; badIndex < bad.length; badIndex++) {
      const b = bad[badIndex]
      if (!b || b.streamOffset >= endByte) break
      if (!first && b.streamOffset >= prevEndByte) first = b
    }
    return describeBadByte(first)
  }

  const onRecord = (rec: RawRecord, info: InfoRecord): Emitted | undefined => {
    const raw = rec.raw
    const endLine = info.lines + lineOffset
    const line = endLine - breaksInside(raw)
    const fields = rec.record
    let row: CsvRow | null = null
    if (input.sawBadBytes && raw.includes('\uFFFD')) {
      row = { ok: false, line, reason: takeBadByte(info.bytes) }
    } else if (isEmptyRow(fields)) {
      row = null // blank lines and Excel's ";;;;" rows carry nothing
    } else if (checkColumnCount && expectedFields !== -1 && fields.length !== expectedFields) {
      const hint =
        fields.length > expectedFields
          ? ` (an unquoted "${delimiter}" inside a value splits it)`
          : endLine > line
            ? ' (a quote may be missing, so several lines were read as one row)'
            : ''
      row = { ok: false, line, reason: `expected ${expectedFields} columns, found ${fields.length}${hint}` }
    } else {
      if (expectedFields === -1) expectedFields = fields.length
      row = { ok: true, line, endLine, fields }
    }
    prevEndByte = info.bytes
    if (pending.length === 0) return row ?? undefined
    const out = flushPending(line)
    if (row) out.push(row)
    return out
  }

  const options: Options = {
    delimiter,
    bom: false, // handled (and checked) by prepareInput
    raw: true,
    relax_column_count: true, // a short row is a row error, not the end of the import
    skip_empty_lines: false, // keeps csv-parse's line counter and ours in step
    skip_records_with_error: true,
    on_skip: onSkip,
    // the pushed record is { record, raw } because of raw: true, which the typings do not model
    on_record: onRecord as unknown as Options['on_record'],
  }
  const parser = parse(options)
  const src = Readable.from(input.chunks(), { objectMode: false })
  src.on('error', (err) => parser.destroy(err))
  src.pipe(parser)
  try {
    for await (const item of parser as AsyncIterable<Emitted>) {
      if (Array.isArray(item)) yield* item
      else yield item
    }
    yield* flushPending(null)
  } finally {
    src.destroy()
  }
}

/** Reads the header and the first rows for the column-mapping step. */
export async function previewCsv(
  source: ByteSource,
  rows = 5,
  options: CsvOptions = {},
): Promise<{ delimiter: CsvDelimiter; header: string[]; rows: string[][] }> {
  const file = await openCsv(source, options)
  let header: string[] | null = null
  const sample: string[][] = []
  for await (const row of file.rows) {
    if (!row.ok) continue
    if (!header) header = row.fields
    else sample.push(row.fields)
    if (sample.length >= rows) break
  }
  return { delimiter: file.delimiter, header: header ?? [], rows: sample }
}
