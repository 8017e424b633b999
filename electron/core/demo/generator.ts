import type BetterSqlite3 from 'better-sqlite3'
import type { DB } from '../db/connection'
import type { OfferRules } from '../../../shared/domain/offers'
import { normalizeIntent, type IntentScale } from '../../../shared/domain/intent'
import { cumulativeWeights, Random } from './random'
import { createAuditChainer } from '../loops/auditChain'
import {
  asciiFold,
  COMMENT_TEMPLATES,
  COMPANY_PARTS,
  EMAIL_DOMAINS,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  GERMAN_CITIES,
  GERMAN_FIRST_NAMES,
  GERMAN_LAST_NAMES,
  GERMAN_MOBILE_PREFIXES,
  PLANS,
  TICKET_SUBJECTS,
  UK_CITIES,
  UK_MOBILE_PREFIXES,
  UK_OFFICE_CITY,
  type City,
  type CommentTemplate,
  type Lang,
  type Plan,
  type Polarity,
  type TicketSubjects,
  type Topic,
  type Vertical,
} from './vocabulary'

export interface SeedOptions {
  customers: number
  seed?: number
  /** Reference "today" as epoch ms; default Date.UTC(2026, 10, 1). */
  now?: number
  /** Average survey answers per customer; default 5. */
  feedbackPerCustomer?: number
  onProgress?: (done: number, total: number) => void
}

export interface SeedReport {
  customers: number
  contactPoints: number
  feedback: number
  usage: number
  tickets: number
  churned: number
  loops: number
  users: number
  offers: number
  ms: number
}

export const DEFAULT_SEED = 42
export const DEFAULT_NOW = Date.UTC(2026, 10, 1)
export const DEFAULT_FEEDBACK_PER_CUSTOMER = 5
export const MAX_DEMO_CUSTOMERS = 5_000_000
/**
 * Usage rows are 12 per customer. Every customer gets them up to this size (12M rows for 1M
 * customers): the churn model needs the usage trend of all customers, and a partial history made
 * the fitted model look worse than it is.
 */
export const USAGE_CUSTOMER_LIMIT = MAX_DEMO_CUSTOMERS

/**
 * The true churn model behind the demo data: churn probability = logistic(sum of coefficient x
 * driver). Each customer's drivers are fixed first; all observable data (NPS, intent, comments,
 * usage, tickets, contract end) is then generated from them as seen at the customer's reference
 * date (churn date for churned customers, `now` otherwise), so there is no leakage from the outcome.
 * Drivers:
 * - satisfaction: latent NPS level at the reference date (0-10), centred at 7; recent NPS answers scatter around it
 * - intent: latent repurchase intent (0-1), centred at 0.5; answers scatter around it
 * - usageTrendPct: weekly usage change in percent (-3 = usage falls 3 % a week), visible in the usage rows
 * - priceSensitive: 1 for price-driven switchers, who mention price/competitors in comments and state low intent
 * - tickets: support tickets opened in the 180 days before the reference date (exact count in `tickets`)
 * - contractEndSoon: 1 when contract_end is within 90 days after the reference date
 * A model fitted on observed features should match these in sign and rough ranking; magnitudes for
 * satisfaction, intent and usage come out smaller because the observations are noisy proxies.
 */
export const TRUE_CHURN_DRIVERS = {
  intercept: -2.75,
  satisfaction: -0.3,
  intent: -2.2,
  usageTrendPct: -0.35,
  priceSensitive: 0.9,
  tickets: 0.35,
  contractEndSoon: 0.8,
} as const

const DAY = 86_400_000
const YEAR = 365 * DAY
const BATCH_SIZE = 25_000
const USAGE_WEEKS = 12
const FEEDBACK_WINDOW = 2 * YEAR
const TENURE_SPAN = 8 * YEAR
/** Mean of min(tenure, 2 years) / 2 years for tenures uniform over 8 years: keeps the answer average on target. */
const MEAN_WINDOW_SHARE = 0.875
const TICKET_WINDOW_DAYS = 180
const SEED_CACHE_KIB = 262_144

const MOBILE_OFFSET = 13_579_246
/** Subscriber step per country: small enough that id -> number never wraps, so numbers grow with the id. */
const MOBILE_STEP: Record<Lang, number> = { de: 271, en: 97 }
// Coprime to every landline modulus, so id -> subscriber number is a bijection on each range.
const LANDLINE_MULTIPLIER = 31_415_927
const LANDLINE_OFFSET = 2_718_281

const VERTICALS: readonly Vertical[] = ['telecom', 'ecommerce', 'saas']
const VERTICAL_WEIGHTS = cumulativeWeights([0.5, 0.3, 0.2])
const PRICE_SENSITIVE_SHARE: Record<Vertical, number> = { telecom: 0.27, ecommerce: 0.2, saas: 0.14 }
const CHANNELS = ['email', 'sms', 'web', 'call'] as const
const CHANNEL_WEIGHTS = cumulativeWeights([45, 20, 20, 15])
const INTENT_SCALES: readonly IntentScale[] = ['0-10', '1-5', 'percent']
const INTENT_SCALE_WEIGHTS = cumulativeWeights([80, 12, 8])
const ECOMMERCE_SPEND_FACTOR: Record<string, number> = {
  Standard: 1,
  'Prime-Club': 1.8,
  'Prime-Club Plus': 2.6,
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** Fails fast if a vocabulary change broke the uniqueness argument for generated numbers. */
function assertBijective(multiplier: number, modulus: number): void {
  if (gcd(multiplier, modulus) !== 1) throw new Error(`multiplier ${multiplier} is not coprime to ${modulus}`)
  if (modulus < MAX_DEMO_CUSTOMERS)
    throw new Error(`number range ${modulus} is smaller than the customer limit`)
}

/** Weights that fall with rank, like real name frequencies. */
function rankWeights(count: number): Float64Array {
  return cumulativeWeights(Array.from({ length: count }, (_, rank) => 1 / (rank + 6)))
}

interface NameList {
  names: readonly string[]
  ascii: readonly string[]
  weights: Float64Array
}

function nameList(names: readonly string[]): NameList {
  return { names, ascii: names.map(asciiFold), weights: rankWeights(names.length) }
}

const NAMES: Record<Lang, { first: NameList; last: NameList }> = {
  de: { first: nameList(GERMAN_FIRST_NAMES), last: nameList(GERMAN_LAST_NAMES) },
  en: { first: nameList(ENGLISH_FIRST_NAMES), last: nameList(ENGLISH_LAST_NAMES) },
}

const CITIES: Record<Lang, { cities: readonly City[]; weights: Float64Array }> = {
  de: { cities: GERMAN_CITIES, weights: cumulativeWeights(GERMAN_CITIES.map((c) => c.weight)) },
  en: { cities: UK_CITIES, weights: cumulativeWeights(UK_CITIES.map((c) => c.weight)) },
}

const PLAN_WEIGHTS: Record<Vertical, Float64Array> = {
  telecom: cumulativeWeights(PLANS.telecom.map((p) => p.weight)),
  ecommerce: cumulativeWeights(PLANS.ecommerce.map((p) => p.weight)),
  saas: cumulativeWeights(PLANS.saas.map((p) => p.weight)),
}

for (const lang of ['de', 'en'] as const) {
  const prefixes = lang === 'de' ? GERMAN_MOBILE_PREFIXES.length : UK_MOBILE_PREFIXES.length
  if (MOBILE_OFFSET + MOBILE_STEP[lang] * Math.ceil(MAX_DEMO_CUSTOMERS / prefixes) >= 100_000_000) {
    throw new Error(`mobile numbers for '${lang}' would wrap around`)
  }
}
for (const city of [...GERMAN_CITIES, ...UK_CITIES]) {
  if (city.areaCode) assertBijective(LANDLINE_MULTIPLIER, landlineModulus(city))
}
assertPrefixFree([...GERMAN_MOBILE_PREFIXES, ...GERMAN_CITIES.map((c) => c.areaCode ?? '')])
assertPrefixFree([...UK_MOBILE_PREFIXES, ...UK_CITIES.map((c) => c.areaCode ?? '')])

/** With no prefix starting another, (prefix, subscriber) -> number is injective. */
function assertPrefixFree(prefixes: readonly string[]): void {
  const distinct = [...new Set(prefixes.filter((p) => p !== ''))]
  for (const a of distinct) {
    for (const b of distinct) {
      if (a !== b && b.startsWith(a)) throw new Error(`number prefix ${a} starts ${b}`)
    }
  }
}

function landlineModulus(city: City): number {
  return city.leadDigits.length * 10 ** (city.subscriberLength - 1)
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/**
 * Mobile numbers are an injective function of the customer id (prefix from id mod #prefixes,
 * 8 digits growing with the quotient), so they are unique without lookups and valid by
 * construction. Growing with the id also keeps inserts into the phone index sequential.
 */
export function mobileNumber(id: number, lang: Lang): string {
  const prefixes: readonly string[] = lang === 'de' ? GERMAN_MOBILE_PREFIXES : UK_MOBILE_PREFIXES
  const prefix = prefixes[id % prefixes.length] as string
  const subscriber = MOBILE_OFFSET + Math.floor(id / prefixes.length) * MOBILE_STEP[lang]
  return `${lang === 'de' ? '+49' : '+44'}${prefix}${pad(subscriber, 8)}`
}

/** Landline: prefix-free area code + subscriber number that is a bijection of the customer id. */
export function landlineNumber(id: number, city: City, countryCode: string): string {
  const rest = 10 ** (city.subscriberLength - 1)
  const n = (id * LANDLINE_MULTIPLIER + LANDLINE_OFFSET) % landlineModulus(city)
  const lead = city.leadDigits[Math.floor(n / rest)] as string
  return `+${countryCode}${city.areaCode ?? ''}${lead}${pad(n % rest, city.subscriberLength - 1)}`
}

// ---------------------------------------------------------------------------------------------
// Comment selection: which template a customer writes depends on the answer's NPS group and on
// the customer's churn drivers, so comment topics are evidence for the drivers.

interface CommentProfile {
  lang: Lang
  polarity: Polarity
  vertical: Vertical
  priceSensitive: boolean
  manyTickets: boolean
  usageDeclining: boolean
}

interface TemplateTable {
  templates: readonly CommentTemplate[]
  weights: Float64Array
}

const POLARITIES: readonly Polarity[] = ['positive', 'neutral', 'negative']

function topicBoost(topic: Topic, p: CommentProfile): number {
  if (p.polarity === 'positive') {
    if (topic === 'price' || topic === 'competitor') return p.priceSensitive ? 0.3 : 1
    if (topic === 'service' || topic === 'billing') return p.manyTickets ? 0.5 : 1
    return 1
  }
  switch (topic) {
    case 'price':
      return p.priceSensitive ? 4 : 0.6
    case 'competitor':
      return p.priceSensitive ? 5 : 0.25
    case 'contract_cancellation':
      return p.priceSensitive ? 2.5 : 1
    case 'service':
      return p.manyTickets ? 3 : 1
    case 'billing':
      return p.manyTickets ? 2.5 : 1
    case 'usability':
      return p.usageDeclining ? 2.5 : 1
    case 'product_quality':
      return p.usageDeclining ? 2 : 1
    case 'delivery':
      return 1
  }
}

function buildTemplateTable(p: CommentProfile): TemplateTable {
  const templates = COMMENT_TEMPLATES.filter(
    (t) =>
      t.lang === p.lang && t.polarity === p.polarity && (!t.verticals || t.verticals.includes(p.vertical)),
  )
  const weights = templates.map((t) => t.topics.reduce((w, topic) => w * topicBoost(topic, p), 1))
  return { templates, weights: cumulativeWeights(weights) }
}

const templateTables = new Map<number, TemplateTable>()

function templateTable(p: CommentProfile): TemplateTable {
  let key = p.lang === 'de' ? 0 : 1
  key = key * 3 + POLARITIES.indexOf(p.polarity)
  key = key * 3 + VERTICALS.indexOf(p.vertical)
  key = key * 8 + (p.priceSensitive ? 4 : 0) + (p.manyTickets ? 2 : 0) + (p.usageDeclining ? 1 : 0)
  let table = templateTables.get(key)
  if (!table) {
    table = buildTemplateTable(p)
    templateTables.set(key, table)
  }
  return table
}

const TICKET_TABLES: Record<Vertical, readonly TicketSubjects[]> = {
  telecom: TICKET_SUBJECTS.filter((s) => !s.verticals || s.verticals.includes('telecom')),
  ecommerce: TICKET_SUBJECTS.filter((s) => !s.verticals || s.verticals.includes('ecommerce')),
  saas: TICKET_SUBJECTS.filter((s) => !s.verticals || s.verticals.includes('saas')),
}

// ---------------------------------------------------------------------------------------------
// Static catalogue data

export interface DemoUser {
  name: string
  role: 'agent' | 'team_lead' | 'supervisor'
  languages: string
  team: string | null
}

export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'Lena Hoffmann', role: 'agent', languages: 'de,en', team: 'Team Nord' },
  { name: 'Jonas Becker', role: 'agent', languages: 'de', team: 'Team Nord' },
  { name: 'Aylin Kaya', role: 'agent', languages: 'de,en', team: 'Team Nord' },
  { name: 'Tobias Wagner', role: 'agent', languages: 'de', team: 'Team Nord' },
  { name: 'Sophie Schulz', role: 'agent', languages: 'de', team: 'Team Süd' },
  { name: 'Emre Yilmaz', role: 'agent', languages: 'de,en', team: 'Team Süd' },
  { name: 'Katharina Braun', role: 'agent', languages: 'de', team: 'Team Süd' },
  { name: 'Felix Neumann', role: 'agent', languages: 'de,en', team: 'Team Süd' },
  { name: 'Sabine Krüger', role: 'team_lead', languages: 'de,en', team: 'Team Nord' },
  { name: 'Markus Schneider', role: 'team_lead', languages: 'de,en', team: 'Team Süd' },
  { name: 'Claudia Richter', role: 'supervisor', languages: 'de,en', team: null },
]

export type { OfferRules }

export interface DemoOffer {
  code: string
  kind: 'discount' | 'free_upgrade' | 'loyalty_bonus' | 'service_callback' | 'contract_extension' | 'upsell'
  nameDe: string
  nameEn: string
  costCents: number
  rules: OfferRules
}

export const DEMO_OFFERS: readonly DemoOffer[] = [
  {
    code: 'DISCOUNT_10_6M',
    kind: 'discount',
    nameDe: '10 % Rabatt für 6 Monate',
    nameEn: '10% off for 6 months',
    costCents: 3000,
    rules: {
      segments: ['at_risk_promoter', 'churn_risk', 'undecided'],
      minRisk: 50,
      minValueCents: 20_000,
      minTenureMonths: 6,
      cooldownDays: 90,
      monthlyBudgetCents: 500_000,
    },
  },
  {
    code: 'FREE_UPGRADE_3M',
    kind: 'free_upgrade',
    nameDe: 'Kostenloses Upgrade für 3 Monate',
    nameEn: 'Free upgrade for 3 months',
    costCents: 2500,
    rules: {
      segments: ['at_risk_promoter', 'undecided', 'loyal_advocate'],
      minRisk: 30,
      minValueCents: 30_000,
      minTenureMonths: 12,
      cooldownDays: 180,
      monthlyBudgetCents: 400_000,
    },
  },
  {
    code: 'LOYALTY_BONUS_25',
    kind: 'loyalty_bonus',
    nameDe: 'Treuebonus: 25 € Gutschrift',
    nameEn: 'Loyalty bonus: €25 credit',
    costCents: 2500,
    rules: {
      segments: ['loyal_advocate', 'at_risk_promoter'],
      minRisk: 0,
      minValueCents: 10_000,
      minTenureMonths: 24,
      cooldownDays: 365,
      monthlyBudgetCents: 300_000,
    },
  },
  {
    code: 'SERVICE_CALLBACK',
    kind: 'service_callback',
    nameDe: 'Persönlicher Rückruf durch Fachberater',
    nameEn: 'Personal callback from a specialist',
    costCents: 800,
    rules: {
      segments: ['captive_critic', 'churn_risk'],
      minRisk: 40,
      minValueCents: 0,
      minTenureMonths: 0,
      cooldownDays: 30,
      monthlyBudgetCents: 200_000,
    },
  },
  {
    code: 'EXTENSION_2M_FREE',
    kind: 'contract_extension',
    nameDe: 'Vertragsverlängerung mit 2 Gratismonaten',
    nameEn: 'Contract extension with 2 months free',
    costCents: 6000,
    rules: {
      segments: ['at_risk_promoter', 'undecided', 'churn_risk'],
      minRisk: 40,
      minValueCents: 30_000,
      minTenureMonths: 12,
      cooldownDays: 180,
      monthlyBudgetCents: 600_000,
      verticals: ['telecom', 'saas'],
    },
  },
  {
    code: 'UPSELL_NEXT_PLAN',
    kind: 'upsell',
    nameDe: 'Wechsel in den nächsthöheren Tarif',
    nameEn: 'Move up to the next plan',
    costCents: 0,
    rules: {
      segments: ['loyal_advocate'],
      minRisk: 0,
      maxRisk: 30,
      minValueCents: 0,
      minTenureMonths: 3,
      cooldownDays: 90,
      monthlyBudgetCents: 0,
    },
  },
]

// ---------------------------------------------------------------------------------------------
// Per-customer generation

/**
 * Buffers rows of one table and writes them with multi-row INSERTs: one native call per chunk
 * instead of per row is about a third faster on millions of rows.
 */
class BulkInsert {
  private readonly values: unknown[] = []
  private readonly statements = new Map<number, BetterSqlite3.Statement>()
  private readonly chunkValues: number

  /** parent: buffer holding the rows this table's foreign keys point at; it is flushed first. */
  constructor(
    private readonly db: DB,
    private readonly table: string,
    private readonly columns: readonly string[],
    chunkRows: number,
    private readonly parent: BulkInsert | null,
  ) {
    this.chunkValues = chunkRows * columns.length
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v)
    if (this.values.length >= this.chunkValues) this.flush()
  }

  flush(): void {
    this.parent?.flush()
    const values = this.values
    if (values.length > 0) this.statementFor(values.length / this.columns.length).run(values)
    values.length = 0
  }

  private statementFor(rows: number): BetterSqlite3.Statement {
    let stmt = this.statements.get(rows)
    if (!stmt) {
      const tuple = `(${this.columns.map(() => '?').join(', ')})`
      stmt = this.db.prepare(
        `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`,
      )
      this.statements.set(rows, stmt)
    }
    return stmt
  }
}

interface Writers {
  customer: BulkInsert
  contact: BulkInsert
  feedback: BulkInsert
  usage: BulkInsert
  ticket: BulkInsert
  churn: BulkInsert
  loop: BulkInsert
  loopEvent: BulkInsert
  /** Ids and hashes of the audit rows, so bulk-written events extend the chain (migration 10). */
  chainEvent: ReturnType<typeof createAuditChainer>
  ftsRange: BetterSqlite3.Statement
}

interface Staff {
  agentsDe: readonly number[]
  agentsEn: readonly number[]
  leads: readonly number[]
  supervisors: readonly number[]
}

interface Counters {
  contactPoints: number
  feedback: number
  usage: number
  tickets: number
  churned: number
  loops: number
  loopEvents: number
}

interface Context {
  rng: Random
  seed: number
  now: number
  feedbackMean: number
  writeUsageUpTo: number
  out: Writers
  staff: Staff
  count: Counters
  dayStrings: Map<number, string>
  times: Float64Array
}

/** Latent state of one customer; everything observable is derived from it. */
export interface Drivers {
  satisfaction: number
  intent: number
  usageTrendPct: number
  priceSensitive: boolean
  tickets: number
  contractEndSoon: boolean
}

interface CustomerBasics {
  id: number
  lang: Lang
  vertical: Vertical
  plan: Plan
  firstName: string
  lastName: string
  firstAscii: string
  lastAscii: string
  city: City
  company: string | null
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x
}

function ymd(ctx: Context, ms: number): string {
  const day = Math.floor(ms / DAY)
  let s = ctx.dayStrings.get(day)
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10)
    ctx.dayStrings.set(day, s)
  }
  return s
}

function drawBasics(rng: Random, id: number): CustomerBasics {
  const lang: Lang = rng.chance(0.8) ? 'de' : 'en'
  const vertical = VERTICALS[rng.cumulativeIndex(VERTICAL_WEIGHTS)] as Vertical
  const plan = PLANS[vertical][rng.cumulativeIndex(PLAN_WEIGHTS[vertical])] as Plan
  const names = NAMES[lang]
  const f = rng.cumulativeIndex(names.first.weights)
  const l = rng.cumulativeIndex(names.last.weights)
  const cities = CITIES[lang]
  const city = cities.cities[rng.cumulativeIndex(cities.weights)] as City
  let company: string | null = null
  if (vertical === 'saas') {
    const parts = COMPANY_PARTS[lang]
    company = `${rng.pick(parts.stems)} ${rng.pick(parts.trades)} ${rng.weighted(parts.forms, parts.formWeights)}`
  }
  return {
    id,
    lang,
    vertical,
    plan,
    firstName: names.first.names[f] as string,
    lastName: names.last.names[l] as string,
    firstAscii: names.first.ascii[f] as string,
    lastAscii: names.last.ascii[l] as string,
    city,
    company,
  }
}

function drawDrivers(rng: Random, vertical: Vertical): Drivers {
  const satisfaction = clamp(rng.normal(7.7, 1.7), 0, 10)
  const priceSensitive = rng.chance(PRICE_SENSITIVE_SHARE[vertical])
  // Price-driven switchers state low intent whatever they think of the service: the
  // "wechselwillige Promoter" of a saturated telecom market.
  const intent = priceSensitive
    ? clamp(0.1 + 0.025 * satisfaction + rng.normal(0, 0.08), 0.02, 0.6)
    : clamp(0.2 + 0.075 * satisfaction + rng.normal(0, 0.1), 0.05, 0.98)
  const usageTrendPct = clamp(
    rng.normal(0.3 + 0.35 * (satisfaction - 7.7), 1.2) - (priceSensitive ? 0.4 : 0),
    -8,
    4,
  )
  const ticketRate = 0.3 + 0.28 * Math.max(0, 7.5 - satisfaction) + (priceSensitive ? 0.1 : 0)
  const tickets = Math.min(4, rng.poisson(ticketRate))
  const contractEndSoon = vertical !== 'ecommerce' && rng.chance(0.14)
  return { satisfaction, intent, usageTrendPct, priceSensitive, tickets, contractEndSoon }
}

/** Contribution of each driver to the churn logit, in TRUE_CHURN_DRIVERS order (without intercept). */
function churnContributions(d: Drivers): [number, number, number, number, number, number] {
  const b = TRUE_CHURN_DRIVERS
  return [
    b.satisfaction * (d.satisfaction - 7),
    b.intent * (d.intent - 0.5),
    b.usageTrendPct * d.usageTrendPct,
    b.priceSensitive * (d.priceSensitive ? 1 : 0),
    b.tickets * d.tickets,
    b.contractEndSoon * (d.contractEndSoon ? 1 : 0),
  ]
}

export function churnProbability(d: Drivers): number {
  const z = churnContributions(d).reduce((sum, c) => sum + c, TRUE_CHURN_DRIVERS.intercept)
  return 1 / (1 + Math.exp(-z))
}

const CHURN_REASONS = [
  'dissatisfied',
  'dissatisfied',
  'low_usage',
  'competitor_price',
  'service_issues',
  'contract_end',
]

/** The stated reason follows the drivers that pushed this customer out, weighted by their push. */
function churnReason(rng: Random, d: Drivers): string {
  const weights = churnContributions(d).map((c) => Math.max(0, c))
  if (weights.every((w) => w === 0)) return 'other'
  return CHURN_REASONS[rng.weightedIndex(weights)] as string
}

function valueCents(rng: Random, vertical: Vertical, plan: Plan): number {
  if (vertical === 'telecom') return Math.round(plan.monthlyCents * 12 * rng.range(0.85, 1.25))
  if (vertical === 'saas') return Math.round(plan.monthlyCents * 12 * rng.range(0.9, 1.4))
  const spend = Math.exp(rng.normal(Math.log(18_000), 0.7)) * (ECOMMERCE_SPEND_FACTOR[plan.name] ?? 1)
  return Math.round(spend + plan.monthlyCents * 12)
}

function insertContacts(ctx: Context, c: CustomerBasics): void {
  const { rng, out } = ctx
  out.contact.add(c.id, 'phone', mobileNumber(c.id, c.lang), 'mobile', 1)
  ctx.count.contactPoints++
  if (rng.chance(0.3)) {
    const useOffice = c.city.areaCode === null || (c.company !== null && rng.chance(0.5))
    const city = c.city.areaCode === null ? UK_OFFICE_CITY : c.city
    const number = landlineNumber(c.id, city, c.lang === 'de' ? '49' : '44')
    out.contact.add(c.id, 'phone', number, useOffice ? 'work' : 'landline', 0)
    ctx.count.contactPoints++
  }
  if (rng.chance(0.85)) {
    let domain: string = rng.pick(EMAIL_DOMAINS)
    if (c.company !== null && rng.chance(0.7))
      domain = `${asciiFold(c.company.split(' ').slice(0, 2).join(''))}.example`
    const style = rng.int(0, 3)
    const local =
      style === 0
        ? `${c.firstAscii}.${c.lastAscii}`
        : style === 1
          ? `${c.firstAscii.charAt(0)}.${c.lastAscii}`
          : style === 2
            ? `${c.firstAscii}${c.lastAscii}`
            : `${c.lastAscii}.${c.firstAscii}`
    // The trailing id keeps every address unique (names never contain digits).
    out.contact.add(c.id, 'email', `${local}${c.id}@${domain}`, c.company ? 'work' : 'private', 1)
    ctx.count.contactPoints++
  }
}

function pickPolarity(rng: Random, nps: number, d: Drivers): Polarity {
  if (nps >= 9) {
    if (d.priceSensitive && rng.chance(0.45)) return 'neutral'
    return rng.chance(0.92) ? 'positive' : 'neutral'
  }
  if (nps >= 7) return rng.weighted(POLARITIES, [12, 75, 13])
  return rng.chance(0.88) ? 'negative' : 'neutral'
}

function drawComment(rng: Random, c: CustomerBasics, d: Drivers, nps: number): string {
  const table = templateTable({
    lang: c.lang,
    polarity: pickPolarity(rng, nps, d),
    vertical: c.vertical,
    priceSensitive: d.priceSensitive,
    manyTickets: d.tickets >= 2,
    usageDeclining: d.usageTrendPct < -1,
  })
  return (table.templates[rng.cumulativeIndex(table.weights)] as CommentTemplate).text
}

function drawIntent(rng: Random, value: number): { raw: number; scale: IntentScale; normalised: number } {
  const scale = INTENT_SCALES[rng.cumulativeIndex(INTENT_SCALE_WEIGHTS)] as IntentScale
  const raw =
    scale === '0-10'
      ? Math.round(value * 10)
      : scale === '1-5'
        ? 1 + Math.round(value * 4)
        : Math.round(value * 100)
  return { raw, scale, normalised: normalizeIntent(raw, scale) }
}

interface LastAnswer {
  id: number
  nps: number
  intent: number | null
  at: number
}

/**
 * Survey answers over the two years before the reference date. Each customer's satisfaction drifts
 * linearly towards its current level, so histories trend instead of being white noise.
 */
function insertFeedback(
  ctx: Context,
  c: CustomerBasics,
  d: Drivers,
  sinceMs: number,
  asOf: number,
  forceRecentDetractor: boolean,
): LastAnswer | null {
  const { rng, out, times } = ctx
  const start = Math.max(sinceMs, asOf - FEEDBACK_WINDOW)
  const lambda = (ctx.feedbackMean * ((asOf - start) / FEEDBACK_WINDOW)) / MEAN_WINDOW_SHARE
  let count = Math.min(times.length, rng.poisson(lambda))
  if (forceRecentDetractor && count === 0) count = 1
  if (count === 0) return null
  // A loop customer's last answer is a fresh detractor, so the loop is what a rule would have made.
  const end = forceRecentDetractor ? Math.max(start, ctx.now - rng.range(0.05, 10) * DAY) : asOf
  for (let k = 0; k < count; k++) times[k] = start + rng.float() * (end - start)
  const sorted = times.subarray(0, count).sort()
  if (forceRecentDetractor) sorted[count - 1] = end
  const driftPerYear = rng.normal(0, 0.7)
  let last: LastAnswer | null = null
  for (let k = 0; k < count; k++) {
    const at = Math.floor(sorted[k] as number)
    const isLast = k === count - 1
    const level = d.satisfaction - (driftPerYear * (asOf - at)) / YEAR
    const noise = rng.normal(0, 1.3)
    let nps: number | null = rng.chance(0.03) ? null : Math.round(clamp(level + noise, 0, 10))
    if (forceRecentDetractor && isLast) nps = Math.min(nps ?? 10, rng.int(0, 6))
    const intent = rng.chance(0.04)
      ? null
      : drawIntent(rng, clamp(d.intent + 0.03 * noise + rng.normal(0, 0.08), 0, 1))
    const comment = nps !== null && rng.chance(0.5) ? drawComment(rng, c, d, nps) : null
    const channel = CHANNELS[rng.cumulativeIndex(CHANNEL_WEIGHTS)] as string
    const id = ++ctx.count.feedback
    out.feedback.add(
      id,
      c.id,
      nps,
      intent?.raw ?? null,
      intent?.scale ?? null,
      intent?.normalised ?? null,
      comment,
      c.lang,
      channel,
      'demo',
      `demo-${id}`,
      at,
      at + rng.int(60_000, 1_800_000),
    )
    if (isLast && nps !== null) last = { id, nps, intent: intent?.normalised ?? null, at }
  }
  return last
}

/** Twelve weekly rows ending with the last complete week before the reference date. */
function insertUsage(ctx: Context, c: CustomerBasics, d: Drivers, asOf: number): void {
  const { rng } = ctx
  const day = Math.floor(asOf / DAY)
  const monday = day - ((day + 3) % 7) // 1970-01-01 was a Thursday
  const base = c.plan.usageBase * Math.exp(rng.normal(0, 0.35))
  const growth = 1 + d.usageTrendPct / 100
  for (let w = 0; w < USAGE_WEEKS; w++) {
    const weeksBack = USAGE_WEEKS - w
    const units = base * growth ** (w - (USAGE_WEEKS - 1)) * (1 + rng.normal(0, 0.08))
    ctx.out.usage.add(
      c.id,
      ymd(ctx, (monday - 7 * weeksBack) * DAY),
      Math.max(0, Math.round(units * 10) / 10),
    )
  }
  ctx.count.usage += USAGE_WEEKS
}

function ticketStatus(rng: Random, ageDays: number): 'open' | 'pending' | 'closed' {
  const r = rng.float()
  if (ageDays < 7) return r < 0.5 ? 'open' : r < 0.8 ? 'pending' : 'closed'
  if (ageDays < 30) return r < 0.15 ? 'open' : r < 0.35 ? 'pending' : 'closed'
  return r < 0.04 ? 'open' : r < 0.08 ? 'pending' : 'closed'
}

function insertTickets(ctx: Context, c: CustomerBasics, d: Drivers, asOf: number): void {
  const { rng } = ctx
  const subjects = TICKET_TABLES[c.vertical]
  const weights = subjects.map((s) => {
    if (s.category === 'billing') return d.priceSensitive ? 2 : 1
    if (s.category === 'technical') return d.usageTrendPct < -1 ? 3 : 1.5
    if (s.category === 'contract') return d.priceSensitive || d.contractEndSoon ? 2 : 0.6
    return s.category === 'delivery' ? 1.5 : 1
  })
  for (let k = 0; k < d.tickets; k++) {
    const topic = subjects[rng.weightedIndex(weights)] as TicketSubjects
    const ageDays = rng.range(0, TICKET_WINDOW_DAYS)
    const openedAt = Math.floor(asOf - ageDays * DAY)
    const status = ticketStatus(rng, ageDays)
    const closedAt =
      status === 'closed' ? openedAt + Math.floor(rng.float() * Math.min(ageDays, 14) * DAY) : null
    ctx.out.ticket.add(c.id, rng.pick(topic[c.lang]), topic.category, status, openedAt, closedAt)
  }
  ctx.count.tickets += d.tickets
}

const HOUR = 3_600_000

/** One loop row plus its audit events, as the loop service would have written them over time. */
interface DemoLoopPlan {
  customerId: number
  feedbackId: number | null
  origin: 'feedback' | 'call' | 'manual'
  type: 'service_recovery' | 'retention' | 'upsell' | 'callback'
  title: string
  priority: number
  language: string
  cause: string | null
  createdAt: number
  /** How far the loop got: the index into DEMO_LIFECYCLE reached (0 = open). */
  reached: number
  cancelled: boolean
  review: 'pending' | 'approved' | 'reopened_then_resolved' | null
}

const DEMO_LIFECYCLE = [
  'open',
  'assigned',
  'in_progress',
  'action_taken',
  'customer_informed',
  'resolved',
] as const

const ACTIONS = {
  de: [
    'Gutschrift veranlasst',
    'Technik-Termin vereinbart',
    'Tarif angepasst',
    'Rechnung korrigiert',
    'Ersatzgerät verschickt',
  ],
  en: [
    'Credit note issued',
    'Technician visit booked',
    'Plan adjusted',
    'Invoice corrected',
    'Replacement sent',
  ],
} as const

function writeDemoLoop(ctx: Context, plan: DemoLoopPlan): void {
  const { rng, staff, now } = ctx
  const loopId = ++ctx.count.loops
  const agents = plan.language === 'de' ? staff.agentsDe : staff.agentsEn
  const assignee = plan.reached >= 1 ? rng.pick(agents) : null
  const lead = rng.pick(staff.leads)
  // Step times: assignment within hours, work within a day or two, telling the customer soon after.
  const times: number[] = [plan.createdAt]
  const gaps = [
    rng.int(0.2 * HOUR, 8 * HOUR),
    rng.int(0.5 * HOUR, 20 * HOUR),
    rng.int(1 * HOUR, 30 * HOUR),
    rng.int(0.5 * HOUR, 40 * HOUR),
    rng.int(0.2 * HOUR, 24 * HOUR),
  ]
  for (let i = 1; i <= plan.reached; i++)
    times.push(Math.min(now, (times[i - 1] as number) + (gaps[i - 1] as number)))
  const at = (i: number) => times[i] as number
  const dueAt = plan.createdAt + (plan.priority <= 1 ? 24 : plan.priority === 2 ? 48 : 96) * HOUR
  const finalState = plan.cancelled ? 'cancelled' : DEMO_LIFECYCLE[plan.reached]
  const events: Array<[number, number | null, string, string | null, string | null, string | null]> = []
  events.push([
    plan.createdAt,
    null,
    'created',
    null,
    'open',
    JSON.stringify({ origin: plan.origin, type: plan.type, priority: plan.priority, dueAt }),
  ])
  const lang = plan.language === 'de' ? 'de' : 'en'
  let reopened = 0
  let resolvedAt: number | null = null
  let informedAt: number | null = null
  for (let i = 1; i <= plan.reached; i++) {
    const state = DEMO_LIFECYCLE[i] as string
    const who = i === 1 ? lead : assignee
    if (i === 1) events.push([at(1), lead, 'assignee', null, String(assignee), null])
    if (i === 3)
      events.push([at(3), assignee, 'action', null, null, JSON.stringify({ text: rng.pick(ACTIONS[lang]) })])
    events.push([at(i), who, 'state', DEMO_LIFECYCLE[i - 1] as string, state, null])
    if (i === 4) {
      informedAt = at(4)
      events.push([
        at(4),
        assignee,
        'informed',
        null,
        'phone',
        JSON.stringify({
          note: lang === 'de' ? 'Kunde telefonisch informiert' : 'Told the customer by phone',
        }),
      ])
    }
    if (i === 5) resolvedAt = at(5)
  }
  let reviewState: 'pending' | 'approved' | 'reopened' | null = null
  if (plan.reached === 5 && plan.review) {
    const supervisor = staff.supervisors[0] ?? lead
    if (plan.review === 'reopened_then_resolved' && resolvedAt !== null) {
      // Reopened once by review, worked again and resolved a day later.
      const reviewAt = Math.min(now, resolvedAt + rng.int(2 * HOUR, 30 * HOUR))
      events.push([
        reviewAt,
        supervisor,
        'review',
        'pending',
        'reopened',
        JSON.stringify({
          reason:
            lang === 'de'
              ? 'Kunde wurde nicht über die Gutschrift informiert'
              : 'Customer was not told about the credit',
        }),
      ])
      events.push([reviewAt, supervisor, 'state', 'resolved', 'reopened', null])
      const again = Math.min(now, reviewAt + rng.int(2 * HOUR, 24 * HOUR))
      events.push([again, assignee, 'state', 'reopened', 'in_progress', null])
      events.push([again, assignee, 'state', 'in_progress', 'action_taken', null])
      events.push([again, assignee, 'state', 'action_taken', 'customer_informed', null])
      events.push([
        again,
        assignee,
        'informed',
        null,
        'email',
        JSON.stringify({ note: lang === 'de' ? 'Bestätigung per E-Mail' : 'Confirmed by e-mail' }),
      ])
      events.push([again, assignee, 'state', 'customer_informed', 'resolved', null])
      informedAt = again
      resolvedAt = again
      reopened = 1
      reviewState = 'pending'
    } else if (plan.review === 'approved') {
      const reviewAt = Math.min(now, (resolvedAt ?? now) + rng.int(2 * HOUR, 48 * HOUR))
      events.push([reviewAt, supervisor, 'review', 'pending', 'approved', null])
      reviewState = 'approved'
    } else reviewState = 'pending'
  }
  if (plan.cancelled)
    events.push([at(plan.reached), lead, 'state', DEMO_LIFECYCLE[plan.reached] as string, 'cancelled', null])
  const updatedAt = Math.max(...events.map((e) => e[0]))
  ctx.out.loop.add(
    loopId,
    plan.customerId,
    plan.feedbackId,
    plan.origin,
    plan.type,
    plan.title,
    finalState,
    plan.priority,
    dueAt,
    assignee,
    plan.createdAt,
    updatedAt,
    plan.cause,
    plan.language,
    plan.reached >= 1 ? at(1) : null,
    plan.reached >= 2 ? at(2) : null,
    informedAt,
    informedAt === null ? null : reopened ? 'email' : 'phone',
    resolvedAt,
    reopened,
    reviewState,
  )
  for (const [eventAt, user, kind, oldValue, newValue, detail] of events) {
    const link = ctx.out.chainEvent({
      loop_id: loopId,
      at: eventAt,
      user_id: user,
      kind,
      old_value: oldValue,
      new_value: newValue,
      detail,
    })
    ctx.out.loopEvent.add(
      link.id,
      loopId,
      eventAt,
      user,
      kind,
      oldValue,
      newValue,
      detail,
      link.prevHash,
      link.hash,
    )
    ctx.count.loopEvents++
  }
}

/** The loop a recent detractor answer opened: still being worked. */
function insertLoop(
  ctx: Context,
  c: CustomerBasics,
  d: Drivers,
  answer: LastAnswer,
  valueCents: number,
): void {
  const { rng } = ctx
  const retention = d.priceSensitive || (answer.intent !== null && answer.intent < 0.4)
  const title = retention
    ? c.lang === 'de'
      ? `Kündigungsrisiko – Rückgewinnung (NPS ${answer.nps})`
      : `Churn risk – retention call (NPS ${answer.nps})`
    : c.lang === 'de'
      ? `Rückruf nach negativem Feedback (NPS ${answer.nps})`
      : `Call back after negative feedback (NPS ${answer.nps})`
  let priority = answer.nps <= 2 ? 1 : answer.nps <= 4 ? 2 : 3
  if (valueCents < 20_000) priority += 1
  if (retention && priority > 1) priority -= 1
  priority = clamp(priority + (rng.chance(0.1) ? 1 : 0), 1, 5)
  const createdAt = Math.min(ctx.now, answer.at + rng.int(60_000, 600_000))
  writeDemoLoop(ctx, {
    customerId: c.id,
    feedbackId: answer.id,
    origin: 'feedback',
    type: retention ? 'retention' : 'service_recovery',
    title,
    priority,
    language: c.lang,
    cause: `detractor:f${answer.id}`,
    createdAt,
    reached: rng.weighted([0, 1, 2, 3, 4], [5, 3, 2, 1, 1]),
    cancelled: false,
    review: null,
  })
}

/** Loops from calls over the past year, mostly closed: what dashboards and reviews look back on. */
function insertPastLoops(ctx: Context, c: CustomerBasics, d: Drivers, asOf: number): void {
  const { rng, now } = ctx
  const count = d.satisfaction < 6.5 ? (rng.chance(0.3) ? 1 : 0) : rng.chance(0.03) ? 1 : 0
  for (let i = 0; i < count; i++) {
    const createdAt = Math.min(asOf, now - rng.int(1, 365) * DAY)
    const age = now - createdAt
    const type = rng.weighted(['service_recovery', 'retention', 'callback', 'upsell'] as const, [5, 3, 2, 1])
    const titles = {
      service_recovery: c.lang === 'de' ? 'Beschwerde aus Anruf klären' : 'Resolve complaint from call',
      retention: c.lang === 'de' ? 'Bindungsangebot nachfassen' : 'Follow up retention offer',
      callback: c.lang === 'de' ? 'Rückruf vereinbart' : 'Callback arranged',
      upsell: c.lang === 'de' ? 'Upgrade-Interesse nachfassen' : 'Follow up upgrade interest',
    }
    // Old loops are finished; the last week's are spread along the lifecycle.
    const reached = age > 7 * DAY ? 5 : rng.weighted([1, 2, 3, 4, 5], [1, 1, 1, 1, 3])
    const cancelled = reached < 5 && age > 7 * DAY ? false : rng.chance(0.04)
    writeDemoLoop(ctx, {
      customerId: c.id,
      feedbackId: null,
      origin: rng.chance(0.7) ? 'call' : 'manual',
      type,
      title: titles[type],
      priority: rng.weighted([1, 2, 3, 4, 5], [1, 3, 4, 2, 1]),
      language: c.lang,
      cause: null,
      createdAt,
      reached: cancelled ? Math.min(reached, 2) : reached,
      cancelled,
      review:
        reached === 5 && !cancelled
          ? age < 10 * DAY
            ? 'pending'
            : rng.weighted(['approved', 'reopened_then_resolved', 'pending'] as const, [85, 8, 7])
          : null,
    })
  }
}

function generateCustomer(ctx: Context, id: number): void {
  const { rng, now } = ctx
  rng.reseed(ctx.seed, id)
  const c = drawBasics(rng, id)
  const d = drawDrivers(rng, c.vertical)
  const churned = rng.chance(churnProbability(d))
  // Everything observable is generated as of the reference date: the churn date or today.
  const asOf = churned ? now - Math.floor(rng.range(1, 365) * DAY) : now
  let sinceMs = now - Math.floor(rng.float() * TENURE_SPAN)
  if (churned && sinceMs > asOf - 90 * DAY) sinceMs = asOf - rng.int(90, 400) * DAY
  const contractEnd =
    c.vertical === 'ecommerce'
      ? null
      : ymd(ctx, asOf + (d.contractEndSoon ? rng.int(30, 90) : rng.int(91, 720)) * DAY)
  const value = valueCents(rng, c.vertical, c.plan)
  const createdAt = sinceMs + rng.int(7, 19) * 3_600_000
  const updatedAt = churned ? asOf : Math.max(createdAt, now - rng.int(0, 60) * DAY)
  ctx.out.customer.add(
    id,
    `K-${1_000_000 + id}`,
    c.firstName,
    c.lastName,
    `${c.firstName} ${c.lastName}`,
    c.company,
    c.city.name,
    c.lang,
    c.vertical,
    c.plan.name,
    value,
    ymd(ctx, sinceMs),
    contractEnd,
    churned ? 'churned' : 'active',
    churned ? asOf : null,
    rng.chance(0.92) ? 1 : 0,
    createdAt,
    updatedAt,
  )
  insertContacts(ctx, c)
  const wantsLoop = !churned && rng.chance(d.satisfaction < 6.5 ? 0.1 : 0.004)
  const last = insertFeedback(ctx, c, d, sinceMs, asOf, wantsLoop)
  if (id <= ctx.writeUsageUpTo) insertUsage(ctx, c, d, asOf)
  insertTickets(ctx, c, d, asOf)
  if (churned) {
    ctx.out.churn.add(id, asOf, churnReason(rng, d))
    ctx.count.churned++
  }
  if (wantsLoop && last) insertLoop(ctx, c, d, last, value)
  insertPastLoops(ctx, c, d, asOf)
}

// ---------------------------------------------------------------------------------------------

function createWriters(db: DB): Writers {
  const customer = new BulkInsert(
    db,
    'customers',
    [
      'id',
      'customer_no',
      'first_name',
      'last_name',
      'display_name',
      'company',
      'city',
      'language',
      'vertical',
      'plan',
      'value_cents',
      'customer_since',
      'contract_end',
      'status',
      'churned_at',
      'consent_contact',
      'created_at',
      'updated_at',
    ],
    16,
    null,
  )
  const feedback = new BulkInsert(
    db,
    'feedback',
    [
      'id',
      'customer_id',
      'nps',
      'intent_raw',
      'intent_scale',
      'intent',
      'comment',
      'language',
      'channel',
      'source',
      'source_response_id',
      'answered_at',
      'created_at',
    ],
    16,
    customer,
  )
  const loop = new BulkInsert(
    db,
    'loops',
    [
      'id',
      'customer_id',
      'feedback_id',
      'origin',
      'type',
      'title',
      'state',
      'priority',
      'due_at',
      'assignee_id',
      'created_at',
      'updated_at',
      'cause',
      'language',
      'assigned_at',
      'first_action_at',
      'informed_at',
      'informed_channel',
      'resolved_at',
      'reopen_count',
      'review_state',
    ],
    16,
    feedback,
  )
  return {
    customer,
    contact: new BulkInsert(
      db,
      'contact_points',
      ['customer_id', 'kind', 'value', 'label', 'is_primary'],
      32,
      customer,
    ),
    feedback,
    usage: new BulkInsert(db, 'usage', ['customer_id', 'period_start', 'units'], USAGE_WEEKS, customer),
    ticket: new BulkInsert(
      db,
      'tickets',
      ['customer_id', 'subject', 'category', 'status', 'opened_at', 'closed_at'],
      16,
      customer,
    ),
    churn: new BulkInsert(db, 'churn_events', ['customer_id', 'churned_at', 'reason'], 16, customer),
    loop,
    loopEvent: new BulkInsert(
      db,
      'loop_events',
      ['id', 'loop_id', 'at', 'user_id', 'kind', 'old_value', 'new_value', 'detail', 'prev_hash', 'hash'],
      16,
      loop,
    ),
    chainEvent: createAuditChainer(db),
    // Same statement as migration 2, limited to the batch just written.
    ftsRange: db.prepare(
      `INSERT INTO customers_fts(rowid, display_name, company, customer_no, email)
       SELECT c.id, c.display_name, coalesce(c.company, ''), c.customer_no,
              coalesce((SELECT group_concat(value, ' ') FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email'), '')
       FROM customers c WHERE c.id BETWEEN ? AND ?`,
    ),
  }
}

/** Writes every buffered row, parents before children. */
function flushBatch(out: Writers): void {
  for (const w of [
    out.customer,
    out.contact,
    out.feedback,
    out.usage,
    out.ticket,
    out.churn,
    out.loop,
    out.loopEvent,
  ]) {
    w.flush()
  }
}

/** Users and offers; ids come back from SQLite so a database with existing users still works. */
function insertCatalogue(db: DB): { staff: Staff; users: number; offers: number } {
  const insertUser = db.prepare(`INSERT INTO users (name, role, languages, team) VALUES (?, ?, ?, ?)`)
  const insertOffer = db.prepare(
    `INSERT OR IGNORE INTO offers (code, kind, name_de, name_en, cost_cents, rules_json) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const agentsDe: number[] = []
  const agentsEn: number[] = []
  const leads: number[] = []
  const supervisors: number[] = []
  for (const u of DEMO_USERS) {
    const id = Number(insertUser.run(u.name, u.role, u.languages, u.team).lastInsertRowid)
    if (u.role === 'team_lead') leads.push(id)
    if (u.role === 'supervisor') supervisors.push(id)
    if (u.role !== 'agent') continue
    agentsDe.push(id)
    if (u.languages.includes('en')) agentsEn.push(id)
  }
  let offers = 0
  for (const o of DEMO_OFFERS) {
    offers += insertOffer.run(
      o.code,
      o.kind,
      o.nameDe,
      o.nameEn,
      o.costCents,
      JSON.stringify(o.rules),
    ).changes
  }
  return { staff: { agentsDe, agentsEn, leads, supervisors }, users: DEMO_USERS.length, offers }
}

function checkOptions(options: SeedOptions): void {
  const { customers, feedbackPerCustomer } = options
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new RangeError(
      `customers must be an integer from 1 to ${MAX_DEMO_CUSTOMERS}, got ${String(customers)}`,
    )
  }
  if (feedbackPerCustomer !== undefined && !(feedbackPerCustomer >= 0 && feedbackPerCustomer <= 50)) {
    throw new RangeError(`feedbackPerCustomer must be 0-50, got ${String(feedbackPerCustomer)}`)
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new RangeError(`seed must be an integer, got ${String(options.seed)}`)
  }
  if (options.now !== undefined && !Number.isFinite(options.now)) {
    throw new RangeError(`now must be epoch milliseconds, got ${String(options.now)}`)
  }
}

export function isEmptyDatabase(db: DB): boolean {
  return db.prepare('SELECT 1 FROM customers LIMIT 1').get() === undefined
}

/**
 * Fills an empty database with a deterministic demo data set: customers 1..N with contact points,
 * survey answers, usage, tickets, churn ground truth and open loops, plus users and offers.
 * Batches of customers are written in one transaction each, child rows included, with statements
 * prepared once; the same options always produce the same rows.
 */
export function seedDemoData(db: DB, options: SeedOptions): SeedReport {
  checkOptions(options)
  if (!isEmptyDatabase(db)) throw new Error('seedDemoData needs a database without customers')
  const started = performance.now()
  const total = options.customers
  const previousCache = db.pragma('cache_size', { simple: true }) as number
  // Random inserts into the phone/e-mail lookup index thrash a small page cache.
  db.pragma(`cache_size = -${SEED_CACHE_KIB}`)
  try {
    const catalogue = db.transaction(() => insertCatalogue(db))()
    const ctx: Context = {
      rng: new Random(options.seed ?? DEFAULT_SEED),
      seed: options.seed ?? DEFAULT_SEED,
      now: options.now ?? DEFAULT_NOW,
      feedbackMean: options.feedbackPerCustomer ?? DEFAULT_FEEDBACK_PER_CUSTOMER,
      writeUsageUpTo: total > USAGE_CUSTOMER_LIMIT ? USAGE_CUSTOMER_LIMIT : total,
      out: createWriters(db),
      staff: catalogue.staff,
      count: { contactPoints: 0, feedback: 0, usage: 0, tickets: 0, churned: 0, loops: 0, loopEvents: 0 },
      dayStrings: new Map(),
      times: new Float64Array(64),
    }
    const writeBatch = db.transaction((from: number, to: number) => {
      for (let id = from; id <= to; id++) generateCustomer(ctx, id)
      flushBatch(ctx.out)
      ctx.out.ftsRange.run(from, to)
    })
    for (let from = 1; from <= total; from += BATCH_SIZE) {
      const to = Math.min(total, from + BATCH_SIZE - 1)
      writeBatch(from, to)
      options.onProgress?.(to, total)
    }
    const { contactPoints, feedback, usage, tickets, churned, loops } = ctx.count
    return {
      customers: total,
      contactPoints,
      feedback,
      usage,
      tickets,
      churned,
      loops,
      users: catalogue.users,
      offers: catalogue.offers,
      ms: Math.round(performance.now() - started),
    }
  } finally {
    db.pragma(`cache_size = ${previousCache}`)
  }
}
