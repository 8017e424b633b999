import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessHours,
  businessHoursBetween,
  DEFAULT_CALENDAR,
  DEFAULT_SLA_CAPS,
  DEFAULT_SLA_POLICIES,
  germanNationwideHolidays,
  holidaysInYear,
  slaHoursFor,
  DUE_SOON_MS,
  dueAtFor,
  policyFor,
  slaState,
  validateCalendar,
  type BusinessCalendar,
  type SlaPolicy,
} from '../../shared/domain/sla'

// All expected instants are written as UTC by hand: Berlin is UTC+1 in winter (CET) and UTC+2
// in summer (CEST, 2026-03-29 .. 2026-10-25); New York is UTC-5 / UTC-4 from 2026-03-08;
// Kolkata is always UTC+5:30.
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi)
const HOUR = 3_600_000

const weekdays = (range: [number, number]): BusinessCalendar['hours'] => ({
  '1': range,
  '2': range,
  '3': range,
  '4': range,
  '5': range,
})
const allWeek = (range: [number, number]): BusinessCalendar['hours'] => ({
  ...weekdays(range),
  '6': range,
  '7': range,
})

const kolkata: BusinessCalendar = { timeZone: 'Asia/Kolkata', hours: weekdays([540, 1050]), holidays: [] }
const newYork: BusinessCalendar = { timeZone: 'America/New_York', hours: weekdays([540, 1020]), holidays: [] }
const berlinAroundTheClock: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: allWeek([0, 1440]),
  holidays: [],
}

describe('defaults', () => {
  it('uses Berlin office hours Mon-Fri 08:00-18:00', () => {
    expect(DEFAULT_CALENDAR.timeZone).toBe('Europe/Berlin')
    expect(DEFAULT_CALENDAR.hours).toEqual(weekdays([480, 1080]))
  })

  it('computes the German nationwide holidays for any year from Easter (2026-03-28 .. 2030-04-21)', () => {
    // Easter Sundays, hand-checked: 2026-04-05, 2027-03-28, 2028-04-16, 2030-04-21. Good Friday is
    // two days before, Easter Monday one day after, Ascension 39 days and Whit Monday 50 days after.
    expect(DEFAULT_CALENDAR.publicHolidays).toBe('DE')
    expect(holidaysInYear(DEFAULT_CALENDAR, 2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-10-03',
      '2026-12-25',
      '2026-12-26',
    ])
    expect(holidaysInYear(DEFAULT_CALENDAR, 2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-17',
      '2027-10-03',
      '2027-12-25',
      '2027-12-26',
    ])
    expect(holidaysInYear(DEFAULT_CALENDAR, 2028)).toEqual([
      '2028-01-01',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-25',
      '2028-06-05',
      '2028-10-03',
      '2028-12-25',
      '2028-12-26',
    ])
    expect(holidaysInYear(DEFAULT_CALENDAR, 2030)).toEqual([
      '2030-01-01',
      '2030-04-19',
      '2030-04-22',
      '2030-05-01',
      '2030-05-30',
      '2030-06-10',
      '2030-10-03',
      '2030-12-25',
      '2030-12-26',
    ])
    expect(germanNationwideHolidays(2030)).toHaveLength(9)
  })

  it('skips computed holidays of later years when counting business hours', () => {
    // Thu 2028-04-13 17:00 CEST + 2 h: 1 h that day, then Good Friday, the weekend and Easter
    // Monday are closed -> Tue 2028-04-18 09:00 CEST (07:00 UTC).
    expect(addBusinessHours(utc(2028, 4, 13, 15), 2, DEFAULT_CALENDAR)).toBe(utc(2028, 4, 18, 7))
    // Wed 2030-05-29 17:00 CEST + 2 h: Ascension (Thu 2030-05-30) is closed -> Fri 09:00 CEST.
    expect(addBusinessHours(utc(2030, 5, 29, 15), 2, DEFAULT_CALENDAR)).toBe(utc(2030, 5, 31, 7))
    // Without the computed holidays the same start would end on Thursday 09:00.
    const plain = { ...DEFAULT_CALENDAR, publicHolidays: undefined }
    expect(addBusinessHours(utc(2030, 5, 29, 15), 2, plain)).toBe(utc(2030, 5, 30, 7))
    // Own days off still count on top of the computed ones.
    const withOwn = { ...DEFAULT_CALENDAR, holidays: ['2030-05-31'] }
    expect(addBusinessHours(utc(2030, 5, 29, 15), 2, withOwn)).toBe(utc(2030, 6, 3, 7))
    expect(holidaysInYear(withOwn, 2030)).toContain('2030-05-31')
  })

  it('has one policy per type and priority with the designed hours', () => {
    const table = Object.fromEntries(
      ['service_recovery', 'callback', 'retention', 'upsell'].map((type) => [
        type,
        [1, 2, 3, 4, 5].map(
          (priority) =>
            DEFAULT_SLA_POLICIES.filter((p) => p.type === type && p.priority === priority).map(
              (p) => p.businessHours,
            )[0],
        ),
      ]),
    )
    expect(DEFAULT_SLA_POLICIES).toHaveLength(20)
    expect(table).toEqual({
      service_recovery: [10, 20, 30, 40, 50],
      callback: [10, 20, 30, 40, 50],
      retention: [8, 16, 24, 40, 50],
      upsell: [40, 50, 60, 80, 100],
    })
  })
})

describe('addBusinessHours in Berlin office hours', () => {
  const add = (start: number, hours: number) => addBusinessHours(start, hours, DEFAULT_CALENDAR)

  it('carries Friday 17:00 + 2 h over the weekend to Monday 09:00', () => {
    expect(add(utc(2026, 1, 16, 16), 2)).toBe(utc(2026, 1, 19, 8))
  })

  it('ends exactly at closing time when the hours fill the day', () => {
    expect(add(utc(2026, 1, 16, 16), 1)).toBe(utc(2026, 1, 16, 17))
  })

  it('starts counting on Monday 08:00 for a Saturday start', () => {
    expect(add(utc(2026, 1, 17, 10), 1)).toBe(utc(2026, 1, 19, 8))
    expect(add(utc(2026, 1, 17, 10), 0.5)).toBe(utc(2026, 1, 19, 7, 30))
  })

  it('starts at the opening for an early start and the next day for a late one', () => {
    expect(add(utc(2026, 1, 20, 5), 1)).toBe(utc(2026, 1, 20, 8)) // Tue 06:00 -> 09:00 local
    expect(add(utc(2026, 1, 20, 18), 1)).toBe(utc(2026, 1, 21, 8)) // Tue 19:00 -> Wed 09:00 local
  })

  it('turns 20 h from Wednesday 10:00 into Friday 10:00', () => {
    expect(add(utc(2026, 1, 14, 9), 20)).toBe(utc(2026, 1, 16, 9))
  })

  it('keeps the local opening hour across the spring DST switch', () => {
    // Fri 2026-03-27 17:00 CET + 3 h = Mon 2026-03-30 10:00 CEST = 08:00Z.
    expect(add(utc(2026, 3, 27, 16), 3)).toBe(utc(2026, 3, 30, 8))
  })

  it('keeps the local opening hour across the autumn DST switch', () => {
    // Fri 2026-10-23 17:00 CEST + 3 h = Mon 2026-10-26 10:00 CET = 09:00Z.
    expect(add(utc(2026, 10, 23, 15), 3)).toBe(utc(2026, 10, 26, 9))
  })

  it('skips Karfreitag and Ostermontag 2026', () => {
    // Thu 2026-04-02 17:00 CEST + 2 h = Tue 2026-04-07 09:00 CEST.
    expect(add(utc(2026, 4, 2, 15), 2)).toBe(utc(2026, 4, 7, 7))
  })

  it('returns the start for zero hours and refuses impossible input', () => {
    expect(add(utc(2026, 1, 17, 10), 0)).toBe(utc(2026, 1, 17, 10))
    expect(() => add(utc(2026, 1, 16, 9), -1)).toThrow(RangeError)
    expect(() => add(Number.NaN, 1)).toThrow(RangeError)
    expect(() => addBusinessHours(0, 1, { timeZone: 'UTC', hours: {}, holidays: [] })).toThrow(RangeError)
  })
})

describe('addBusinessHours in other zones', () => {
  it('handles the 30-minute offset of Asia/Kolkata', () => {
    // Fri 2026-01-16 16:00 IST (10:30Z): 1.5 h until 17:30, then Mon 09:00 + 1.5 h = 10:30 IST.
    expect(addBusinessHours(utc(2026, 1, 16, 10, 30), 3, kolkata)).toBe(utc(2026, 1, 19, 5))
  })

  it('follows the US DST switch on 2026-03-08', () => {
    // Fri 2026-03-06 16:00 EST (21:00Z) + 2 h = Mon 2026-03-09 10:00 EDT = 14:00Z.
    expect(addBusinessHours(utc(2026, 3, 6, 21), 2, newYork)).toBe(utc(2026, 3, 9, 14))
  })

  it('counts real elapsed time when the switch falls inside business hours', () => {
    // Sat 2026-03-28 23:00 CET + 5 h: the clock jumps 02:00 -> 03:00, so 03:00Z = 05:00 CEST.
    expect(addBusinessHours(utc(2026, 3, 28, 22), 5, berlinAroundTheClock)).toBe(utc(2026, 3, 29, 3))
    expect(businessHoursBetween(utc(2026, 3, 28, 23), utc(2026, 3, 29, 22), berlinAroundTheClock)).toBe(23)
    expect(businessHoursBetween(utc(2026, 10, 24, 22), utc(2026, 10, 25, 23), berlinAroundTheClock)).toBe(25)
  })

  it('moves an opening time that does not exist forward and takes the first of a repeated one', () => {
    const sundayNight: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      hours: { '7': [150, 240] },
      holidays: [],
    }
    // 2026-03-29 02:30 does not exist: opening is 03:30 CEST (01:30Z), closing 04:00 CEST (02:00Z).
    expect(addBusinessHours(utc(2026, 3, 28, 12), 0.25, sundayNight)).toBe(utc(2026, 3, 29, 1, 45))
    expect(businessHoursBetween(utc(2026, 3, 28, 12), utc(2026, 3, 30, 12), sundayNight)).toBe(0.5)
    // 2026-10-25 02:30 happens twice: opening 02:30 CEST (00:30Z), closing 04:00 CET (03:00Z).
    expect(businessHoursBetween(utc(2026, 10, 24, 12), utc(2026, 10, 26, 12), sundayNight)).toBe(2.5)
  })
})

describe('businessHoursBetween', () => {
  const between = (from: number, to: number) => businessHoursBetween(from, to, DEFAULT_CALENDAR)

  it('is 0 when the end is not after the start', () => {
    expect(between(utc(2026, 1, 14, 9), utc(2026, 1, 14, 9))).toBe(0)
    expect(between(utc(2026, 1, 14, 12), utc(2026, 1, 14, 9))).toBe(0)
  })

  it('counts only open time over weekends, holidays and whole weeks', () => {
    expect(between(utc(2026, 1, 16, 16), utc(2026, 1, 19, 8))).toBe(2)
    expect(between(utc(2026, 4, 2, 15), utc(2026, 4, 7, 7))).toBe(2)
    expect(between(utc(2026, 1, 18, 23), utc(2026, 1, 25, 23))).toBe(50)
    expect(between(utc(2026, 1, 17, 0), utc(2026, 1, 18, 23))).toBe(0)
  })

  it('is the inverse of addBusinessHours for random starts and durations', () => {
    const calendars = [DEFAULT_CALENDAR, kolkata, newYork, berlinAroundTheClock]
    fc.assert(
      fc.property(
        fc.integer({ min: utc(2026, 1, 1, 0), max: utc(2027, 12, 1, 0) }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(...calendars),
        (start, quarterHours, cal) => {
          const hours = quarterHours / 4
          const due = addBusinessHours(start, hours, cal)
          expect(due).toBeGreaterThan(start)
          expect(businessHoursBetween(start, due, cal)).toBeCloseTo(hours, 9)
          expect(addBusinessHours(start, hours + 0.25, cal)).toBeGreaterThan(due)
        },
      ),
      { seed: 20_260_327, numRuns: 400 },
    )
  })
})

describe('policyFor and dueAtFor', () => {
  const sparse: SlaPolicy[] = [
    { type: 'service_recovery', priority: 1, businessHours: 10 },
    { type: 'service_recovery', priority: 3, businessHours: 30 },
    { type: 'service_recovery', priority: 5, businessHours: 50 },
    { type: 'upsell', priority: 2, businessHours: 99 },
  ]

  it('prefers the exact match', () => {
    expect(policyFor(sparse, 'service_recovery', 3)).toEqual(sparse[1])
  })

  it('falls back to the nearest priority of the same type, the more urgent on a tie', () => {
    expect(policyFor(sparse, 'service_recovery', 4)).toEqual(sparse[1])
    expect(policyFor(sparse, 'service_recovery', 2)).toEqual(sparse[0])
    expect(policyFor(sparse, 'service_recovery', 9)).toEqual(sparse[2])
    expect(policyFor(sparse, 'upsell', 5)).toEqual(sparse[3])
  })

  it('falls back to 20 hours when the type has no policy', () => {
    expect(policyFor(sparse, 'retention', 2)).toEqual({ type: 'retention', priority: 2, businessHours: 20 })
    expect(policyFor([], 'callback', 1)).toEqual({ type: 'callback', priority: 1, businessHours: 20 })
  })

  it('computes the due date from the matching policy', () => {
    // Detractor call back at p2 from Mon 2026-01-19 10:00 CET: 20 h = Wed 10:00 CET.
    expect(
      dueAtFor(utc(2026, 1, 19, 9), 'service_recovery', 2, DEFAULT_SLA_POLICIES, DEFAULT_CALENDAR),
    ).toEqual({ dueAt: utc(2026, 1, 21, 9), businessHours: 20 })
    // Upsell p5: 100 h = ten business days, Mon 2026-01-19 10:00 -> Mon 2026-02-02 10:00.
    expect(dueAtFor(utc(2026, 1, 19, 9), 'upsell', 5, DEFAULT_SLA_POLICIES, DEFAULT_CALENDAR)).toEqual({
      dueAt: utc(2026, 2, 2, 9),
      businessHours: 100,
    })
    // Retention p1: 8 h from Fri 2026-01-16 15:00 CET = 3 h Friday + 5 h Monday = Mon 13:00 CET.
    expect(dueAtFor(utc(2026, 1, 16, 14), 'retention', 1, DEFAULT_SLA_POLICIES, DEFAULT_CALENDAR)).toEqual({
      dueAt: utc(2026, 1, 19, 12),
      businessHours: 8,
    })
  })

  it('caps a detractor callback at 48 h (two working days) whatever its priority', () => {
    const detractor = { cause: 'detractor' as const, caps: DEFAULT_SLA_CAPS }
    expect(DEFAULT_SLA_CAPS).toEqual([{ cause: 'detractor', businessHours: 20 }])
    // A low-value detractor: p5 service recovery would allow 50 h (Mon 10:00 -> next Mon 10:00) ...
    expect(
      dueAtFor(utc(2026, 1, 19, 9), 'service_recovery', 5, DEFAULT_SLA_POLICIES, DEFAULT_CALENDAR),
    ).toEqual({ dueAt: utc(2026, 1, 26, 9), businessHours: 50 })
    // ... the cap makes it 20 h: Mon 10:00 -> Wed 10:00 CET.
    expect(
      dueAtFor(utc(2026, 1, 19, 9), 'service_recovery', 5, DEFAULT_SLA_POLICIES, DEFAULT_CALENDAR, detractor),
    ).toEqual({ dueAt: utc(2026, 1, 21, 9), businessHours: 20 })
    // A stricter policy stays stricter (p1 = 10 h), and other causes are not capped.
    expect(slaHoursFor(DEFAULT_SLA_POLICIES, 'service_recovery', 1, detractor)).toBe(10)
    expect(slaHoursFor(DEFAULT_SLA_POLICIES, 'retention', 5, { cause: 'risk', caps: DEFAULT_SLA_CAPS })).toBe(
      50,
    )
    // Configurable: a 30-hour cap for detractors and one for risk loops.
    const caps = [
      { cause: 'detractor' as const, businessHours: 30 },
      { cause: 'risk' as const, businessHours: 16 },
    ]
    expect(slaHoursFor(DEFAULT_SLA_POLICIES, 'service_recovery', 5, { cause: 'detractor', caps })).toBe(30)
    expect(slaHoursFor(DEFAULT_SLA_POLICIES, 'retention', 5, { cause: 'risk', caps })).toBe(16)
    expect(slaHoursFor(DEFAULT_SLA_POLICIES, 'retention', 5, { cause: null, caps })).toBe(50)
  })

  it('counts a policy around the clock when it is not limited to business hours', () => {
    const policies: SlaPolicy[] = [
      { type: 'callback', priority: 1, businessHours: 30, businessHoursOnly: false },
      { type: 'callback', priority: 2, businessHours: 30, businessHoursOnly: true },
    ]
    // Fri 2026-01-23 17:00 CET (16:00 UTC) + 30 clock hours = Sat 23:00 CET (22:00 UTC) ...
    expect(dueAtFor(utc(2026, 1, 23, 16), 'callback', 1, policies, DEFAULT_CALENDAR)).toEqual({
      dueAt: utc(2026, 1, 24, 22),
      businessHours: 30,
    })
    // ... while 30 business hours from then: 1 h Fri, 10 h Mon, Tue, Wed -> Wed 18:00 CET, minus
    // 1 h = Wed 17:00 CET (16:00 UTC).
    expect(dueAtFor(utc(2026, 1, 23, 16), 'callback', 2, policies, DEFAULT_CALENDAR)).toEqual({
      dueAt: utc(2026, 1, 28, 16),
      businessHours: 30,
    })
    // A detractor cap of 20 business hours (Fri 1 h + Mon 10 h + Tue 9 h = Tue 17:00 CET) is later
    // than the clock-hour deadline, so the policy's Saturday deadline holds ...
    const detractor = { cause: 'detractor' as const, caps: DEFAULT_SLA_CAPS }
    expect(dueAtFor(utc(2026, 1, 23, 16), 'callback', 1, policies, DEFAULT_CALENDAR, detractor)).toEqual({
      dueAt: utc(2026, 1, 24, 22),
      businessHours: 30,
    })
    // ... and for the business-hour policy the earlier cap does.
    expect(dueAtFor(utc(2026, 1, 23, 16), 'callback', 2, policies, DEFAULT_CALENDAR, detractor)).toEqual({
      dueAt: utc(2026, 1, 27, 16),
      businessHours: 20,
    })
  })
})

describe('slaState', () => {
  const due = utc(2026, 1, 21, 9)

  it('is ok without a due date', () => {
    expect(slaState(null, due, null)).toBe('ok')
  })

  it('is met when the customer was informed at or before the due time, else missed', () => {
    expect(slaState(due, due + 10 * HOUR, due)).toBe('met')
    expect(slaState(due, due + 10 * HOUR, due - 1)).toBe('met')
    expect(slaState(due, due - 10 * HOUR, due + 1)).toBe('missed')
  })

  it('is breached only after the due time', () => {
    expect(slaState(due, due + 1, null)).toBe('breached')
    expect(slaState(due, due, null)).toBe('due_soon')
  })

  it('is due soon within four hours, ok before that', () => {
    expect(DUE_SOON_MS).toBe(14_400_000)
    expect(slaState(due, due - 4 * HOUR, null)).toBe('due_soon')
    expect(slaState(due, due - 4 * HOUR - 1, null)).toBe('ok')
  })
})

describe('validateCalendar', () => {
  it('accepts the default and other sound calendars', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([])
    expect(validateCalendar(kolkata)).toEqual([])
    expect(validateCalendar(berlinAroundTheClock)).toEqual([])
  })

  it('reports an unknown time zone', () => {
    expect(validateCalendar({ ...DEFAULT_CALENDAR, timeZone: 'Mars/Olympus_Mons' })).toEqual([
      'unknown time zone "Mars/Olympus_Mons"',
    ])
  })

  it('reports reversed and out-of-range hours and a calendar that never opens', () => {
    expect(
      validateCalendar({
        timeZone: 'Europe/Berlin',
        hours: { '1': [600, 600], '2': [-10, 600], '3': [480, 1500], '4': [480.5, 600] },
        holidays: [],
      }),
    ).toEqual([
      'weekday 1: start 600 must be before end 600',
      'weekday 2: minutes must be whole numbers from 0 to 1440',
      'weekday 3: minutes must be whole numbers from 0 to 1440',
      'weekday 4: minutes must be whole numbers from 0 to 1440',
      'no business hours on any weekday',
    ])
    expect(validateCalendar({ timeZone: 'UTC', hours: {}, holidays: [] })).toEqual([
      'no business hours on any weekday',
    ])
  })

  it('reports holidays that are not real dates', () => {
    expect(validateCalendar({ ...DEFAULT_CALENDAR, holidays: ['2026-02-30', '2026-12-24'] })).toEqual([
      'holiday "2026-02-30" is not a valid date',
    ])
  })
})
