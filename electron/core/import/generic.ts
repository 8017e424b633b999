import { createHash } from 'node:crypto'
import type { CountryCode } from 'libphonenumber-js'
import { z } from 'zod'
import { INTENT_SCALES } from '../../../shared/domain/intent'
import { cell, mappedColumn, readHeaderRows } from './columns'
import { openCsv } from './csvSource'
import type { CsvOptions } from './csvSource'
import {
  DuplicateIds,
  NO_ANSWER,
  SkipRow,
  hasAnswer,
  makeCustomerKey,
  readComment,
  readIntent,
  readNps,
  rowResult,
} from './feedbackFields'
import type { CellValue } from './feedbackFields'
import type { ByteSource } from './input'
import { readJsonRecords } from './jsonSource'
import {
  KEY_ALIASES,
  churnSpec,
  contactPointSpec,
  customerSpec,
  keyFromColumns,
  normalizeName,
  ticketSpec,
  usageSpec,
} from './recordSpecs'
import type { BuildContext, FieldGetter, RecordSpec } from './recordSpecs'
import { CUSTOMER_KEY_KINDS, ImportFormatError, ValueError } from './types'
import type {
  ChurnRecord,
  ColumnMapping,
  ContactPointRecord,
  CustomerKey,
  CustomerKeyKind,
  CustomerRecord,
  FeedbackRecord,
  RowResult,
  TicketRecord,
  UsageRecord,
} from './types'
import { isTimeZone, parseLanguage, parseTimestampValue, textOrNull } from './values'
import type { NumberFormat } from './values'

/**
 * Generic CSV (comma or semicolon, German or English numbers and dates) and JSON array / NDJSON
 * readers, one record type per file: feedback (through a ColumnMapping), customers, usage, tickets
 * and churn events (through built-in column names that a caller may override).
 */

// ---------------------------------------------------------------------------------------------
// Column mapping for feedback

export const columnMappingSchema = z.object({
  nps: z.string().min(1).optional(),
  intent: z.string().min(1).optional(),
  intentScale: z.enum(INTENT_SCALES).optional(),
  comment: z.string().min(1).optional(),
  customerKey: z.string().min(1),
  customerKeyKind: z.enum(CUSTOMER_KEY_KINDS),
  responseId: z.string().min(1).optional(),
  answeredAt: z.string().min(1).optional(),
  language: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  numberFormat: z.enum(['de', 'en']).optional(),
  timeZone: z.string().refine(isTimeZone, 'not a known time zone').optional(),
})

/** Validates a mapping loaded from settings (or sent by the UI); throws ImportFormatError. */
export function parseColumnMapping(value: unknown): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`)
    throw new ImportFormatError(`the column mapping is not valid: ${issues.join('; ')}`)
  }
  const m = parsed.data
  if (!m.nps && !m.intent && !m.comment) {
    throw new ImportFormatError('the column mapping names no NPS, intent or comment column')
  }
  if (m.intent && !m.intentScale)
    throw new ImportFormatError('the column mapping names an intent column but no scale')
  return m
}

type FeedbackRole = 'responseId' | 'answeredAt' | 'nps' | 'intent' | 'comment' | 'language' | 'channel'

const FEEDBACK_ALIASES: Record<FeedbackRole, string[]> = {
  responseId: ['responseid', 'antwortid', 'surveyresponseid', 'id'],
  answeredAt: [
    'answeredat',
    'antwortdatum',
    'date',
    'datum',
    'timestamp',
    'zeitstempel',
    'recordeddate',
    'submittedat',
    'createdat',
  ],
  nps: ['nps', 'npsscore', 'score', 'weiterempfehlung', 'empfehlung'],
  intent: ['intent', 'purchaseintent', 'kaufabsicht', 'wiederkaufabsicht', 'repurchaseintent'],
  comment: ['comment', 'kommentar', 'freitext', 'feedback', 'anmerkung', 'bemerkung', 'text'],
  language: ['language', 'sprache'],
  channel: ['channel', 'kanal'],
}

function findByAliases(names: readonly string[], aliases: readonly string[]): number {
  const normalized = names.map(normalizeName)
  for (const alias of aliases) {
    const i = normalized.indexOf(alias)
    if (i !== -1) return i
  }
  return -1
}

/**
 * A first guess of the mapping from the header (or JSON keys), for the mapping step to show
 * pre-filled. The intent scale is only a default: the user must confirm it.
 */
export function suggestFeedbackMapping(header: readonly string[]): Partial<ColumnMapping> {
  const out: Partial<ColumnMapping> = {}
  for (const role of Object.keys(FEEDBACK_ALIASES) as FeedbackRole[]) {
    const i = findByAliases(header, FEEDBACK_ALIASES[role])
    if (i !== -1) out[role] = header[i]
  }
  for (const kind of CUSTOMER_KEY_KINDS) {
    const i = findByAliases(header, KEY_ALIASES[kind])
    if (i !== -1) {
      out.customerKey = header[i]
      out.customerKeyKind = kind
      break
    }
  }
  if (out.intent) out.intentScale = '0-10'
  return out
}

// ---------------------------------------------------------------------------------------------
// Feedback

export interface FeedbackReadOptions extends CsvOptions {
  /** the source name stored with every response (also the key the mapping is saved under) */
  source: string
  region?: CountryCode
}

/**
 * A stable id for a row without a response id column: re-importing the same file gives the same
 * ids, so nothing is added twice.
 */
function contentId(record: Omit<FeedbackRecord, 'sourceResponseId' | 'source'>): string {
  const basis = [
    record.customerKey.kind,
    record.customerKey.value,
    record.answeredAt,
    record.nps,
    record.intentRaw,
    record.comment,
  ].join('\u001f')
  return `row-${createHash('sha1').update(basis).digest('hex').slice(0, 20)}`
}

function buildFeedback(
  get: (role: FeedbackRole | 'customerKey') => CellValue,
  mapping: ColumnMapping,
  ctx: BuildContext,
  source: string,
  line: number,
  duplicates: DuplicateIds,
): FeedbackRecord {
  const customerKey = makeCustomerKey(mapping.customerKeyKind, get('customerKey'), ctx)
  const at = get('answeredAt')
  if (at == null || String(at).trim() === '') throw new ValueError('missing answer date')
  const answeredAt = timestampOf(at, ctx)
  const scale = mapping.intentScale ?? '0-10'
  const intentRaw = readIntent(get('intent'), scale, ctx.numberFormat)
  const partial = {
    customerKey,
    answeredAt,
    nps: readNps(get('nps'), ctx.numberFormat),
    intentRaw,
    intentScale: intentRaw === null ? null : scale,
    comment: readComment(get('comment')),
    language: parseLanguage(stringOf(get('language'))),
    channel: textOrNull(stringOf(get('channel'))),
  }
  const idCell = stringOf(get('responseId')).trim()
  if (mapping.responseId && idCell === '') throw new ValueError('missing response id')
  const id = idCell === '' ? contentId(partial) : idCell
  const duplicate = duplicates.check(id, line)
  if (duplicate) throw new ValueError(duplicate)
  const record: FeedbackRecord = { source, sourceResponseId: id, ...partial }
  if (!hasAnswer(record)) throw new SkipRow(NO_ANSWER)
  return record
}

function stringOf(value: CellValue): string {
  return value == null ? '' : String(value)
}

function timestampOf(value: string | number, ctx: BuildContext): number {
  return parseTimestampValue(value, ctx.timeZone)
}

function context(
  options: { numberFormat?: 'de' | 'en'; timeZone?: string; region?: CountryCode },
  delimiter: string | null,
): BuildContext {
  const numberFormat: NumberFormat = options.numberFormat ?? (delimiter === ';' ? 'de' : 'auto')
  const ctx: BuildContext = { numberFormat, timeZone: options.timeZone ?? 'Europe/Berlin' }
  if (options.region) ctx.region = options.region
  return ctx
}

/** Streams a generic feedback CSV read through a column mapping. */
export async function* readFeedbackCsv(
  source: ByteSource,
  mapping: ColumnMapping,
  options: FeedbackReadOptions,
): AsyncGenerator<RowResult<FeedbackRecord>> {
  const valid = parseColumnMapping(mapping)
  if (!valid.answeredAt) throw new ImportFormatError('the column mapping names no answer-date column')
  const file = await openCsv(source, options)
  const [header = []] = await readHeaderRows(file.rows, 1)
  const index: Record<FeedbackRole | 'customerKey', number | null> = {
    customerKey: mappedColumn(header, valid.customerKey, 'the customer key'),
    responseId: mappedColumn(header, valid.responseId, 'the response id'),
    answeredAt: mappedColumn(header, valid.answeredAt, 'the answer date'),
    nps: mappedColumn(header, valid.nps, 'NPS'),
    intent: mappedColumn(header, valid.intent, 'purchase intent'),
    comment: mappedColumn(header, valid.comment, 'the comment'),
    language: mappedColumn(header, valid.language, 'the language'),
    channel: mappedColumn(header, valid.channel, 'the channel'),
  }
  const ctx = context({ ...valid, ...(options.region ? { region: options.region } : {}) }, file.delimiter)
  const duplicates = new DuplicateIds()
  for await (const row of file.rows) {
    if (!row.ok) {
      yield row
      continue
    }
    const fields = row.fields
    const get = (role: FeedbackRole | 'customerKey'): CellValue => {
      const i = index[role]
      return i === null ? null : cell(fields, i)
    }
    yield rowResult(row.line, () => buildFeedback(get, valid, ctx, options.source, row.line, duplicates))
  }
}

export interface FeedbackJsonOptions {
  source: string
  /** property names; without it the usual names (nps, comment, customer_no, answered_at, …) are used */
  mapping?: ColumnMapping
  region?: CountryCode
  chunkSize?: number
}

/** A JSON value as a cell: strings and numbers as they are, objects and arrays refused. */
function jsonCell(value: unknown, name: string): CellValue {
  if (value == null) return null
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return String(value)
  throw new ValueError(`"${name}" is not a single value`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Looks up properties by exact name, else by the normalised names of the aliases. */
class JsonRow {
  private normalized: Map<string, string> | null = null

  constructor(readonly obj: Record<string, unknown>) {}

  byName(name: string): CellValue {
    if (name in this.obj) return jsonCell(this.obj[name], name)
    return this.byAliases([normalizeName(name)])
  }

  byAliases(aliases: readonly string[]): CellValue {
    if (!this.normalized) this.normalized = new Map(Object.keys(this.obj).map((k) => [normalizeName(k), k]))
    for (const alias of aliases) {
      const key = this.normalized.get(alias)
      if (key !== undefined) return jsonCell(this.obj[key], key)
    }
    return null
  }
}

/** Streams feedback from a JSON array or NDJSON file. */
export async function* readFeedbackJson(
  source: ByteSource,
  options: FeedbackJsonOptions,
): AsyncGenerator<RowResult<FeedbackRecord>> {
  const mapping = options.mapping ? parseColumnMapping(options.mapping) : null
  const ctx = context({ ...(mapping ?? {}), numberFormat: mapping?.numberFormat ?? 'en' }, null)
  if (options.region) ctx.region = options.region
  const duplicates = new DuplicateIds()
  for await (const item of readJsonRecords(source, options)) {
    if (!item.ok) {
      yield item
      continue
    }
    const value = item.value
    yield rowResult(item.line, (): FeedbackRecord => {
      if (!isRecord(value)) throw new ValueError('not a JSON object')
      const row = new JsonRow(value)
      let effective: ColumnMapping
      let get: (role: FeedbackRole | 'customerKey') => CellValue
      if (mapping) {
        effective = mapping
        get = (role) => {
          const name = role === 'customerKey' ? mapping.customerKey : mapping[role]
          return name === undefined ? null : row.byName(name)
        }
      } else {
        const kind = CUSTOMER_KEY_KINDS.find((k) => row.byAliases(KEY_ALIASES[k]) != null)
        if (!kind) throw new ValueError('missing customer key')
        const scale = row.byAliases(['intentscale'])
        effective = {
          customerKey: kind,
          customerKeyKind: kind,
          intentScale: typeof scale === 'string' && isScale(scale) ? scale : '0-10',
          responseId: row.byAliases(FEEDBACK_ALIASES.responseId) == null ? undefined : 'id',
        }
        get = (role) =>
          role === 'customerKey' ? row.byAliases(KEY_ALIASES[kind]) : row.byAliases(FEEDBACK_ALIASES[role])
      }
      return buildFeedback(get, effective, ctx, options.source, item.line, duplicates)
    })
  }
}

function isScale(value: string): value is (typeof INTENT_SCALES)[number] {
  return (INTENT_SCALES as readonly string[]).includes(value)
}

// ---------------------------------------------------------------------------------------------
// Customers, usage, tickets, churn

export interface RecordReadOptions extends CsvOptions {
  /** field name → column header (CSV) or property name (JSON), replacing the built-in names */
  columns?: Record<string, string>
  /** the column naming the customer; default: the first filled of customer no., e-mail, phone */
  customerKey?: { column: string; kind: CustomerKeyKind }
  numberFormat?: 'de' | 'en'
  timeZone?: string
  region?: CountryCode
}

async function* readCsvRecords<T, F extends string, R>(
  spec: RecordSpec<T, F>,
  source: ByteSource,
  options: RecordReadOptions,
  finish: (record: T, key: CustomerKey | null) => R,
): AsyncGenerator<RowResult<R>> {
  const file = await openCsv(source, options)
  const [header = []] = await readHeaderRows(file.rows, 1)
  const fields = Object.keys(spec.aliases) as F[]
  const index = {} as Record<F, number | null>
  for (const f of fields) {
    const override = options.columns?.[f]
    const i = override ? mappedColumn(header, override, f) : findByAliases(header, spec.aliases[f])
    index[f] = i === null || i === -1 ? null : i
  }
  const missing = spec.required.filter((f) => index[f] === null)
  if (missing.length > 0) {
    const expected = missing.map((f) => `${f} (e.g. ${spec.aliases[f].slice(0, 3).join(', ')})`)
    throw new ImportFormatError(`the ${spec.what} file has no column for ${expected.join('; ')}`)
  }
  let keyColumns: { kind: CustomerKeyKind; index: number }[] = []
  if (spec.needsCustomerKey) {
    if (options.customerKey) {
      const i = mappedColumn(header, options.customerKey.column, 'the customer key') ?? -1
      keyColumns = [{ kind: options.customerKey.kind, index: i }]
    } else {
      for (const kind of CUSTOMER_KEY_KINDS) {
        const i = findByAliases(header, KEY_ALIASES[kind])
        if (i !== -1) keyColumns.push({ kind, index: i })
      }
    }
    if (keyColumns.length === 0) {
      throw new ImportFormatError(
        `the ${spec.what} file has no customer key column (customer number, e-mail or phone)`,
      )
    }
  }
  const ctx = context(options, file.delimiter)
  const duplicates = new DuplicateIds()
  for await (const row of file.rows) {
    if (!row.ok) {
      yield row
      continue
    }
    const cells = row.fields
    const get: FieldGetter<F> = (f) => {
      const i = index[f]
      return i === null ? null : cell(cells, i)
    }
    yield rowResult(row.line, () => {
      const key = spec.needsCustomerKey
        ? keyFromColumns(
            keyColumns.map((k) => ({ kind: k.kind, value: cell(cells, k.index) })),
            ctx,
          )
        : null
      const record = spec.build(get, key, ctx)
      const id = spec.identity?.(record)
      if (id) {
        const duplicate = duplicates.check(id, row.line, spec.identityLabel)
        if (duplicate) throw new ValueError(duplicate)
      }
      return finish(record, key)
    })
  }
}

async function* readJsonRecordsOf<T, F extends string, R>(
  spec: RecordSpec<T, F>,
  source: ByteSource,
  options: RecordReadOptions,
  finish: (record: T, key: CustomerKey | null) => R,
): AsyncGenerator<RowResult<R>> {
  const ctx = context({ ...options, numberFormat: options.numberFormat ?? 'en' }, null)
  const duplicates = new DuplicateIds()
  for await (const item of readJsonRecords(source, options)) {
    if (!item.ok) {
      yield item
      continue
    }
    const value = item.value
    yield rowResult(item.line, () => {
      if (!isRecord(value)) throw new ValueError('not a JSON object')
      const row = new JsonRow(value)
      const get: FieldGetter<F> = (f) => {
        const override = options.columns?.[f]
        return override ? row.byName(override) : row.byAliases(spec.aliases[f])
      }
      let key: CustomerKey | null = null
      if (spec.needsCustomerKey) {
        key = options.customerKey
          ? makeCustomerKey(options.customerKey.kind, row.byName(options.customerKey.column), ctx)
          : keyFromColumns(
              CUSTOMER_KEY_KINDS.map((kind) => ({ kind, value: row.byAliases(KEY_ALIASES[kind]) })),
              ctx,
            )
      }
      const record = spec.build(get, key, ctx)
      const id = spec.identity?.(record)
      if (id) {
        const duplicate = duplicates.check(id, item.line, spec.identityLabel)
        if (duplicate) throw new ValueError(duplicate)
      }
      return finish(record, key)
    })
  }
}

function withKey<T>(record: T, key: CustomerKey | null): T & { customerKey: CustomerKey } {
  if (!key) throw new ValueError('missing customer key')
  return { ...record, customerKey: key }
}

const same = <T>(record: T): T => record

export function readCustomersCsv(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<CustomerRecord>> {
  return readCsvRecords(customerSpec, source, options, same)
}
export function readCustomersJson(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<CustomerRecord>> {
  return readJsonRecordsOf(customerSpec, source, options, same)
}
export function readContactPointsCsv(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<ContactPointRecord>> {
  return readCsvRecords(contactPointSpec, source, options, withKey)
}
export function readContactPointsJson(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<ContactPointRecord>> {
  return readJsonRecordsOf(contactPointSpec, source, options, withKey)
}
export function readUsageCsv(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<UsageRecord>> {
  return readCsvRecords(usageSpec, source, options, withKey)
}
export function readUsageJson(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<UsageRecord>> {
  return readJsonRecordsOf(usageSpec, source, options, withKey)
}
export function readTicketsCsv(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<TicketRecord>> {
  return readCsvRecords(ticketSpec, source, options, withKey)
}
export function readTicketsJson(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<TicketRecord>> {
  return readJsonRecordsOf(ticketSpec, source, options, withKey)
}
export function readChurnCsv(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<ChurnRecord>> {
  return readCsvRecords(churnSpec, source, options, withKey)
}
export function readChurnJson(
  source: ByteSource,
  options: RecordReadOptions = {},
): AsyncGenerator<RowResult<ChurnRecord>> {
  return readJsonRecordsOf(churnSpec, source, options, withKey)
}
