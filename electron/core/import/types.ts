import type { IntentScale } from '../../../shared/domain/intent'

/**
 * Records produced by the import parsers. They carry no database ids: matching a customer key to a
 * customer and writing rows is the importer's job, so the parsers stay pure and testable.
 */

export const CUSTOMER_KEY_KINDS = ['customer_no', 'email', 'phone', 'external'] as const
export type CustomerKeyKind = (typeof CUSTOMER_KEY_KINDS)[number]

/** How a row names its customer. e-mails are lower-cased, phones are E.164, the rest trimmed. */
export interface CustomerKey {
  kind: CustomerKeyKind
  value: string
}

export type Language = 'de' | 'en'
export type Vertical = 'telecom' | 'ecommerce' | 'saas'
export type TicketStatus = 'open' | 'pending' | 'closed'

/** One survey response (the `feedback` table without the computed columns). */
export interface FeedbackRecord {
  source: string
  /** unique per source: re-importing the same response (CSV or webhook) must not add it twice */
  sourceResponseId: string
  customerKey: CustomerKey
  /** epoch ms, UTC */
  answeredAt: number
  /** 0-10, null when the question was skipped (never 0) */
  nps: number | null
  intentRaw: number | null
  intentScale: IntentScale | null
  comment: string | null
  language: Language | null
  channel: string | null
}

export interface CustomerRecord {
  customerNo: string
  firstName: string | null
  lastName: string | null
  company: string | null
  /** lower-cased */
  email: string | null
  /** as written in the file; the importer normalises it with its configured region */
  phone: string | null
  language: Language | null
  vertical: Vertical | null
  valueCents: number | null
  /** YYYY-MM-DD */
  customerSince: string | null
  /** YYYY-MM-DD */
  contractEnd: string | null
  city: string | null
  plan: string | null
}

/** One phone number or e-mail address of a customer (a "contact points" file, one per row). */
export interface ContactPointRecord {
  customerKey: CustomerKey
  kind: 'phone' | 'email'
  /** E.164 for phones (read with the configured region), lower-case for e-mails */
  value: string
  label: string | null
  isPrimary: boolean
}

export interface UsageRecord {
  customerKey: CustomerKey
  /** YYYY-MM-DD (first day of the period) */
  periodStart: string
  units: number
}

export interface TicketRecord {
  /** the ticket id in the source system, when the file has one (used to spot duplicates) */
  ticketId: string | null
  customerKey: CustomerKey
  subject: string
  category: string | null
  status: TicketStatus
  /** epoch ms */
  openedAt: number
  /** epoch ms */
  closedAt: number | null
}

export interface ChurnRecord {
  customerKey: CustomerKey
  /** epoch ms */
  churnedAt: number
  reason: string | null
}

/**
 * One row of a file. `line` is the 1-based physical line where the row starts (a quoted comment can
 * span several lines), so a user can find it in an editor. `skipped` marks rows left out on purpose
 * (survey previews, test and spam responses, empty responses) so a report can count them apart from
 * errors.
 */
export type RowResult<T> =
  { ok: true; line: number; record: T } | { ok: false; line: number; reason: string; skipped?: true }

/**
 * Which column holds what in a generic feedback CSV (or which key in a JSON record). Saved per source
 * as JSON, so it holds only plain values.
 */
export interface ColumnMapping {
  nps?: string
  intent?: string
  intentScale?: IntentScale
  comment?: string
  /** further open-text columns whose answers are appended to the comment (Qualtrics surveys with several text questions) */
  moreComments?: string[]
  customerKey: string
  customerKeyKind: CustomerKeyKind
  responseId?: string
  answeredAt?: string
  language?: string
  channel?: string
  /** how numbers are written; default: German when the file uses ';', otherwise guessed per value */
  numberFormat?: 'de' | 'en'
  /** IANA zone for dates without a zone; default Europe/Berlin */
  timeZone?: string
}

/** Renders a row error the way the import report shows it. */
export function describeRowError(result: { line: number; reason: string }): string {
  return `line ${result.line}: ${result.reason}`
}

/** A file that cannot be read at all (wrong encoding family, no header, unknown mapping columns). */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportFormatError'
  }
}

/** A single value that cannot be used; the row becomes a row error with this message. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ValueError'
  }
}
