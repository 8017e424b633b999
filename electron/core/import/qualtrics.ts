import type { CountryCode } from 'libphonenumber-js'
import type { IntentScale } from '../../../shared/domain/intent'
import { cell, columnIndex, mappedColumn, readHeaderRows, suggestedMapping } from './columns'
import { openCsv } from './csvSource'
import type { CsvOptions, CsvRow } from './csvSource'
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
import type { ByteSource } from './input'
import { ImportFormatError, ValueError } from './types'
import type { ColumnMapping, CustomerKey, CustomerKeyKind, FeedbackRecord, RowResult } from './types'
import { isTimeZone, parseLanguage, parseTimestamp, textOrNull } from './values'

/**
 * Qualtrics CSV response export: UTF-8 with BOM and three header rows (column ids, question texts,
 * {"ImportId":...} JSON). Preview, test and spam responses are skipped and counted.
 */

export const QUALTRICS_SOURCE = 'qualtrics'

export interface QualtricsOptions extends CsvOptions {
  /** overrides by column id (row 1); customerKey + customerKeyKind replace ExternalReference/RecipientEmail */
  mapping?: Partial<ColumnMapping>
  /** zone of RecordedDate when the third header row does not name one (default UTC) */
  timeZone?: string
  /** what ExternalReference holds (default customer_no) */
  externalReferenceKind?: Extract<CustomerKeyKind, 'customer_no' | 'external'>
  region?: CountryCode
}

export interface QualtricsLayout {
  responseId: number
  recordedDate: number
  status: number | null
  distributionChannel: number | null
  nps: number | null
  intent: number | null
  intentScale: IntentScale
  comment: number | null
  /** further text columns appended to the comment (chosen in the mapping) */
  moreComments: number[]
  customerKey: { index: number; kind: CustomerKeyKind } | null
  externalReference: number | null
  recipientEmail: number | null
  language: number | null
  channel: number | null
  /** zone RecordedDate is written in */
  timeZone: string
}

interface ImportIdCell {
  ImportId?: unknown
  timeZone?: unknown
}

/**
 * The open-text columns of an export: text-entry questions (ImportId QIDn_TEXT) and the "other,
 * please specify" texts of choice questions (ids ending in _TEXT), in file order.
 */
export function qualtricsTextColumns(
  ids: readonly string[],
  importIdRow: readonly string[] | undefined,
): string[] {
  const importIds = importIdRow ? parseImportIds(importIdRow) : null
  return ids.filter((id, i) => {
    const importId = importIds?.[i]?.ImportId
    return id.endsWith('_TEXT') || (typeof importId === 'string' && /^QID\d+_TEXT$/.test(importId))
  })
}

function parseImportIds(row: readonly string[]): ImportIdCell[] | null {
  if (!(row[0] ?? '').trim().startsWith('{')) return null
  return row.map((text) => {
    try {
      const value: unknown = JSON.parse(text)
      return typeof value === 'object' && value !== null ? (value as ImportIdCell) : {}
    } catch {
      return {}
    }
  })
}

const ONE_TO_FIVE = /\b1\s*(?:-|–|bis|to)\s*5\b/i
const PERCENT = /prozent|percent|%/i

export function guessIntentScale(questionText: string): IntentScale {
  if (ONE_TO_FIVE.test(questionText)) return '1-5'
  if (PERCENT.test(questionText)) return 'percent'
  return '0-10'
}

/** Finds the columns of a Qualtrics export from its header rows. */
export function detectQualtricsLayout(
  ids: readonly string[],
  texts: readonly string[],
  importIds: readonly ImportIdCell[] | null,
  options: QualtricsOptions = {},
): QualtricsLayout {
  const mapping = options.mapping ?? {}
  const find = (name: string): number | null => {
    const i = columnIndex(ids, name)
    return i === -1 ? null : i
  }
  const responseId = mappedColumn(ids, mapping.responseId, 'the response id') ?? find('ResponseId')
  const recordedDate = mappedColumn(ids, mapping.answeredAt, 'the answer date') ?? find('RecordedDate')
  if (responseId === null || recordedDate === null) {
    throw new ImportFormatError(
      'this is not a Qualtrics response export: the columns ResponseId and RecordedDate are missing',
    )
  }

  // The NPS question is the column X next to which Qualtrics writes X_NPS_GROUP.
  let nps = mappedColumn(ids, mapping.nps, 'NPS')
  if (nps === null) {
    const group = ids.find(
      (id) => id.endsWith('_NPS_GROUP') && ids.includes(id.slice(0, -'_NPS_GROUP'.length)),
    )
    if (group) nps = ids.indexOf(group.slice(0, -'_NPS_GROUP'.length))
  }

  const isQuestionColumn = (i: number): boolean => {
    const id = ids[i] ?? ''
    return i !== nps && !id.endsWith('_NPS_GROUP') && !id.endsWith('_TEXT')
  }
  let intent = mappedColumn(ids, mapping.intent, 'purchase intent')
  if (intent === null) {
    const i = texts.findIndex((t, idx) => INTENT_QUESTION.test(t) && isQuestionColumn(idx))
    if (i !== -1) intent = i
  }
  const intentScale = mapping.intentScale ?? guessIntentScale(intent === null ? '' : (texts[intent] ?? ''))

  // Open text: the column whose ImportId is QIDn_TEXT (a text-entry question), else any *_TEXT.
  let comment = mappedColumn(ids, mapping.comment, 'the comment')
  if (comment === null && importIds) {
    const i = importIds.findIndex((c) => typeof c.ImportId === 'string' && /^QID\d+_TEXT$/.test(c.ImportId))
    if (i !== -1) comment = i
  }
  if (comment === null) {
    const i = ids.findIndex((id) => id.endsWith('_TEXT'))
    if (i !== -1) comment = i
  }

  if (nps === null && intent === null && comment === null) {
    throw new ImportFormatError(
      'no NPS question found (no column X with an X_NPS_GROUP column next to it) and no intent or comment column; choose the columns in the mapping',
    )
  }

  const moreComments = (mapping.moreComments ?? [])
    .map((name) => mappedColumn(ids, name, 'a further comment'))
    .filter((i): i is number => i !== null && i !== comment)

  const keyColumn = mappedColumn(ids, mapping.customerKey, 'the customer key')
  let timeZone = options.timeZone ?? 'UTC'
  const zone = importIds?.[recordedDate]?.timeZone
  if (typeof zone === 'string' && isTimeZone(zone)) timeZone = zone

  return {
    responseId,
    recordedDate,
    status: find('Status'),
    distributionChannel: find('DistributionChannel'),
    nps,
    intent,
    intentScale,
    comment,
    moreComments: [...new Set(moreComments)],
    customerKey:
      keyColumn === null ? null : { index: keyColumn, kind: mapping.customerKeyKind ?? 'customer_no' },
    externalReference: find('ExternalReference') ?? find('ExternalDataReference'),
    recipientEmail: find('RecipientEmail'),
    language: mappedColumn(ids, mapping.language, 'the language') ?? find('UserLanguage'),
    channel: mappedColumn(ids, mapping.channel, 'the channel') ?? find('DistributionChannel'),
    timeZone,
  }
}

// Status is "Survey Preview"/"Survey Test"/"Spam" in a choice-text export and a response-type code
// in a numeric one (1 preview, 2 test, 8 spam, 9 preview spam, 12 imported spam, 17 offline preview).
const SKIPPED_CODES = new Set(['1', '2', '8', '9', '12', '17'])
const SKIPPED_WORDS = /preview|test|spam/i

function isSkippedStatus(status: string, channel: string): boolean {
  const s = status.trim()
  if (s !== '' && (SKIPPED_CODES.has(s) || SKIPPED_WORDS.test(s))) return true
  const c = channel.trim().toLowerCase()
  return c === 'preview' || c === 'test'
}

export const SKIPPED_PREVIEW = 'skipped: preview/test/spam'

// A choice-text export writes the scale end points with their labels: "10 - Äußerst wahrscheinlich".
const LABELLED_SCORE = /^\s*(\d{1,3})\s*[-–]\s*\S/

function scoreText(text: string): string {
  const m = LABELLED_SCORE.exec(text)
  return m ? (m[1] ?? text) : text
}

/** The comment column's answer, then those of the further text columns, each non-empty one once. */
function commentOf(layout: QualtricsLayout, fields: readonly string[]): string | null {
  const columns = layout.comment === null ? layout.moreComments : [layout.comment, ...layout.moreComments]
  const texts = columns.map((i) => readComment(cell(fields, i))).filter((t): t is string => t !== null)
  return texts.length === 0 ? null : texts.join('\n\n')
}

function buildRecord(
  layout: QualtricsLayout,
  fields: readonly string[],
  line: number,
  duplicates: DuplicateIds,
  options: QualtricsOptions,
): FeedbackRecord {
  if (isSkippedStatus(cell(fields, layout.status), cell(fields, layout.distributionChannel))) {
    throw new SkipRow(SKIPPED_PREVIEW)
  }
  const id = cell(fields, layout.responseId).trim()
  if (id === '') throw new ValueError('missing ResponseId')
  const duplicate = duplicates.check(id, line)
  if (duplicate) throw new ValueError(duplicate)

  const answeredAt = parseTimestamp(cell(fields, layout.recordedDate), layout.timeZone)
  const nps = layout.nps === null ? null : readNps(scoreText(cell(fields, layout.nps)))
  const intentRaw =
    layout.intent === null ? null : readIntent(scoreText(cell(fields, layout.intent)), layout.intentScale)

  let customerKey: CustomerKey
  if (layout.customerKey) {
    customerKey = makeCustomerKey(layout.customerKey.kind, cell(fields, layout.customerKey.index), options)
  } else {
    const ref = cell(fields, layout.externalReference).trim()
    const email = cell(fields, layout.recipientEmail).trim()
    if (ref !== '') customerKey = makeCustomerKey(options.externalReferenceKind ?? 'customer_no', ref)
    else if (email !== '') customerKey = makeCustomerKey('email', email)
    else throw new ValueError('missing customer key: neither ExternalReference nor RecipientEmail is filled')
  }

  const record: FeedbackRecord = {
    source: QUALTRICS_SOURCE,
    sourceResponseId: id,
    customerKey,
    answeredAt,
    nps,
    intentRaw,
    intentScale: intentRaw === null ? null : layout.intentScale,
    comment: commentOf(layout, fields),
    language: parseLanguage(cell(fields, layout.language)),
    channel: textOrNull(cell(fields, layout.channel))?.toLowerCase() ?? null,
  }
  if (!hasAnswer(record)) throw new SkipRow(NO_ANSWER)
  return record
}

async function readLayout(
  rows: AsyncGenerator<CsvRow>,
  options: QualtricsOptions,
): Promise<{ ids: string[]; layout: QualtricsLayout; first: CsvRow | null }> {
  const [ids = [], texts = []] = await readHeaderRows(rows, 2)
  // The third header row holds {"ImportId":...}; an export without it starts its data here.
  let first: CsvRow | null = null
  const third = await rows.next()
  let importIds: ImportIdCell[] | null = null
  if (!third.done) {
    importIds = third.value.ok ? parseImportIds(third.value.fields) : null
    if (!importIds) first = third.value
  }
  return { ids, layout: detectQualtricsLayout(ids, texts, importIds, options), first }
}

/** What the automatic detection picks, as column ids, for the mapping step to show pre-filled. */
export async function suggestQualtricsMapping(
  source: ByteSource,
  options: QualtricsOptions = {},
): Promise<Partial<ColumnMapping>> {
  const file = await openCsv(source, options)
  try {
    const { ids, layout } = await readLayout(file.rows, options)
    const key = layout.customerKey ?? {
      index: layout.externalReference ?? layout.recipientEmail,
      kind: layout.externalReference !== null ? (options.externalReferenceKind ?? 'customer_no') : 'email',
    }
    const more = layout.moreComments.map((i) => ids[i]).filter((id): id is string => id !== undefined)
    return {
      ...suggestedMapping(ids, { ...layout, answeredAt: layout.recordedDate, key }),
      ...(more.length > 0 ? { moreComments: more } : {}),
    }
  } finally {
    await file.rows.return(undefined)
  }
}

/** Streams the responses of a Qualtrics CSV export. */
export async function* readQualtricsCsv(
  source: ByteSource,
  options: QualtricsOptions = {},
): AsyncGenerator<RowResult<FeedbackRecord>> {
  const file = await openCsv(source, options)
  const { layout, first } = await readLayout(file.rows, options)
  const duplicates = new DuplicateIds()
  const handle = (row: CsvRow): RowResult<FeedbackRecord> =>
    row.ok ? rowResult(row.line, () => buildRecord(layout, row.fields, row.line, duplicates, options)) : row
  if (first) yield handle(first)
  for await (const row of file.rows) yield handle(row)
}
