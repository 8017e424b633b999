import fs from 'node:fs'
import type { CountryCode } from 'libphonenumber-js'
import { openCsv } from './csvSource'
import { readHeaderRows } from './columns'
import { readFormbricksCsv, suggestFormbricksMapping } from './formbricks'
import { readFeedbackCsv, readFeedbackJson, suggestFeedbackMapping } from './generic'
import { readQualtricsCsv, suggestQualtricsMapping } from './qualtrics'
import type { ColumnMapping, FeedbackRecord, RowResult } from './types'

export type ImportFormat = 'qualtrics' | 'formbricks' | 'generic-csv' | 'json'
export type MappingInput = Partial<ColumnMapping>

/** The source name answers of a generic file are stored under (and its mapping saved under). */
export const GENERIC_SOURCE = 'csv-import'

/** A first guess from the file name; the user confirms it in the mapping step. */
export function guessImportFormat(fileName: string): ImportFormat {
  const lower = fileName.toLowerCase()
  if (/\.(nd)?json$/.test(lower)) return 'json'
  if (lower.includes('qualtrics')) return 'qualtrics'
  if (lower.includes('formbricks')) return 'formbricks'
  return 'generic-csv'
}

const sourceOf = (format: ImportFormat) =>
  format === 'qualtrics' ? 'qualtrics' : format === 'formbricks' ? 'formbricks' : GENERIC_SOURCE

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
  const source = sourceOf(format)
  const m = mapping ?? {}
  const rows =
    format === 'qualtrics'
      ? readQualtricsCsv(bytes, { mapping: m, region })
      : format === 'formbricks'
        ? readFormbricksCsv(bytes, { mapping: m })
        : format === 'generic-csv'
          ? readFeedbackCsv(bytes, completeMapping(m), { source, region })
          : readFeedbackJson(bytes, { source, region, ...(mapping ? { mapping: completeMapping(m) } : {}) })
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
}> {
  let columns: string[] = []
  const rows: Record<string, string>[] = []
  let detected: MappingInput = {}
  if (format !== 'json') {
    const csv = await openCsv(countingStream(file).bytes)
    const headerRows = await readHeaderRows(csv.rows, format === 'qualtrics' ? 3 : 1)
    const header = headerRows[0] ?? []
    columns = header
    if (format === 'qualtrics') {
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
  const effective = { ...detected, ...(mapping ?? {}) }
  for (const key of Object.keys(effective) as (keyof MappingInput)[])
    if (effective[key] === undefined) delete effective[key]
  const sample: RowResult<FeedbackRecord>[] = []
  try {
    for await (const r of openFeedbackRows(
      file,
      format,
      format === 'generic-csv' || mapping ? effective : undefined,
      region,
    ).rows) {
      sample.push(r)
      if (sample.length >= 10) break
    }
  } catch (err) {
    sample.push({ ok: false, line: 1, reason: (err as Error).message })
  }
  return { columns, rows, mapping: effective, sample }
}
