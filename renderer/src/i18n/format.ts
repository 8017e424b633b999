import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_LANGUAGE, isUiLanguage, type UiLanguage } from './index'

/** BCP 47 locale used for Intl formatting per UI language. */
const LOCALES: Record<UiLanguage, string> = { de: 'de-DE', en: 'en-GB' }

export interface Formatters {
  locale: string
  /** Plain integer/decimal number, e.g. 2.000 / 2,000. */
  number(value: number): string
  /** A 0-1 share as a percentage without decimals, e.g. 72 %. */
  percent(share: number): string
  /** Integer euro cents as EUR currency. */
  money(cents: number): string
  /** Epoch milliseconds as date and time in the user's local time zone. */
  dateTime(epochMs: number): string
  /** Epoch milliseconds as a date in the user's local time zone. */
  date(epochMs: number): string
  /** A calendar date (YYYY-MM-DD); formatted as-is, never shifted by the time zone. */
  calendarDate(isoDate: string): string
  /** Name of a language code (e.g. "de") in the current UI language; the code itself when unknown. */
  languageName(code: string): string
  /** Signed integer, e.g. +2 / −3. */
  signed(value: number): string
  /** A 0-1 share as a percentage with one decimal, e.g. 2,5 %. */
  percentPrecise(share: number): string
  /** A whole-number percentage (e.g. -43) with a typographic sign, e.g. −43 % / +12 %. */
  signedPercent(pct: number): string
  /** A number with exactly `digits` decimals, e.g. 0,81. */
  decimal(value: number, digits: number): string
  /** Month and year of an epoch-ms period start (UTC), e.g. "Jan. 2026". */
  monthYear(epochMs: number): string
}

export function createFormatters(language: UiLanguage): Formatters {
  const locale = LOCALES[language]
  const numberFmt = new Intl.NumberFormat(locale)
  const signedFmt = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' })
  const percentFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  const moneyFmt = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' })
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const calendarFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const percentPreciseFmt = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })
  const signedPercentFmt = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  })
  const monthYearFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  const decimalFmts = new Map<number, Intl.NumberFormat>()
  let languageNames: Intl.DisplayNames | null = null
  try {
    languageNames = new Intl.DisplayNames([locale], { type: 'language' })
  } catch {
    languageNames = null
  }

  return {
    locale,
    number: (value) => numberFmt.format(value),
    percent: (share) => percentFmt.format(share),
    money: (cents) => moneyFmt.format(cents / 100),
    dateTime: (epochMs) => dateTimeFmt.format(new Date(epochMs)),
    date: (epochMs) => dateFmt.format(new Date(epochMs)),
    calendarDate(isoDate) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
      if (!match) return isoDate
      const [, y, m, d] = match
      return calendarFmt.format(new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))))
    },
    languageName(code) {
      try {
        return languageNames?.of(code) ?? code
      } catch {
        return code
      }
    },
    signed: (value) => signedFmt.format(value),
    percentPrecise: (share) => percentPreciseFmt.format(share),
    // Intl writes a hyphen-minus; a real minus sign reads better and is announced as "minus".
    signedPercent: (pct) => signedPercentFmt.format(pct / 100).replace('-', '\u2212'),
    decimal(value, digits) {
      let f = decimalFmts.get(digits)
      if (!f) {
        f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })
        decimalFmts.set(digits, f)
      }
      return f.format(value)
    },
    monthYear: (epochMs) => monthYearFmt.format(new Date(epochMs)),
  }
}

/** Formatters for the current UI language; re-created when the language changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation()
  const language: UiLanguage = isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  return useMemo(() => createFormatters(language), [language])
}
