import type { CountryCode } from 'libphonenumber-js'
import { normalizeIntent } from '../../../shared/domain/intent'
import type { IntentScale } from '../../../shared/domain/intent'
import { normalizePhone } from '../../../shared/domain/phone'
import { ValueError } from './types'
import type { CustomerKey, CustomerKeyKind, FeedbackRecord, RowResult } from './types'
import { parseEmail, parseNumber } from './values'
import type { NumberFormat } from './values'

/** Validation shared by every feedback format, so a score means the same whatever the file. */

export type CellValue = string | number | null | undefined

function toNumber(value: CellValue, format: NumberFormat, what: string): number | null {
  if (value == null) return null
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError(`${what} '${value}' is not a number`)
    return value
  }
  try {
    return parseNumber(value, format)
  } catch {
    throw new ValueError(`${what} '${value.trim()}' is not a number`)
  }
}

/** An NPS answer: empty stays null (a skipped question is never a 0), anything else must be 0-10. */
export function readNps(value: CellValue, format: NumberFormat = 'auto'): number | null {
  const n = toNumber(value, format, 'NPS')
  if (n === null) return null
  if (!Number.isInteger(n)) throw new ValueError(`NPS ${n} is not a whole number 0-10`)
  if (n < 0 || n > 10) throw new ValueError(`NPS ${n} is outside 0-10`)
  return n
}

/** A purchase-intent answer on its scale; validated by the same rule the database uses. */
export function readIntent(
  value: CellValue,
  scale: IntentScale,
  format: NumberFormat = 'auto',
): number | null {
  const n = toNumber(value, format, 'intent')
  if (n === null) return null
  try {
    normalizeIntent(n, scale)
  } catch {
    throw new ValueError(`intent ${n} is outside the ${scale} scale`)
  }
  return n
}

export interface KeyOptions {
  /** region for national phone numbers */
  region?: CountryCode
}

/** The customer key in its matching form: e-mail lower-cased, phone E.164, numbers trimmed. */
export function makeCustomerKey(
  kind: CustomerKeyKind,
  value: CellValue,
  options: KeyOptions = {},
): CustomerKey {
  const text = value == null ? '' : String(value).trim()
  if (text === '') throw new ValueError('missing customer key')
  switch (kind) {
    case 'email':
      return { kind, value: parseEmail(text) }
    case 'phone': {
      const parsed = normalizePhone(text, options.region)
      if (!parsed.ok) throw new ValueError(`phone '${text}' is not a valid phone number`)
      return { kind, value: parsed.e164 }
    }
    default:
      return { kind, value: text }
  }
}

/** Remembers response ids of one file: the second occurrence is an error naming the first. */
export class DuplicateIds {
  private readonly seen = new Map<string, number>()

  /** null when new, otherwise the reason to report */
  check(id: string, line: number, what = 'response id'): string | null {
    const first = this.seen.get(id)
    if (first !== undefined) return `duplicate ${what} "${id}" (first seen on line ${first})`
    this.seen.set(id, line)
    return null
  }
}

/**
 * Question texts that ask for purchase intent: "erneut kaufen", "wieder bei uns bestellen",
 * "kaufen Sie wieder", "buy from us again", "repurchase".
 */
export const INTENT_QUESTION =
  /erneut|wiederkauf|\bwieder\b.*\b(?:kauf|bestell|buch)|\b(?:kauf|bestell|buch)\w*\b.*\bwieder\b|\b(?:buy|purchase|order)\b.*\bagain\b|repurchase/i

export const NO_ANSWER = 'skipped: no NPS, intent or comment answered'

/** A response with no score and no words is not feedback; it is counted as skipped, not as an error. */
export function hasAnswer(record: FeedbackRecord): boolean {
  return record.nps !== null || record.intentRaw !== null || record.comment !== null
}

/** Thrown by a row builder for a row left out on purpose (preview, test, spam, empty response). */
export class SkipRow extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'SkipRow'
  }
}

/**
 * Runs a row builder and turns a ValueError into a row error and a SkipRow into a skipped row.
 * Anything else is a bug and is rethrown rather than reported as bad data.
 */
export function rowResult<T>(line: number, build: () => T): RowResult<T> {
  try {
    return { ok: true, line, record: build() }
  } catch (err) {
    if (err instanceof ValueError) return { ok: false, line, reason: err.message }
    if (err instanceof SkipRow) return { ok: false, line, reason: err.message, skipped: true }
    throw err
  }
}

/** Comments keep their inner line breaks but lose surrounding blanks; empty is null. */
export function readComment(value: CellValue): string | null {
  if (value == null) return null
  const t = String(value).trim()
  return t === '' ? null : t
}
