// Dates are shown in the agent's local time: pin the zone before any formatter is built.
process.env.TZ = 'Europe/Berlin'

import { describe, expect, it } from 'vitest'
import { createFormatters } from '../../renderer/src/i18n/format'

/** German number formats put a no-break space between a number and its unit (€, %). */
const NBSP = '\u00a0'
const MINUS = '\u2212'

// Thursday 24 December 2026, 16:05 in Berlin (CET, UTC+1).
const CHRISTMAS_EVE = Date.UTC(2026, 11, 24, 15, 5)
// Sunday 29 March 2026, 03:30 in Berlin: the first hour of summer time (CEST, UTC+2).
const AFTER_DST = Date.UTC(2026, 2, 29, 1, 30)

describe('locale formatting: German (default) and English', () => {
  const de = createFormatters('de')
  const en = createFormatters('en')

  it('uses de-DE and en-GB', () => {
    expect(de.locale).toBe('de-DE')
    expect(en.locale).toBe('en-GB')
  })

  it('formats euro amounts from integer cents', () => {
    expect(de.money(123_456)).toBe(`1.234,56${NBSP}€`)
    expect(en.money(123_456)).toBe('€1,234.56')
    expect(de.money(48_000)).toBe(`480,00${NBSP}€`)
    expect(en.money(5)).toBe('€0.05')
    expect(de.money(-1_999)).toBe(`-19,99${NBSP}€`)
    expect(en.money(-1_999)).toBe('-€19.99')
    expect(de.money(100_000_000)).toBe(`1.000.000,00${NBSP}€`)
  })

  it('formats plain numbers, decimals and signs', () => {
    expect(de.number(1_000_000)).toBe('1.000.000')
    expect(en.number(1_000_000)).toBe('1,000,000')
    expect(de.number(2.5)).toBe('2,5')
    expect(en.number(2.5)).toBe('2.5')
    expect(de.decimal(0.8125, 2)).toBe('0,81')
    expect(en.decimal(0.8125, 2)).toBe('0.81')
    expect(de.decimal(7, 1)).toBe('7,0')
    expect(de.signed(2)).toBe('+2')
    expect(en.signed(-3)).toBe('-3')
    expect(de.signed(0)).toBe('0')
  })

  it('formats shares as percentages', () => {
    expect(de.percent(0.72)).toBe(`72${NBSP}%`)
    expect(en.percent(0.72)).toBe('72%')
    expect(de.percent(0.2)).toBe(`20${NBSP}%`)
    expect(de.percentPrecise(0.025)).toBe(`2,5${NBSP}%`)
    expect(en.percentPrecise(0.025)).toBe('2.5%')
    // A real minus sign (announced as "minus"), not the hyphen Intl writes.
    expect(de.signedPercent(-43)).toBe(`${MINUS}43${NBSP}%`)
    expect(en.signedPercent(-43)).toBe(`${MINUS}43%`)
    expect(en.signedPercent(12)).toBe('+12%')
    expect(de.signedPercent(0)).toBe(`0${NBSP}%`)
  })

  it('formats dates and times in the local time zone', () => {
    expect(de.date(CHRISTMAS_EVE)).toBe('24.12.2026')
    expect(en.date(CHRISTMAS_EVE)).toBe('24 Dec 2026')
    expect(de.dateTime(CHRISTMAS_EVE)).toBe('24.12.2026, 16:05')
    expect(en.dateTime(CHRISTMAS_EVE)).toBe('24 Dec 2026, 16:05')
    // Across the spring switch: 01:30 UTC is 03:30 summer time, not 02:30.
    expect(de.dateTime(AFTER_DST)).toBe('29.03.2026, 03:30')
    // 23:30 UTC on 31 Dec is already New Year's Day in Berlin.
    expect(de.date(Date.UTC(2026, 11, 31, 23, 30))).toBe('01.01.2027')
    expect(en.date(Date.UTC(2026, 11, 31, 23, 30))).toBe('1 Jan 2027')
  })

  it('shows calendar dates and months as they are, never shifted by the zone', () => {
    expect(de.calendarDate('2026-03-01')).toBe('01.03.2026')
    expect(en.calendarDate('2026-03-01')).toBe('1 Mar 2026')
    expect(de.calendarDate('not a date')).toBe('not a date')
    // Period starts are UTC midnights: 1 Jan 00:00 UTC stays January in Berlin's UI.
    expect(de.monthYear(Date.UTC(2026, 0, 1))).toBe('Jan. 2026')
    expect(en.monthYear(Date.UTC(2026, 0, 1))).toBe('Jan 2026')
    expect(de.monthYear(Date.UTC(2026, 2, 1))).toBe('März 2026')
    expect(en.monthYear(Date.UTC(2026, 8, 1))).toBe('Sept 2026')
  })

  it('names languages in the UI language', () => {
    expect(de.languageName('de')).toBe('Deutsch')
    expect(de.languageName('en')).toBe('Englisch')
    expect(en.languageName('de')).toBe('German')
    expect(en.languageName('not a code!')).toBe('not a code!')
  })
})
