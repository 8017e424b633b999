import { ValueError } from './types'
import type { Language } from './types'

/**
 * Cell parsers shared by all import formats. They run once per cell on files with a million rows,
 * so the common shapes (plain integers, ISO timestamps) take a short path and each value is matched
 * by at most one anchored regex. Every failure is a ValueError whose message is shown to the user.
 */

export type NumberFormat = 'de' | 'en' | 'auto'

const DIGIT_0 = 48
const DIGIT_9 = 57

function isAllDigits(text: string): boolean {
  if (text.length === 0) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < DIGIT_0 || c > DIGIT_9) return false
  }
  return true
}

export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === ''
}

/** Trimmed text, or null when the cell is empty. */
export function textOrNull(text: string | null | undefined): string | null {
  if (text == null) return null
  const t = text.trim()
  return t === '' ? null : t
}

// Separators people put between thousands: spaces (also the no-break ones Excel writes) and the
// Swiss apostrophe.
const GROUPING_NOISE = /[\s\u00a0\u202f'’]/g

function groupsAreThousands(parts: string[]): boolean {
  const first = parts[0] ?? ''
  if (first.length === 0 || first.length > 3) return false
  for (let i = 1; i < parts.length; i++) if (parts[i]?.length !== 3) return false
  return true
}

/**
 * Parses "7", "7,5", "7.5", "1.234,56", "1,234.56", "-3", "85 %" to a number; empty text is null.
 * `format` says which separator is the decimal one when a value has only one kind ("1.234" is
 * 1234 in a German file, 1.234 in an English one); with 'auto' a single separator is a decimal
 * point unless it repeats ("1.234.567").
 */
export function parseNumber(text: string, format: NumberFormat = 'auto'): number | null {
  let s = text.trim()
  if (s === '') return null
  if (isAllDigits(s)) return Number(s)
  const original = s
  if (s.endsWith('%')) s = s.slice(0, -1)
  s = s.replace(GROUPING_NOISE, '')
  let sign = ''
  const first = s.charAt(0)
  if (first === '-' || first === '+' || first === '\u2212') {
    sign = first === '+' ? '' : '-'
    s = s.slice(1)
  }
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  let integer = s
  let fraction = ''
  if (lastComma !== -1 && lastDot !== -1) {
    const decimalAt = Math.max(lastComma, lastDot)
    const grouping = lastComma > lastDot ? '.' : ','
    integer = s.slice(0, decimalAt)
    fraction = s.slice(decimalAt + 1)
    const groups = integer.split(grouping)
    if (!groupsAreThousands(groups)) throw new ValueError(`'${original}' is not a number`)
    integer = groups.join('')
  } else if (lastComma !== -1 || lastDot !== -1) {
    const sep = lastComma !== -1 ? ',' : '.'
    const parts = s.split(sep)
    const decimalSep = format === 'de' ? ',' : format === 'en' ? '.' : null
    const isGrouping =
      parts.length > 2 ||
      (decimalSep !== null && sep !== decimalSep && groupsAreThousands(parts) && parts[0] !== '0')
    if (isGrouping) {
      if (!groupsAreThousands(parts)) throw new ValueError(`'${original}' is not a number`)
      integer = parts.join('')
    } else {
      integer = parts[0] ?? ''
      fraction = parts[1] ?? ''
    }
  }
  if (integer === '') integer = '0'
  if (
    !isAllDigits(integer) ||
    (fraction !== '' && !isAllDigits(fraction)) ||
    (s.endsWith('.') && fraction === '')
  ) {
    throw new ValueError(`'${original}' is not a number`)
  }
  return Number(`${sign}${integer}${fraction === '' ? '' : `.${fraction}`}`)
}

/** Money as integer cents: "1.234,56 €", "EUR 99", "12.5" → 123456, 9900, 1250. */
export function parseMoneyCents(text: string, format: NumberFormat = 'auto'): number | null {
  const stripped = text.replace(/€|EUR|\$|USD|CHF/gi, '')
  const value = parseNumber(stripped, format)
  return value === null ? null : Math.round(value * 100)
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'ja', 'j', 'x', 'wahr'])
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'nein', 'falsch'])

/** "Yes"/"No", "true"/"false", "1"/"0", "ja"/"nein"; empty is null. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase()
  if (t === '') return null
  if (TRUE_WORDS.has(t)) return true
  if (FALSE_WORDS.has(t)) return false
  throw new ValueError(`'${text.trim()}' is not yes/no`)
}

/** "de", "DE", "de-DE", "Deutsch", "German" → 'de'; "en", "EN-GB", "English" → 'en'; others null. */
export function parseLanguage(text: string | null | undefined): Language | null {
  if (text == null) return null
  const t = text.trim().toLowerCase()
  if (t === '') return null
  if (t === 'de' || t.startsWith('de-') || t.startsWith('de_') || t === 'deutsch' || t === 'german')
    return 'de'
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_') || t === 'english' || t === 'englisch')
    return 'en'
  return null
}

// Deliberately loose: the importer only needs a plausible key to match on, not RFC 5322.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function parseEmail(text: string): string {
  const t = text.trim().toLowerCase()
  if (!EMAIL.test(t)) throw new ValueError(`'${text.trim()}' is not an e-mail address`)
  return t
}

// ---------------------------------------------------------------------------------------------
// Dates and times

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0)
}

function checkCalendar(text: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): void {
  if (
    y < 1900 ||
    y > 2200 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > daysInMonth(y, mo) ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    throw new ValueError(`date '${text}' is not a valid date`)
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new ValueError(`'${zone}' is not a known time zone`)
    }
    formatters.set(zone, f)
  }
  return f
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

// Offsets only change at DST transitions, which fall on quarter hours in every zone, so one
// Intl call per zone and quarter hour is enough even for a million rows.
const QUARTER_HOUR = 900_000
const offsetCache = new Map<string, Map<number, number>>()

/** Offset of `zone` from UTC in ms at the given instant. */
export function zoneOffsetMs(zone: string, instant: number): number {
  let perZone = offsetCache.get(zone)
  if (!perZone) {
    perZone = new Map()
    offsetCache.set(zone, perZone)
  }
  const bucket = Math.floor(instant / QUARTER_HOUR)
  const cached = perZone.get(bucket)
  if (cached !== undefined) return cached
  const parts = formatterFor(zone).formatToParts(new Date(bucket * QUARTER_HOUR))
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  const offset = wall - bucket * QUARTER_HOUR
  if (perZone.size > 200_000) perZone.clear()
  perZone.set(bucket, offset)
  return offset
}

/**
 * Wall-clock time in `zone` → epoch ms. A time inside the spring-forward gap moves forward by the
 * gap; a time in the repeated autumn hour resolves to one of its two instants.
 */
export function zonedTimeToEpoch(
  zone: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  ms = 0,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  if (zone === 'UTC') return wall
  const first = zoneOffsetMs(zone, wall)
  const second = zoneOffsetMs(zone, wall - first)
  return wall - second
}

const FIXED_ZONES: Record<string, number> = {
  Z: 0,
  UTC: 0,
  UT: 0,
  GMT: 0,
  CET: 60,
  MEZ: 60,
  CEST: 120,
  MESZ: 120,
  WET: 0,
  WEST: 60,
  BST: 60,
  // what Intl writes for the US zones ("2026-11-20 08:05:33 EST")
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
}

// "+01:00", "+0100", "+1", "GMT+1", "UTC-05:30", "GMT+5:30"
const OFFSET_SUFFIX = /^(?:UTC|GMT)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i

type Zone = { offsetMinutes: number } | { iana: string }

function parseZoneSuffix(suffix: string, text: string): Zone | null {
  if (suffix === '') return null
  const upper = suffix.toUpperCase()
  const fixed = FIXED_ZONES[upper]
  if (fixed !== undefined) return { offsetMinutes: fixed }
  const m = OFFSET_SUFFIX.exec(suffix)
  if (m) {
    const hours = Number(m[2])
    const minutes = Number(m[3] ?? 0)
    if (hours > 14 || minutes > 59) throw new ValueError(`'${text}' has an invalid UTC offset`)
    return { offsetMinutes: (m[1] === '+' ? 1 : -1) * (hours * 60 + minutes) }
  }
  if (suffix.includes('/') && isTimeZone(suffix)) return { iana: suffix }
  throw new ValueError(`'${text}' has an unknown time zone '${suffix}'`)
}

// ISO 8601 and the "YYYY-MM-DD HH:MM:SS [zone]" exports of Qualtrics and Formbricks
const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(.*)$/
// German: 23.11.2026, 23.11.26, 23.11.2026 14:05, 23.11.2026, 14:05:33 Uhr
const GERMAN =
  /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*Uhr)?\s*(.*)$/i

interface DateParts {
  y: number
  mo: number
  d: number
  h: number
  mi: number
  s: number
  ms: number
  zone: Zone | null
  hasTime: boolean
}

function splitDate(text: string): DateParts | null {
  let m = ISO.exec(text)
  if (m) {
    const frac = m[7] ?? ''
    return {
      y: Number(m[1]),
      mo: Number(m[2]),
      d: Number(m[3]),
      h: Number(m[4] ?? 0),
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      ms: frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')),
      zone: parseZoneSuffix((m[8] ?? '').trim(), text),
      hasTime: m[4] !== undefined,
    }
  }
  m = GERMAN.exec(text)
  if (m) {
    const yy = m[3] ?? ''
    return {
      y: yy.length === 2 ? 2000 + Number(yy) : Number(yy),
      mo: Number(m[2]),
      d: Number(m[1]),
      h: Number(m[4] ?? 0),
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      ms: 0,
      zone: parseZoneSuffix((m[7] ?? '').trim(), text),
      hasTime: m[4] !== undefined,
    }
  }
  return null
}

/**
 * Parses a timestamp to epoch ms. Accepts ISO 8601 (with Z, an offset or nothing), "YYYY-MM-DD
 * HH:MM:SS" with an optional zone suffix ("+01:00", "UTC", "GMT+1", "Europe/Berlin"), German
 * "23.11.2026 14:05[:33]" and epoch seconds/milliseconds. Times without a zone are read in
 * `defaultZone`. Impossible dates (31.02.) are refused rather than rolled over.
 */
export function parseTimestamp(text: string, defaultZone = 'Europe/Berlin'): number {
  const t = text.trim()
  if (t === '') throw new ValueError('date is empty')
  if (isAllDigits(t) && (t.length === 10 || t.length === 13)) {
    return t.length === 10 ? Number(t) * 1000 : Number(t)
  }
  const p = splitDate(t)
  if (!p) {
    throw new ValueError(`'${t}' is not a date (expected DD.MM.YYYY [HH:MM] or YYYY-MM-DD [HH:MM:SS])`)
  }
  checkCalendar(t, p.y, p.mo, p.d, p.h, p.mi, p.s)
  const zone = p.zone
  if (zone === null) return zonedTimeToEpoch(defaultZone, p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms)
  if ('iana' in zone) return zonedTimeToEpoch(zone.iana, p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms)
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - zone.offsetMinutes * 60_000
}

/** A timestamp cell that may also arrive as a JSON number (epoch ms). */
export function parseTimestampValue(value: string | number, defaultZone = 'Europe/Berlin'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError(`'${value}' is not a date`)
    // 10-digit numbers are epoch seconds (Unix tools), larger ones milliseconds
    return value < 1e11 ? value * 1000 : value
  }
  return parseTimestamp(value, defaultZone)
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** A calendar day as YYYY-MM-DD from "23.11.2026", "2026-11-23" (a time part is ignored). */
export function parseDay(text: string): string {
  const t = text.trim()
  if (t === '') throw new ValueError('date is empty')
  const p = splitDate(t)
  if (!p) throw new ValueError(`'${t}' is not a date (expected DD.MM.YYYY or YYYY-MM-DD)`)
  checkCalendar(t, p.y, p.mo, p.d, p.h, p.mi, p.s)
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)}`
}

const MONTH = /^(\d{4})-(\d{1,2})$|^(\d{1,2})[./](\d{4})$/

/** A usage period start: a day, or a month ("2026-11", "11.2026", "11/2026") meaning its first day. */
export function parsePeriodStart(text: string): string {
  const t = text.trim()
  const m = MONTH.exec(t)
  if (m) {
    const y = Number(m[1] ?? m[4])
    const mo = Number(m[2] ?? m[3])
    checkCalendar(t, y, mo, 1)
    return `${y}-${pad2(mo)}-01`
  }
  return parseDay(t)
}
