import type { CountryCode } from 'libphonenumber-js'
import type { CellValue } from './feedbackFields'
import { makeCustomerKey } from './feedbackFields'
import { ValueError } from './types'
import type {
  ChurnRecord,
  ContactPointRecord,
  CustomerKey,
  CustomerKeyKind,
  CustomerRecord,
  TicketRecord,
  TicketStatus,
  UsageRecord,
  Vertical,
} from './types'
import {
  parseBoolean,
  parseDay,
  parseEmail,
  parseLanguage,
  parseMoneyCents,
  parseNumber,
  parsePeriodStart,
  parseTimestampValue,
  textOrNull,
} from './values'
import type { NumberFormat } from './values'

/**
 * What the generic readers know about customers, usage, tickets and churn events: the column
 * names (German and English, as CRMs and Excel sheets write them) and how a row becomes a record.
 */

/** Lower-case letters and digits only: "Customer No.", "customer_no" and "customerNo" all match. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

export const KEY_ALIASES: Record<CustomerKeyKind, string[]> = {
  customer_no: ['customerno', 'customernumber', 'customerid', 'kundennummer', 'kundennr', 'kundenid', 'kdnr'],
  email: ['email', 'emailaddress', 'emailadresse', 'mail'],
  phone: ['phone', 'phonenumber', 'telefon', 'telefonnummer', 'tel', 'mobile', 'mobil', 'handy'],
  external: ['externalid', 'externalreference', 'externeid'],
}

export interface BuildContext {
  numberFormat: NumberFormat
  timeZone: string
  region?: CountryCode
}

/** Reads one logical field of the current row (CSV cell or JSON property). */
export type FieldGetter<F extends string> = (field: F) => CellValue

export interface RecordSpec<T, F extends string> {
  /** "customer", "usage row": used in messages */
  what: string
  aliases: Record<F, string[]>
  /** fields whose column must exist in a CSV header */
  required: F[]
  /** true when rows name a customer through a customer key column */
  needsCustomerKey: boolean
  build(get: FieldGetter<F>, key: CustomerKey | null, ctx: BuildContext): T
  /** id used to spot the same record twice in one file */
  identity?(record: T): string | null
  identityLabel?: string
}

function text(value: CellValue): string {
  return value == null ? '' : String(value).trim()
}

function required(value: CellValue, what: string): string {
  const t = text(value)
  if (t === '') throw new ValueError(`missing ${what}`)
  return t
}

function number(value: CellValue, ctx: BuildContext, what: string): number | null {
  if (value == null) return null
  if (typeof value === 'number') return value
  try {
    return parseNumber(value, ctx.numberFormat)
  } catch {
    throw new ValueError(`${what} '${value.trim()}' is not a number`)
  }
}

function timestamp(value: CellValue, ctx: BuildContext, what: string): number {
  if (value == null || text(value) === '') throw new ValueError(`missing ${what}`)
  return parseTimestampValue(typeof value === 'number' ? value : value.trim(), ctx.timeZone)
}

function optionalTimestamp(value: CellValue, ctx: BuildContext, what: string): number | null {
  return value == null || text(value) === '' ? null : timestamp(value, ctx, what)
}

function day(value: CellValue): string | null {
  const t = text(value)
  return t === '' ? null : parseDay(t)
}

const VERTICALS: Record<string, Vertical> = {
  telecom: 'telecom',
  telco: 'telecom',
  telekommunikation: 'telecom',
  telecommunications: 'telecom',
  ecommerce: 'ecommerce',
  onlineshop: 'ecommerce',
  onlinehandel: 'ecommerce',
  shop: 'ecommerce',
  saas: 'saas',
  software: 'saas',
}

function vertical(value: CellValue): Vertical | null {
  const t = text(value)
  if (t === '') return null
  const v = VERTICALS[normalizeName(t)]
  if (!v) throw new ValueError(`vertical '${t}' is not one of telecom, ecommerce, saas`)
  return v
}

// valueCents holds cents (a column named value_cents), value an amount in euros ("Wert": "1.234,56 €")
type CustomerField = keyof CustomerRecord | 'value'

export const customerSpec: RecordSpec<CustomerRecord, CustomerField> = {
  what: 'customer',
  aliases: {
    customerNo: KEY_ALIASES.customer_no,
    firstName: ['firstname', 'vorname', 'givenname'],
    lastName: ['lastname', 'nachname', 'surname', 'familyname', 'name'],
    company: ['company', 'companyname', 'firma', 'unternehmen'],
    email: KEY_ALIASES.email,
    phone: KEY_ALIASES.phone,
    language: ['language', 'sprache', 'lang'],
    vertical: ['vertical', 'branche', 'industry'],
    valueCents: ['valuecents', 'wertcent', 'wertcents'],
    value: ['value', 'valueeur', 'wert', 'kundenwert', 'customervalue', 'umsatz', 'revenue'],
    customerSince: ['customersince', 'kundeseit', 'since', 'startdate', 'createdat'],
    contractEnd: ['contractend', 'contractenddate', 'vertragsende', 'enddate'],
    city: ['city', 'ort', 'stadt'],
    plan: ['plan', 'tarif', 'product', 'produkt'],
  },
  required: ['customerNo'],
  needsCustomerKey: false,
  build(get, _key, ctx) {
    const lastName = textOrNull(text(get('lastName')))
    const company = textOrNull(text(get('company')))
    if (lastName === null && company === null)
      throw new ValueError('missing name: neither last name nor company')
    const email = text(get('email'))
    const language = text(get('language'))
    const parsedLanguage = parseLanguage(language)
    if (language !== '' && parsedLanguage === null)
      throw new ValueError(`language '${language}' is not de or en`)
    const cents = get('valueCents')
    const amount = get('value')
    let valueCents: number | null
    if (text(cents) !== '') {
      const n = number(cents, ctx, 'value in cents')
      if (n === null || !Number.isInteger(n))
        throw new ValueError(`value in cents '${text(cents)}' is not a whole number`)
      valueCents = n
    } else if (typeof amount === 'number') valueCents = Math.round(amount * 100)
    else if (amount == null || amount.trim() === '') valueCents = null
    else {
      try {
        valueCents = parseMoneyCents(amount, ctx.numberFormat)
      } catch {
        throw new ValueError(`value '${amount.trim()}' is not an amount`)
      }
    }
    return {
      customerNo: required(get('customerNo'), 'customer number'),
      firstName: textOrNull(text(get('firstName'))),
      lastName,
      company,
      email: email === '' ? null : parseEmail(email),
      phone: textOrNull(text(get('phone'))),
      language: parsedLanguage,
      vertical: vertical(get('vertical')),
      valueCents,
      customerSince: day(get('customerSince')),
      contractEnd: day(get('contractEnd')),
      city: textOrNull(text(get('city'))),
      plan: textOrNull(text(get('plan'))),
    }
  },
  identity: (r) => r.customerNo,
  identityLabel: 'customer number',
}

type ContactPointField = 'kind' | 'value' | 'label' | 'primary'

const CONTACT_KINDS: Record<string, 'phone' | 'email'> = {
  phone: 'phone',
  telefon: 'phone',
  tel: 'phone',
  mobile: 'phone',
  mobil: 'phone',
  handy: 'phone',
  festnetz: 'phone',
  email: 'email',
  mail: 'email',
}

export const contactPointSpec: RecordSpec<Omit<ContactPointRecord, 'customerKey'>, ContactPointField> = {
  what: 'contact point',
  aliases: {
    kind: ['kind', 'type', 'typ', 'art', 'channel', 'kanal'],
    value: ['value', 'contact', 'kontakt', 'number', 'nummer', 'address', 'adresse', 'wert'],
    label: ['label', 'bezeichnung', 'beschreibung', 'note'],
    primary: ['primary', 'isprimary', 'primär', 'hauptkontakt', 'default', 'standard'],
  },
  required: ['kind', 'value'],
  needsCustomerKey: true,
  build(get, _key, ctx) {
    const kindText = required(get('kind'), 'contact kind')
    const kind = CONTACT_KINDS[normalizeName(kindText)]
    if (!kind) throw new ValueError(`contact kind '${kindText}' is not phone or e-mail`)
    // the same rules as a customer key, so the screen pop finds what was imported
    const { value } = makeCustomerKey(
      kind,
      required(get('value'), kind === 'phone' ? 'phone number' : 'e-mail'),
      ctx,
    )
    const primary = text(get('primary'))
    return {
      kind,
      value,
      label: textOrNull(text(get('label'))),
      isPrimary: primary === '' ? false : parseBoolean(primary) === true,
    }
  },
}

type UsageField = 'periodStart' | 'units'

export const usageSpec: RecordSpec<Omit<UsageRecord, 'customerKey'>, UsageField> = {
  what: 'usage row',
  aliases: {
    periodStart: ['periodstart', 'period', 'month', 'monat', 'zeitraum', 'date', 'datum'],
    units: ['units', 'usage', 'nutzung', 'menge', 'quantity', 'amount', 'volume', 'verbrauch'],
  },
  required: ['periodStart', 'units'],
  needsCustomerKey: true,
  build(get, _key, ctx) {
    const units = number(get('units'), ctx, 'units')
    if (units === null) throw new ValueError('missing units')
    if (units < 0) throw new ValueError(`units ${units} is negative`)
    const period = get('periodStart')
    return { periodStart: parsePeriodStart(required(period, 'period')), units }
  },
}

const TICKET_STATUS: Record<string, TicketStatus> = {
  open: 'open',
  offen: 'open',
  new: 'open',
  neu: 'open',
  pending: 'pending',
  waiting: 'pending',
  wartend: 'pending',
  inprogress: 'pending',
  inbearbeitung: 'pending',
  onhold: 'pending',
  closed: 'closed',
  geschlossen: 'closed',
  resolved: 'closed',
  gelöst: 'closed',
  erledigt: 'closed',
  done: 'closed',
  solved: 'closed',
}

type TicketField = 'ticketId' | 'subject' | 'category' | 'status' | 'openedAt' | 'closedAt'

export const ticketSpec: RecordSpec<Omit<TicketRecord, 'customerKey'>, TicketField> = {
  what: 'ticket',
  aliases: {
    ticketId: ['ticketid', 'ticketnr', 'ticketnumber', 'ticketnummer', 'id'],
    subject: ['subject', 'betreff', 'title', 'titel', 'summary'],
    category: ['category', 'kategorie', 'type', 'typ'],
    status: ['status', 'state'],
    openedAt: ['openedat', 'opened', 'createdat', 'created', 'erstellt', 'erstelltam', 'eröffnet'],
    closedAt: ['closedat', 'closed', 'resolvedat', 'geschlossen', 'geschlossenam', 'erledigtam'],
  },
  required: ['subject', 'openedAt'],
  needsCustomerKey: true,
  build(get, _key, ctx) {
    const statusText = text(get('status'))
    const closedAt = optionalTimestamp(get('closedAt'), ctx, 'close date')
    let status: TicketStatus
    if (statusText === '') status = closedAt === null ? 'open' : 'closed'
    else {
      const s = TICKET_STATUS[normalizeName(statusText)]
      if (!s) throw new ValueError(`status '${statusText}' is not open, pending or closed`)
      status = s
    }
    const openedAt = timestamp(get('openedAt'), ctx, 'open date')
    if (closedAt !== null && closedAt < openedAt)
      throw new ValueError('the ticket is closed before it was opened')
    return {
      ticketId: textOrNull(text(get('ticketId'))),
      subject: required(get('subject'), 'subject'),
      category: textOrNull(text(get('category'))),
      status,
      openedAt,
      closedAt,
    }
  },
  identity: (r) => r.ticketId,
  identityLabel: 'ticket id',
}

type ChurnField = 'churnedAt' | 'reason'

export const churnSpec: RecordSpec<Omit<ChurnRecord, 'customerKey'>, ChurnField> = {
  what: 'churn event',
  aliases: {
    churnedAt: ['churnedat', 'churndate', 'cancelledat', 'kündigungsdatum', 'gekündigtam', 'date', 'datum'],
    reason: ['reason', 'grund', 'kündigungsgrund', 'churnreason'],
  },
  required: ['churnedAt'],
  needsCustomerKey: true,
  build(get, _key, ctx) {
    return {
      churnedAt: timestamp(get('churnedAt'), ctx, 'churn date'),
      reason: textOrNull(text(get('reason'))),
    }
  },
}

/** Customer key of a row from the first filled key column, in the order the columns were found. */
export function keyFromColumns(
  columns: readonly { kind: CustomerKeyKind; value: CellValue }[],
  ctx: BuildContext,
): CustomerKey {
  for (const c of columns) {
    if (text(c.value) !== '') return makeCustomerKey(c.kind, c.value, ctx)
  }
  throw new ValueError('missing customer key')
}
