/**
 * SLA due dates in business time. Pure (no Node APIs) so the core and the renderer compute the
 * same instants. Wall time <-> UTC goes through Intl.DateTimeFormat, so DST switches and
 * half-hour zones follow the time zone database of the running engine.
 */
import type { LoopType } from './loopLifecycle'

/** ISO weekday, 1 = Monday .. 7 = Sunday. */
export type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7'

export interface BusinessCalendar {
  /** IANA zone in which the hours and holidays are meant, e.g. 'Europe/Berlin'. */
  timeZone: string
  /** [startMinute, endMinute) after local midnight; a missing weekday is closed. */
  hours: Partial<Record<Weekday, [number, number]>>
  /** 'YYYY-MM-DD' local dates without business hours (company days off, regional holidays). */
  holidays: string[]
  /** Public holidays computed for every year on top of `holidays`: 'DE' = Germany's nationwide ones. */
  publicHolidays?: PublicHolidayRules | undefined
}

export const PUBLIC_HOLIDAY_RULES = ['DE'] as const
export type PublicHolidayRules = (typeof PUBLIC_HOLIDAY_RULES)[number]

/** What made a loop, as far as SLA caps care. */
export const SLA_CAUSES = ['detractor', 'negative_topic', 'at_risk_promoter', 'risk'] as const
export type SlaCause = (typeof SLA_CAUSES)[number]

/**
 * An upper bound for loops of one cause, whatever their type and priority: "a detractor is called
 * back within 48 h" must hold for a low-value detractor too, whose priority alone would allow more.
 */
export interface SlaCap {
  cause: SlaCause
  businessHours: number
}

export interface SlaPolicy {
  type: LoopType
  priority: number
  /** The hours allowed (named for the usual case; see businessHoursOnly). */
  businessHours: number
  /** false: the hours run around the clock (24/7), not only in the calendar's business hours. */
  businessHoursOnly?: boolean | undefined
}

export type SlaState = 'ok' | 'due_soon' | 'breached' | 'met' | 'missed'

export const DUE_SOON_MS = 4 * 3_600_000

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const MINUTES_PER_DAY = 1440
const FALLBACK_BUSINESS_HOURS = 20
/** No calendar with at most 400 holidays closes for ten years; more means it has no hours at all. */
const MAX_CLOSED_DAYS = 3660

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Easter Sunday (Gregorian), anonymous algorithm (Meeus/Jones/Butcher); month is 1-based. */
function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const n = h + l - 7 * m + 114
  return { month: Math.floor(n / 31), day: (n % 31) + 1 }
}

/** Holidays observed in every German state; the movable ones hang off Easter. */
export function germanNationwideHolidays(year: number): string[] {
  const easter = easterSunday(year)
  const easterOffset = (days: number): string => {
    const date = new Date(Date.UTC(year, easter.month - 1, easter.day + days))
    return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  }
  return [
    isoDate(year, 1, 1), // Neujahr
    easterOffset(-2), // Karfreitag
    easterOffset(1), // Ostermontag
    isoDate(year, 5, 1), // Tag der Arbeit
    easterOffset(39), // Christi Himmelfahrt
    easterOffset(50), // Pfingstmontag
    isoDate(year, 10, 3), // Tag der Deutschen Einheit
    isoDate(year, 12, 25), // 1. Weihnachtstag
    isoDate(year, 12, 26), // 2. Weihnachtstag
  ]
}

const OFFICE_DAY: [number, number] = [8 * 60, 18 * 60]

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { '1': OFFICE_DAY, '2': OFFICE_DAY, '3': OFFICE_DAY, '4': OFFICE_DAY, '5': OFFICE_DAY },
  holidays: [],
  publicHolidays: 'DE',
}

/** "Detractor callback within 48 h": two 10-hour working days, like the README's reading of 48 h. */
export const DEFAULT_SLA_CAPS: SlaCap[] = [{ cause: 'detractor', businessHours: 20 }]

const PUBLIC_HOLIDAYS: Record<PublicHolidayRules, (year: number) => string[]> = {
  DE: germanNationwideHolidays,
}

/** Business hours per priority 1..5. A detractor call back "within 48 h" means two 10-hour days at p2. */
const HOURS_BY_TYPE: Readonly<Record<LoopType, readonly number[]>> = {
  service_recovery: [10, 20, 30, 40, 50],
  callback: [10, 20, 30, 40, 50],
  retention: [8, 16, 24, 40, 50],
  upsell: [40, 50, 60, 80, 100],
}

export const DEFAULT_SLA_POLICIES: SlaPolicy[] = (Object.keys(HOURS_BY_TYPE) as LoopType[]).flatMap((type) =>
  HOURS_BY_TYPE[type].map((businessHours, index) => ({ type, priority: index + 1, businessHours })),
)

// ---------------------------------------------------------------------------------------------
// Time zone arithmetic
// ---------------------------------------------------------------------------------------------

/** Offsets are cached per 15 minutes: every modern zone transition falls on such a boundary. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS
const MAX_CACHED_OFFSETS = 200_000

interface Zone {
  format: Intl.DateTimeFormat
  offsets: Map<number, number>
}

const zones = new Map<string, Zone>()

/** Throws RangeError for a zone the engine does not know. */
function zoneOf(timeZone: string): Zone {
  let zone = zones.get(timeZone)
  if (!zone) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    zone = { format, offsets: new Map() }
    zones.set(timeZone, zone)
  }
  return zone
}

/** Local wall time minus UTC at instant `ms`, straight from Intl (slow: allocates parts). */
function measureOffset(zone: Zone, ms: number): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of zone.format.formatToParts(wholeSecond)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value)
  }
  // Some engines still print midnight as 24 despite hourCycle h23.
  const wall = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour % 24,
    fields.minute,
    fields.second,
  )
  return wall - wholeSecond
}

function offsetAt(zone: Zone, ms: number): number {
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS)
  const cached = zone.offsets.get(bucket)
  if (cached !== undefined) return cached
  const bucketStart = bucket * OFFSET_BUCKET_MS
  const atStart = measureOffset(zone, bucketStart)
  // Only a bucket whose both ends agree has one offset throughout (no zone switches twice in 15 min).
  if (atStart !== measureOffset(zone, bucketStart + OFFSET_BUCKET_MS - 1000)) return measureOffset(zone, ms)
  if (zone.offsets.size >= MAX_CACHED_OFFSETS) zone.offsets.clear()
  zone.offsets.set(bucket, atStart)
  return atStart
}

/**
 * The UTC instant of a local wall time given as "local ms" (wall time read as if it were UTC).
 * Ambiguous times (autumn) take the earlier instant; skipped times (spring) move forward by the
 * gap, like Temporal's 'compatible' disambiguation.
 */
function localToUtc(zone: Zone, localMs: number): number {
  const before = offsetAt(zone, localMs - DAY_MS)
  const after = offsetAt(zone, localMs + DAY_MS)
  if (before === after) return localMs - before
  const withBefore = localMs - before
  const withAfter = localMs - after
  const beforeValid = offsetAt(zone, withBefore) === before
  const afterValid = offsetAt(zone, withAfter) === after
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter)
  if (afterValid) return withAfter
  return withBefore
}

/** Days since 1970-01-01 of the local date at instant `ms`. */
function localDayOf(zone: Zone, ms: number): number {
  return Math.floor((ms + offsetAt(zone, ms)) / DAY_MS)
}

// ---------------------------------------------------------------------------------------------
// Business windows
// ---------------------------------------------------------------------------------------------

interface CompiledCalendar {
  source: {
    timeZone: string
    hours: BusinessCalendar['hours']
    holidays: string[]
    publicHolidays: PublicHolidayRules | undefined
  }
  zone: Zone
  /** Index = ISO weekday 1..7. */
  hoursByWeekday: ([number, number] | undefined)[]
  holidayDays: Set<number>
  /** Years whose public holidays are already in holidayDays. */
  publicYears: Set<number>
  /** First and last day of the year looked at last (most lookups stay inside one year). */
  yearSpan: [number, number]
  hasHours: boolean
}

/** Calendars are treated as immutable values; the cache is refreshed when a field is replaced. */
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>()

function compile(cal: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(cal)
  if (
    cached &&
    cached.source.timeZone === cal.timeZone &&
    cached.source.hours === cal.hours &&
    cached.source.holidays === cal.holidays &&
    cached.source.publicHolidays === cal.publicHolidays
  )
    return cached
  const hoursByWeekday: ([number, number] | undefined)[] = [undefined]
  for (let weekday = 1; weekday <= 7; weekday++) hoursByWeekday.push(cal.hours[String(weekday) as Weekday])
  const holidayDays = new Set<number>()
  for (const holiday of cal.holidays) {
    const day = dayNumberOfIsoDate(holiday)
    if (day !== null) holidayDays.add(day)
  }
  const compiled: CompiledCalendar = {
    source: {
      timeZone: cal.timeZone,
      hours: cal.hours,
      holidays: cal.holidays,
      publicHolidays: cal.publicHolidays,
    },
    zone: zoneOf(cal.timeZone),
    hoursByWeekday,
    holidayDays,
    publicYears: new Set(),
    yearSpan: [1, 0],
    hasHours: hoursByWeekday.some((range) => range !== undefined && range[1] > range[0]),
  }
  compiledCalendars.set(cal, compiled)
  return compiled
}

/** Days since 1970-01-01 for 'YYYY-MM-DD', or null if it is not a real date. */
function dayNumberOfIsoDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null
  return Math.round(date.getTime() / DAY_MS)
}

/** Computed once per calendar and year, the first time a day of that year is looked at. */
function addPublicHolidays(cal: CompiledCalendar, year: number): void {
  const rules = cal.source.publicHolidays
  cal.yearSpan = [Date.UTC(year, 0, 1) / DAY_MS, Date.UTC(year, 11, 31) / DAY_MS]
  if (!rules || cal.publicYears.has(year)) return
  cal.publicYears.add(year)
  for (const holiday of PUBLIC_HOLIDAYS[rules](year)) {
    const day = dayNumberOfIsoDate(holiday)
    if (day !== null) cal.holidayDays.add(day)
  }
}

/** Every closed date of `year` the calendar knows: its own list and the computed public holidays. */
export function holidaysInYear(cal: BusinessCalendar, year: number): string[] {
  const own = cal.holidays.filter((h) => h.startsWith(`${year}-`))
  const computed = cal.publicHolidays ? PUBLIC_HOLIDAYS[cal.publicHolidays](year) : []
  return [...new Set([...own, ...computed])].sort()
}

function isoWeekdayOfDay(day: number): number {
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  return ((((day + 3) % 7) + 7) % 7) + 1
}

/** The UTC interval of business time on a local day, or null when closed. */
function windowOf(cal: CompiledCalendar, day: number): { open: number; close: number } | null {
  if (cal.source.publicHolidays && (day < cal.yearSpan[0] || day > cal.yearSpan[1]))
    addPublicHolidays(cal, new Date(day * DAY_MS).getUTCFullYear())
  if (cal.holidayDays.has(day)) return null
  const range = cal.hoursByWeekday[isoWeekdayOfDay(day)]
  if (!range || range[1] <= range[0]) return null
  const midnight = day * DAY_MS
  return {
    open: localToUtc(cal.zone, midnight + range[0] * MINUTE_MS),
    close: localToUtc(cal.zone, midnight + range[1] * MINUTE_MS),
  }
}

function assertFiniteInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of milliseconds`)
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * The instant at which `hours` of business time have elapsed after `startMs`. A start outside
 * business hours starts counting at the next opening; a deadline that exactly fills a day ends
 * at that day's closing time. Walks day by day, never minute by minute.
 */
export function addBusinessHours(startMs: number, hours: number, cal: BusinessCalendar): number {
  assertFiniteInstant('startMs', startMs)
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a finite number >= 0')
  if (hours === 0) return startMs
  const compiled = compile(cal)
  if (!compiled.hasHours) throw new RangeError('the business calendar has no business hours')
  let remaining = Math.round(hours * HOUR_MS)
  let closedDays = 0
  for (let day = localDayOf(compiled.zone, startMs); ; day++) {
    const window = windowOf(compiled, day)
    const from = window ? Math.max(window.open, startMs) : 0
    if (!window || from >= window.close) {
      if (++closedDays > MAX_CLOSED_DAYS) throw new RangeError('the business calendar never opens')
      continue
    }
    closedDays = 0
    const available = window.close - from
    if (remaining <= available) return from + remaining
    remaining -= available
  }
}

/** Business hours elapsed between two instants; 0 if `toMs` is not after `fromMs`. */
export function businessHoursBetween(fromMs: number, toMs: number, cal: BusinessCalendar): number {
  assertFiniteInstant('fromMs', fromMs)
  assertFiniteInstant('toMs', toMs)
  if (toMs <= fromMs) return 0
  const compiled = compile(cal)
  const lastDay = localDayOf(compiled.zone, toMs)
  let elapsed = 0
  for (let day = localDayOf(compiled.zone, fromMs); day <= lastDay; day++) {
    const window = windowOf(compiled, day)
    if (!window) continue
    const overlap = Math.min(window.close, toMs) - Math.max(window.open, fromMs)
    if (overlap > 0) elapsed += overlap
  }
  return elapsed / HOUR_MS
}

/**
 * Exact match; else the same type with the nearest priority (on a tie the more urgent one,
 * i.e. the stricter deadline); else a 20-hour default.
 */
export function policyFor(policies: readonly SlaPolicy[], type: LoopType, priority: number): SlaPolicy {
  let best: SlaPolicy | null = null
  for (const policy of policies) {
    if (policy.type !== type) continue
    if (policy.priority === priority) return policy
    if (!best) {
      best = policy
      continue
    }
    const distance = Math.abs(policy.priority - priority)
    const bestDistance = Math.abs(best.priority - priority)
    if (distance < bestDistance || (distance === bestDistance && policy.priority < best.priority))
      best = policy
  }
  return best ?? { type, priority, businessHours: FALLBACK_BUSINESS_HOURS }
}

/** The policy's hours, or the cause's cap when that is stricter. */
export function slaHoursFor(
  policies: readonly SlaPolicy[],
  type: LoopType,
  priority: number,
  cause?: { cause: SlaCause | null; caps: readonly SlaCap[] },
): number {
  const { businessHours } = policyFor(policies, type, priority)
  const cap = cause?.cause ? cause.caps.find((c) => c.cause === cause.cause) : undefined
  return cap ? Math.min(businessHours, cap.businessHours) : businessHours
}

export function dueAtFor(
  createdAt: number,
  type: LoopType,
  priority: number,
  policies: readonly SlaPolicy[],
  cal: BusinessCalendar,
  cause?: { cause: SlaCause | null; caps: readonly SlaCap[] },
): { dueAt: number; businessHours: number } {
  const policy = policyFor(policies, type, priority)
  const policyDue =
    policy.businessHoursOnly === false
      ? createdAt + policy.businessHours * HOUR_MS
      : addBusinessHours(createdAt, policy.businessHours, cal)
  // A cause's cap is in business hours; the earlier of the two deadlines holds.
  const cap = cause?.cause ? cause.caps.find((c) => c.cause === cause.cause) : undefined
  if (cap) {
    const capDue = addBusinessHours(createdAt, cap.businessHours, cal)
    if (capDue < policyDue) return { dueAt: capDue, businessHours: cap.businessHours }
  }
  return { dueAt: policyDue, businessHours: policy.businessHours }
}

export function slaState(dueAt: number | null, now: number, informedAt: number | null): SlaState {
  if (dueAt === null) return 'ok'
  if (informedAt !== null) return informedAt <= dueAt ? 'met' : 'missed'
  if (now > dueAt) return 'breached'
  return dueAt - now <= DUE_SOON_MS ? 'due_soon' : 'ok'
}

/** Human-readable problems (English, for logs and the VALIDATION error); empty when usable. */
export function validateCalendar(cal: BusinessCalendar): string[] {
  const problems: string[] = []
  try {
    zoneOf(cal.timeZone)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    problems.push(`unknown time zone "${cal.timeZone}"`)
  }
  let anyHours = false
  for (const [weekday, range] of Object.entries(cal.hours)) {
    if (!range) continue
    const [start, end] = range
    const inDay = (minute: number) => Number.isInteger(minute) && minute >= 0 && minute <= MINUTES_PER_DAY
    if (!inDay(start) || !inDay(end)) {
      problems.push(`weekday ${weekday}: minutes must be whole numbers from 0 to ${MINUTES_PER_DAY}`)
    } else if (start >= end) {
      problems.push(`weekday ${weekday}: start ${start} must be before end ${end}`)
    } else {
      anyHours = true
    }
  }
  if (!anyHours) problems.push('no business hours on any weekday')
  for (const holiday of cal.holidays) {
    if (dayNumberOfIsoDate(holiday) === null) problems.push(`holiday "${holiday}" is not a valid date`)
  }
  return problems
}
