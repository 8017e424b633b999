import type { CountryCode } from 'libphonenumber-js'
import { z } from 'zod'
import type { IntentScale } from '../../../shared/domain/intent'
import { INTENT_SCALES } from '../../../shared/domain/intent'
import { FormbricksWebhookSchema } from '../../../shared/ipc/schemas'
import { cell, columnIndex, mappedColumn, readHeaderRows, suggestedMapping } from './columns'
import { openCsv } from './csvSource'
import type { CsvOptions } from './csvSource'
import {
  DuplicateIds,
  INTENT_QUESTION,
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
import { guessIntentScale } from './qualtrics'
import { CUSTOMER_KEY_KINDS, ImportFormatError, ValueError } from './types'
import type { ColumnMapping, CustomerKey, CustomerKeyKind, FeedbackRecord, RowResult } from './types'
import { parseBoolean, parseLanguage, parseTimestamp, textOrNull } from './values'

/**
 * Formbricks responses, from the CSV export and from webhooks. Both use the response id as
 * sourceResponseId and both truncate the answer time to whole seconds (the CSV has no more), so a
 * response that arrives both ways yields the same record and the importer stores it once.
 */

export const FORMBRICKS_SOURCE = 'formbricks'

/** How a response names its customer when the contact has no userId: a contact attribute or hidden field. */
export interface FallbackKey {
  name: string
  kind: CustomerKeyKind
}

const DEFAULT_FALLBACK: FallbackKey = { name: 'email', kind: 'email' }

export interface FormbricksCsvOptions extends CsvOptions {
  /** overrides by column header, e.g. { nps: '1. Wie wahrscheinlich …' } */
  mapping?: Partial<ColumnMapping>
  /** what "User ID" holds (default customer_no) */
  userIdKind?: CustomerKeyKind
  /** column used when "User ID" is empty (default: an "email" column, as e-mail) */
  fallbackKey?: FallbackKey
  /** zone for timestamps without a zone suffix (default UTC, what Formbricks servers write) */
  timeZone?: string
  /** leave out responses with Finished = No (default: keep them, a partial answer still counts) */
  skipUnfinished?: boolean
  region?: CountryCode
}

const NPS_HINT = /weiterempfehl|empfehlen|recommend/i
const TEXT_HINT =
  /warum|weshalb|wieso|why|grund|reason|kommentar|comment|anmerk|verbesser|improve|feedback|sonst|anything else|mitteilen|tell us/i
const QUESTION = /^\d+\.\s/
const OPTION_ID = ' - Option ID'

export interface FormbricksCsvLayout {
  responseId: number
  timestamp: number
  finished: number | null
  userId: number | null
  fallbackKey: { index: number; kind: CustomerKeyKind } | null
  customerKey: { index: number; kind: CustomerKeyKind } | null
  nps: number | null
  intent: number | null
  intentScale: IntentScale
  comment: number | null
  language: number | null
  channel: number | null
}

/** Finds the columns of a Formbricks export: fixed columns by name, questions by their headline. */
export function detectFormbricksLayout(
  header: readonly string[],
  options: FormbricksCsvOptions = {},
): FormbricksCsvLayout {
  const mapping = options.mapping ?? {}
  const find = (name: string): number | null => {
    const i = columnIndex(header, name)
    return i === -1 ? null : i
  }
  const responseId = mappedColumn(header, mapping.responseId, 'the response id') ?? find('Response ID')
  const timestamp = mappedColumn(header, mapping.answeredAt, 'the answer date') ?? find('Timestamp')
  if (responseId === null || timestamp === null) {
    throw new ImportFormatError(
      'this is not a Formbricks response export: the columns "Response ID" and "Timestamp" are missing',
    )
  }
  // "<n>. <headline>"; choice questions add "<n>. <headline> - Option ID", so they are not free text
  const questions: number[] = []
  header.forEach((h, i) => {
    if (QUESTION.test(h) && !h.endsWith(OPTION_ID)) questions.push(i)
  })
  const isChoice = (i: number): boolean => header.includes(`${header[i] ?? ''}${OPTION_ID}`)
  const pick = (hint: RegExp, taken: (number | null)[]): number | null =>
    questions.find((i) => !taken.includes(i) && hint.test(header[i] ?? '')) ?? null

  const nps = mappedColumn(header, mapping.nps, 'NPS') ?? pick(NPS_HINT, [])
  const intent = mappedColumn(header, mapping.intent, 'purchase intent') ?? pick(INTENT_QUESTION, [nps])
  const comment =
    mappedColumn(header, mapping.comment, 'the comment') ??
    questions.find((i) => i !== nps && i !== intent && !isChoice(i) && TEXT_HINT.test(header[i] ?? '')) ??
    questions.find((i) => i !== nps && i !== intent && !isChoice(i)) ??
    null
  if (nps === null && intent === null && comment === null) {
    throw new ImportFormatError('no NPS, intent or comment question found; choose the columns in the mapping')
  }
  const keyColumn = mappedColumn(header, mapping.customerKey, 'the customer key')
  const fallback = options.fallbackKey ?? DEFAULT_FALLBACK
  const fallbackIndex = find(fallback.name)
  return {
    responseId,
    timestamp,
    finished: find('Finished'),
    userId: find('User ID'),
    fallbackKey: fallbackIndex === null ? null : { index: fallbackIndex, kind: fallback.kind },
    customerKey:
      keyColumn === null ? null : { index: keyColumn, kind: mapping.customerKeyKind ?? 'customer_no' },
    nps,
    intent,
    intentScale: mapping.intentScale ?? guessIntentScale(intent === null ? '' : (header[intent] ?? '')),
    comment,
    language: mappedColumn(header, mapping.language, 'the language') ?? find('Language'),
    channel: mappedColumn(header, mapping.channel, 'the channel') ?? find('source'),
  }
}

/** Formbricks answer times keep whole seconds: the CSV export has no more precision. */
function toWholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

function csvRecord(
  layout: FormbricksCsvLayout,
  fields: readonly string[],
  line: number,
  duplicates: DuplicateIds,
  options: FormbricksCsvOptions,
): FeedbackRecord {
  if (options.skipUnfinished && parseBoolean(cell(fields, layout.finished)) === false) {
    throw new SkipRow('skipped: response not finished')
  }
  const id = cell(fields, layout.responseId).trim()
  if (id === '') throw new ValueError('missing Response ID')
  const duplicate = duplicates.check(id, line)
  if (duplicate) throw new ValueError(duplicate)

  let customerKey: CustomerKey
  if (layout.customerKey) {
    customerKey = makeCustomerKey(layout.customerKey.kind, cell(fields, layout.customerKey.index), options)
  } else {
    const userId = cell(fields, layout.userId).trim()
    const fallback = layout.fallbackKey ? cell(fields, layout.fallbackKey.index).trim() : ''
    if (userId !== '') customerKey = makeCustomerKey(options.userIdKind ?? 'customer_no', userId, options)
    else if (layout.fallbackKey && fallback !== '')
      customerKey = makeCustomerKey(layout.fallbackKey.kind, fallback, options)
    else throw new ValueError('missing customer key: "User ID" is empty')
  }
  const intentRaw =
    layout.intent === null ? null : readIntent(cell(fields, layout.intent), layout.intentScale)
  const record: FeedbackRecord = {
    source: FORMBRICKS_SOURCE,
    sourceResponseId: id,
    customerKey,
    answeredAt: toWholeSeconds(parseTimestamp(cell(fields, layout.timestamp), options.timeZone ?? 'UTC')),
    nps: layout.nps === null ? null : readNps(cell(fields, layout.nps)),
    intentRaw,
    intentScale: intentRaw === null ? null : layout.intentScale,
    comment: layout.comment === null ? null : readComment(cell(fields, layout.comment)),
    language: parseLanguage(cell(fields, layout.language)),
    channel: textOrNull(cell(fields, layout.channel)),
  }
  if (!hasAnswer(record)) throw new SkipRow(NO_ANSWER)
  return record
}

/** What the automatic detection picks, as column headers, for the mapping step to show pre-filled. */
export async function suggestFormbricksMapping(
  source: ByteSource,
  options: FormbricksCsvOptions = {},
): Promise<Partial<ColumnMapping>> {
  const file = await openCsv(source, options)
  try {
    const [header = []] = await readHeaderRows(file.rows, 1)
    const layout = detectFormbricksLayout(header, options)
    const key = layout.customerKey ?? { index: layout.userId, kind: options.userIdKind ?? 'customer_no' }
    return suggestedMapping(header, { ...layout, answeredAt: layout.timestamp, key })
  } finally {
    await file.rows.return(undefined)
  }
}

/** Streams the responses of a Formbricks CSV export. */
export async function* readFormbricksCsv(
  source: ByteSource,
  options: FormbricksCsvOptions = {},
): AsyncGenerator<RowResult<FeedbackRecord>> {
  const file = await openCsv(source, options)
  const [header = []] = await readHeaderRows(file.rows, 1)
  const layout = detectFormbricksLayout(header, options)
  const duplicates = new DuplicateIds()
  for await (const row of file.rows) {
    yield row.ok
      ? rowResult(row.line, () => csvRecord(layout, row.fields, row.line, duplicates, options))
      : row
  }
}

// ---------------------------------------------------------------------------------------------
// Webhooks

/** Which question ids of the survey hold what; saved per source like a column mapping. */
export interface FormbricksWebhookMapping {
  nps?: string
  intent?: string
  intentScale?: IntentScale
  comment?: string
  /** what contact.userId holds (default customer_no) */
  userIdKind?: CustomerKeyKind
  /** contact attribute or hidden field used when there is no userId (default: email) */
  fallbackKey?: FallbackKey
}

export const formbricksWebhookMappingSchema = z.object({
  nps: z.string().min(1).optional(),
  intent: z.string().min(1).optional(),
  intentScale: z.enum(INTENT_SCALES).optional(),
  comment: z.string().min(1).optional(),
  userIdKind: z.enum(CUSTOMER_KEY_KINDS).optional(),
  fallbackKey: z.object({ name: z.string().min(1), kind: z.enum(CUSTOMER_KEY_KINDS) }).optional(),
})

/** The payload schema lives in the IPC contract: the dispatcher checks a webhook before it gets here. */
export const formbricksWebhookSchema = FormbricksWebhookSchema

export type FormbricksWebhook = z.infer<typeof formbricksWebhookSchema>

export type WebhookResult =
  | { ok: true; event: FormbricksWebhook['event']; record: FeedbackRecord }
  | { ok: false; reason: string; skipped?: true }

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ')
}

/** An answer as the cell helpers expect it; arrays and objects are not scores or comments. */
function answer(data: Record<string, unknown>, questionId: string | undefined, what: string): CellValue {
  if (questionId === undefined) return null
  const value = data[questionId]
  if (value == null || value === '') return null
  if (typeof value === 'number' || typeof value === 'string') return value
  throw new ValueError(`${what} answer (question ${questionId}) is not a single value`)
}

/**
 * Maps a Formbricks webhook payload to a feedback record. Invalid payloads and values give a
 * reason instead of throwing, so the receiving endpoint can answer and log without crashing.
 */
export function parseFormbricksWebhook(
  payload: unknown,
  mapping: FormbricksWebhookMapping,
  options: { region?: CountryCode } = {},
): WebhookResult {
  const parsed = formbricksWebhookSchema.safeParse(payload)
  if (!parsed.success)
    return { ok: false, reason: `not a Formbricks response webhook: ${describeIssues(parsed.error)}` }
  const { event, data: response } = parsed.data
  const result = rowResult(0, (): FeedbackRecord => {
    const answers = response.data
    let customerKey: CustomerKey
    const userId = response.contact?.userId?.trim() ?? ''
    const fallback = mapping.fallbackKey ?? DEFAULT_FALLBACK
    const fallbackValue = response.contactAttributes?.[fallback.name] ?? answers[fallback.name]
    if (userId !== '') customerKey = makeCustomerKey(mapping.userIdKind ?? 'customer_no', userId, options)
    else if (typeof fallbackValue === 'string' && fallbackValue.trim() !== '') {
      customerKey = makeCustomerKey(fallback.kind, fallbackValue, options)
    } else throw new ValueError('missing customer key: the response has no contact userId')
    const scale = mapping.intentScale ?? '0-10'
    const intentRaw = readIntent(answer(answers, mapping.intent, 'intent'), scale, 'en')
    const comment = answer(answers, mapping.comment, 'comment')
    const record: FeedbackRecord = {
      source: FORMBRICKS_SOURCE,
      sourceResponseId: response.id,
      customerKey,
      answeredAt: toWholeSeconds(parseTimestamp(response.createdAt, 'UTC')),
      nps: readNps(answer(answers, mapping.nps, 'NPS'), 'en'),
      intentRaw,
      intentScale: intentRaw === null ? null : scale,
      comment: readComment(comment === null || comment === undefined ? null : String(comment)),
      language: parseLanguage(response.language),
      channel: textOrNull(response.meta?.source),
    }
    if (!hasAnswer(record)) throw new SkipRow(NO_ANSWER)
    return record
  })
  if (result.ok) return { ok: true, event, record: result.record }
  return result.skipped
    ? { ok: false, reason: result.reason, skipped: true }
    : { ok: false, reason: result.reason }
}

/**
 * A column mapping (as the mapping step and the saved settings hold it) read as question ids: NPS,
 * intent and comment name questions of the survey, customerKeyKind says what contact.userId holds
 * and customerKey names the contact attribute or hidden field to use when there is no userId.
 */
export function webhookMappingOf(mapping: Partial<ColumnMapping>): FormbricksWebhookMapping {
  const out: FormbricksWebhookMapping = {}
  if (mapping.nps) out.nps = mapping.nps
  if (mapping.intent) out.intent = mapping.intent
  if (mapping.intentScale) out.intentScale = mapping.intentScale
  if (mapping.comment) out.comment = mapping.comment
  if (mapping.customerKeyKind) out.userIdKind = mapping.customerKeyKind
  if (mapping.customerKey) {
    const name = mapping.customerKey
    out.fallbackKey = {
      name,
      kind: /mail/i.test(name) ? 'email' : /phone|telefon|mobil/i.test(name) ? 'phone' : 'customer_no',
    }
  }
  return out
}

const SCORE = /^\s*(?:10|\d)\s*$/

function isScore(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) ||
    (typeof value === 'string' && SCORE.test(value))
  )
}

function isFreeText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && !/^\s*-?\d+([.,]\d+)?\s*$/.test(value)
}

/**
 * Question ids guessed from answers when no mapping is saved for a survey: NPS is the question
 * answered only with whole numbers 0..10 (the one whose id says "nps"/"recommend" when there are
 * several), the comment the question answered with free text (the one whose id hints at a reason
 * when there are several). Anything ambiguous stays unmapped: the user chooses in the mapping step.
 */
export function detectWebhookMapping(answers: readonly Record<string, unknown>[]): Partial<ColumnMapping> {
  const ids: string[] = []
  for (const a of answers) for (const id of Object.keys(a)) if (!ids.includes(id)) ids.push(id)
  const filled = (id: string) =>
    answers.map((a) => a[id]).filter((v) => v !== undefined && v !== null && v !== '')
  const scores = ids.filter((id) => {
    const values = filled(id)
    return values.length > 0 && values.every(isScore)
  })
  const texts = ids.filter((id) => {
    const values = filled(id)
    return values.length > 0 && values.every((v) => typeof v === 'string') && values.some(isFreeText)
  })
  const one = (candidates: string[], hint: RegExp): string | undefined =>
    candidates.length === 1
      ? candidates[0]
      : candidates.filter((id) => hint.test(id)).length === 1
        ? candidates.find((id) => hint.test(id))
        : undefined
  const nps = one(scores, /nps|recommend|empfehl/i)
  const comment = one(texts, TEXT_HINT)
  return { ...(nps ? { nps } : {}), ...(comment ? { comment } : {}) }
}

/** The survey's answers of a payload that may not be a webhook at all (for detection and preview). */
function answersOf(payload: unknown): Record<string, unknown> | null {
  const parsed = formbricksWebhookSchema.safeParse(payload)
  return parsed.success ? parsed.data.data.data : null
}

/** The mapping a payload is read with: the given one, else what its own answers reveal. */
function effectiveWebhookMapping(
  payload: unknown,
  mapping: Partial<ColumnMapping> | undefined,
): FormbricksWebhookMapping {
  if (mapping && (mapping.nps || mapping.intent || mapping.comment)) return webhookMappingOf(mapping)
  const answers = answersOf(payload)
  return webhookMappingOf({ ...(answers ? detectWebhookMapping([answers]) : {}), ...(mapping ?? {}) })
}

/** One webhook payload as a row of an import (line 0: it did not come from a file). */
export function webhookRow(
  payload: unknown,
  mapping: Partial<ColumnMapping> | undefined,
  line: number,
  options: { region?: CountryCode } = {},
): RowResult<FeedbackRecord> {
  const result = parseFormbricksWebhook(payload, effectiveWebhookMapping(payload, mapping), options)
  if (result.ok) return { ok: true, line, record: result.record }
  return result.skipped
    ? { ok: false, line, reason: result.reason, skipped: true }
    : { ok: false, line, reason: result.reason }
}

/**
 * Streams the responses of a file of Formbricks webhook payloads (a JSON array or NDJSON, e.g. a
 * log of received webhooks). Several events of one response are normal: the later one updates it.
 */
export async function* readFormbricksWebhookFile(
  source: ByteSource,
  mapping: Partial<ColumnMapping> | undefined,
  options: { region?: CountryCode } = {},
): AsyncGenerator<RowResult<FeedbackRecord>> {
  for await (const item of readJsonRecords(source)) {
    yield item.ok ? webhookRow(item.value, mapping, item.line, options) : item
  }
}

/** Shown in the mapping step: the question ids as columns, the first answers as rows. */
export async function previewFormbricksWebhookFile(source: ByteSource): Promise<{
  columns: string[]
  rows: Record<string, string>[]
  mapping: Partial<ColumnMapping>
  surveyId: string | null
}> {
  const answers: Record<string, unknown>[] = []
  let surveyId: string | null = null
  for await (const item of readJsonRecords(source)) {
    if (!item.ok) continue
    const parsed = formbricksWebhookSchema.safeParse(item.value)
    if (!parsed.success) continue
    surveyId ??= parsed.data.data.surveyId
    answers.push(parsed.data.data.data)
    if (answers.length >= 50) break
  }
  const columns: string[] = []
  for (const a of answers) for (const id of Object.keys(a)) if (!columns.includes(id)) columns.push(id)
  const text = (v: unknown): string =>
    v === undefined || v === null
      ? ''
      : Array.isArray(v)
        ? v.map(String).join(', ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v)
  const rows = answers.slice(0, 5).map((a) => Object.fromEntries(columns.map((c) => [c, text(a[c])])))
  return { columns, rows, mapping: detectWebhookMapping(answers), surveyId }
}
