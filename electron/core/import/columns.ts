import type { CsvRow } from './csvSource'
import { ImportFormatError, describeRowError } from './types'
import type { ColumnMapping, CustomerKeyKind } from './types'
import type { IntentScale } from '../../../shared/domain/intent'

/** Header handling shared by the CSV formats. */

function simplify(name: string): string {
  return name.trim().toLowerCase()
}

/** Position of a column by exact name, else ignoring case and surrounding blanks; -1 if absent. */
export function columnIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name)
  if (exact !== -1) return exact
  const wanted = simplify(name)
  return header.findIndex((h) => simplify(h) === wanted)
}

/** The column a mapping names; a name that is not in the file stops the import before any row. */
export function mappedColumn(
  header: readonly string[],
  name: string | undefined,
  role: string,
): number | null {
  if (name === undefined || name === '') return null
  const i = columnIndex(header, name)
  if (i === -1) {
    throw new ImportFormatError(
      `the column "${name}" chosen for ${role} is not in the file (columns: ${header.join(', ')})`,
    )
  }
  return i
}

/** Reads the first `count` rows as header rows; a broken header makes the file unreadable. */
export async function readHeaderRows(rows: AsyncGenerator<CsvRow>, count: number): Promise<string[][]> {
  const out: string[][] = []
  while (out.length < count) {
    const next = await rows.next()
    if (next.done) break
    const row = next.value
    if (!row.ok) throw new ImportFormatError(`the header cannot be read: ${describeRowError(row)}`)
    out.push(row.fields)
  }
  if (out.length === 0) throw new ImportFormatError('the file has no header row')
  return out
}

/** Cell text at a column position (empty for a missing column). */
export function cell(fields: readonly string[], index: number | null): string {
  return index === null || index < 0 ? '' : (fields[index] ?? '')
}

/** Column positions back to header names (absent ones left out), for a pre-filled mapping. */
export function columnNames<K extends string>(
  header: readonly string[],
  positions: Record<K, number | null>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {}
  for (const key of Object.keys(positions) as K[]) {
    const i = positions[key]
    const name = i === null ? undefined : header[i]
    if (name !== undefined) out[key] = name
  }
  return out
}

/** The columns a format reader detected, by position: the common part of every layout. */
export interface DetectedColumns {
  responseId: number
  answeredAt: number
  nps: number | null
  intent: number | null
  intentScale: IntentScale
  comment: number | null
  language: number | null
  channel: number | null
  key: { index: number | null; kind: CustomerKeyKind }
}

/** A detected layout as the mapping the mapping step shows pre-filled (column names, not positions). */
export function suggestedMapping(header: readonly string[], d: DetectedColumns): Partial<ColumnMapping> {
  const names = columnNames(header, {
    responseId: d.responseId,
    answeredAt: d.answeredAt,
    nps: d.nps,
    intent: d.intent,
    comment: d.comment,
    language: d.language,
    channel: d.channel,
    customerKey: d.key.index,
  })
  return {
    ...names,
    ...(names.intent ? { intentScale: d.intentScale } : {}),
    ...(names.customerKey ? { customerKeyKind: d.key.kind } : {}),
  }
}
