import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'

export const DEFAULT_REGION: CountryCode = 'DE'

/** What a caller-id or a typed search string looks like after normalisation. */
export type PhoneParse =
  { ok: true; e164: string } | { ok: false; reason: 'empty' | 'not_a_number' | 'invalid' }

// Real caller-ids and CRM fields carry labels, "tel:" prefixes and separators; libphonenumber copes
// with spaces, dashes, slashes and brackets, so only strip what it does not know.
function clean(input: string): string {
  return input
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\u00a0\u2000-\u200b]/g, ' ')
}

/**
 * Normalises a phone number in any common notation (+49 30 1234567, 030/1234567, 0049301234567,
 * (030) 123 45 67) to E.164, using the configured default region for national numbers.
 */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): PhoneParse {
  const text = clean(input)
  if (text === '') return { ok: false, reason: 'empty' }
  if (!/^[+(]?[\d\s()./-]{3,40}$/.test(text)) return { ok: false, reason: 'not_a_number' }
  const parsed = parsePhoneNumberFromString(text, region)
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' }
  return { ok: true, e164: parsed.number }
}

/** True when the text is plausibly meant as a phone number (used to route a search box query). */
export function looksLikePhone(input: string): boolean {
  const text = clean(input)
  const digits = text.replace(/\D/g, '')
  return digits.length >= 5 && /^[+(]?[\d\s()./-]+$/.test(text)
}

/** Human formatting for display; falls back to the stored value when it cannot be parsed. */
export function formatPhone(e164: string, style: 'international' | 'national' = 'international'): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return style === 'national' ? parsed.formatNational() : parsed.formatInternational()
}

export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value)
}
