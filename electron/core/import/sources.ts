import fs from 'node:fs'
import type { CountryCode } from 'libphonenumber-js'
import { openCsv } from './csvSource'
import { readHeaderRows } from './columns'
import {
  FORMBRICKS_SOURCE,
  previewFormbricksWebhookFile,
  readFormbricksCsv,
  readFormbricksWebhookFile,
  suggestFormbricksMapping,
} from './formbricks'
import { readFeedbackCsv, readFeedbackJson, suggestFeedbackMapping } from './generic'
import {
  QUALTRICS_SOURCE,
  qualtricsTextColumns,
  readQualtricsCsv,
  suggestQualtricsMapping,
} from './qualtrics'
import type { ColumnMapping, FeedbackRecord, RowResult } from './types'

export type ImportFormat = 'qualtrics' | 'formbricks' | 'formbricks-webhook' | 'generic-csv' | 'json'
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  'qualtrics',
  'formbricks',
  'formbricks-webhook',
  'generic-csv',
  'json',
]

/**
 * A mapping as an import job carries it. `source` is the name the answers of a generic CSV/JSON
 * file are stored under; it travels inside the mapping so the job arguments (and the worker) stay
 * as they are. It is never part of a saved mapping.
 */
export type MappingInput = Partial<ColumnMapping> & { source?: string }

/** The source of generic files before sources had names (and when a file name gives none). */
export const GENERIC_SOURCE = 'csv-import'

/** A first guess from the file name; the user confirms it in the mapping step. */
export function guessImportFormat(fileName: string): ImportFormat {
  const lower = fileName.toLowerCase()
  if (/\.(nd)?json$/.test(lower)) return lower.includes('formbricks') ? 'formbricks-webhook' : 'json'
  if (lower.includes('qualtrics')) return 'qualtrics'
  if (lower.includes('formbricks')) return 'formbricks'
  return 'generic-csv'
}

/** Formats whose answers go under a source the user names (the survey tools have their own). */
export function hasNamedSource(format: ImportFormat): boolean {
  return format === 'generic-csv' || format === 'json'
}

/** The source stored with every answer of a file: each survey tool its own, generic files theirs. */
export function sourceOf(format: ImportFormat, mapping: MappingInput | undefined): string {
  if (format === 'qualtrics') return QUALTRICS_SOURCE
  if (format === 'formbricks' || format === 'formbricks-webhook') return FORMBRICKS_SOURCE
  return mapping?.source ?? GENERIC_SOURCE
}

/**
 * The settings key a mapping is saved under: per named source for generic files, per survey for
 * Formbricks webhooks (question ids differ between surveys), per tool for the CSV exports.
 */
export function mappingKey(format: ImportFormat, source: string | null | undefined): string {
  if (hasNamedSource(format)) return `source:${source ?? GENERIC_SOURCE}`
  if (format === 'formbricks-webhook') return source ? `formbricks-webhook:${source}` : 'formbricks-webhook'
  return format
}

/** The columns of a mapping without the source name, as it is saved. */
export function savedMapping(mapping: MappingInput): Partial<ColumnMapping> {
  const { source: _source, ...columns } = mapping
  return columns
}

// Dates, times and counters that change from one nightly file to the next.
const VOLATILE = /(?:^|[\s._-])(?:\d{4}-?\d{2}-?\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d+)(?=$|[\s._-])/g
const GENERIC_WORDS =
  /^(?:export|import|data|daten|file|datei|upload|responses?|antworten|feedback|survey|umfrage|csv|json)$/i

/**
 * A source name from a file name: "zendesk-csat_2026-11-03.csv" -> "zendesk-csat", so each night's
 * file of one tool gets the same name. null when nothing telling is left ("export.csv", "1.csv").
 */
export function sourceFromFileName(fileName: string): string | null {
  let stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  for (let i = 0; i < 3; i++) stem = stem.replace(VOLATILE, '')
  const name = stem
    .replace(/[^\p{L}\p{N} ._-]+/gu, '-')
    .replace(/[\s._-]+$/g, '')
    .replace(/^[\s._-]+/g, '')
    .toLowerCase()
    .slice(0, 64)
  if (name === '' || GENERIC_WORDS.test(name)) return null
  return name
}

/** The file as a byte stream that counts what it has handed out, for progress and ETA. */
function countingStream(file: string): { bytes: AsyncIterable<Uint8Array>; fraction: () => number } {
  const size = Math.max(1, fs.statSync(file).size)
  let read = 0
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      read += (chunk as Buffer).length
      yield chunk as Buffer
    }
  }
  return { bytes: bytes(), fraction: () => Math.min(1, read / size) }
}

function completeMapping(mapping: MappingInput): ColumnMapping {
  return { customerKey: '', customerKeyKind: 'customer_no', ...mapping } as ColumnMapping
}

/** Parsed answers of an uploaded file in the given format. */
export function openFeedbackRows(
  file: string,
  format: ImportFormat,
  mapping: MappingInput | undefined,
  region: CountryCode,
): { rows: AsyncIterable<RowResult<FeedbackRecord>>; fractionRead: () => number; source: string } {
  const { bytes, fraction } = countingStream(file)
  const source = sourceOf(format, mapping)
  const m = mapping ? savedMapping(mapping) : {}
  const hasColumns = Object.keys(m).length > 0
  const rows =
    format === 'qualtrics'
      ? readQualtricsCsv(bytes, { mapping: m, region })
      : format === 'formbricks'
        ? readFormbricksCsv(bytes, { mapping: m })
        : format === 'formbricks-webhook'
          ? readFormbricksWebhookFile(bytes, hasColumns ? m : undefined, { region })
          : format === 'generic-csv'
            ? readFeedbackCsv(bytes, completeMapping(m), { source, region })
            : readFeedbackJson(bytes, {
                source,
                region,
                ...(hasColumns ? { mapping: completeMapping(m) } : {}),
              })
  return { rows, fractionRead: fraction, source }
}

/**
 * What the mapping step shows: the columns, the first rows, the mapping the importer would use
 * (saved or chosen by the user, else detected), and the first records parsed with it.
 */
export async function previewFeedback(
  file: string,
  format: ImportFormat,
  mapping: MappingInput | undefined,
  region: CountryCode,
): Promise<{
  columns: string[]
  rows: Record<string, string>[]
  mapping: MappingInput
  sample: RowResult<FeedbackRecord>[]
  /** Formbricks webhooks: the survey of the first payload (its mapping is saved per survey) */
  surveyId: string | null
  /** the open-text columns (Qualtrics), for the mapping to choose the comment and further texts */
  textColumns: string[]
}> {
  let textColumns: string[] = []
  let columns: string[] = []
  let rows: Record<string, string>[] = []
  let detected: MappingInput = {}
  let surveyId: string | null = null
  if (format === 'formbricks-webhook') {
    const webhooks = await previewFormbricksWebhookFile(countingStream(file).bytes)
    columns = webhooks.columns
    rows = webhooks.rows
    detected = webhooks.mapping
    surveyId = webhooks.surveyId
  } else if (format !== 'json') {
    const csv = await openCsv(countingStream(file).bytes)
    const headerRows = await readHeaderRows(csv.rows, format === 'qualtrics' ? 3 : 1)
    const header = headerRows[0] ?? []
    columns = header
    if (format === 'qualtrics') {
      textColumns = qualtricsTextColumns(header, headerRows[2])
      detected = await suggestQualtricsMapping(countingStream(file).bytes, { mapping: mapping ?? {} })
    } else if (format === 'formbricks') {
      detected = await suggestFormbricksMapping(countingStream(file).bytes, { mapping: mapping ?? {} })
    } else {
      detected = suggestFeedbackMapping(header)
    }
    for await (const row of csv.rows) {
      if (row.ok) rows.push(Object.fromEntries(header.map((h, i) => [h, row.fields[i] ?? ''])))
      if (rows.length >= 5) break
    }
  }
  const effective: Partial<ColumnMapping> = { ...detected, ...(mapping ? savedMapping(mapping) : {}) }
  for (const key of Object.keys(effective) as (keyof ColumnMapping)[])
    if (effective[key] === undefined) delete effective[key]
  // The comment column is read once, not again as a further text.
  const more = effective.moreComments?.filter((c) => c !== effective.comment)
  if (more && more.length > 0) effective.moreComments = more
  else delete effective.moreComments
  const sample: RowResult<FeedbackRecord>[] = []
  const withSource = mapping?.source ? { source: mapping.source } : {}
  try {
    for await (const r of openFeedbackRows(
      file,
      format,
      format === 'generic-csv' || mapping ? { ...effective, ...withSource } : undefined,
      region,
    ).rows) {
      sample.push(r)
      if (sample.length >= 10) break
    }
  } catch (err) {
    sample.push({ ok: false, line: 1, reason: (err as Error).message })
  }
  return { columns, rows, mapping: effective, sample, surveyId, textColumns }
}
