/**
 * Word lists for the demo data: names, places, companies, plans, ticket subjects and survey
 * comments. The comment templates carry their intended polarity and topics as data so that a
 * sentiment/topic feature can be evaluated against them, not only fed by them.
 */

export type Lang = 'de' | 'en'
export type Vertical = 'telecom' | 'ecommerce' | 'saas'
export type Polarity = 'positive' | 'neutral' | 'negative'

// One topic list for the demo comments and the comment analysis that later reads them.
export { TOPICS, type Topic } from '../../../shared/domain/commentLexicon'
import type { Topic } from '../../../shared/domain/commentLexicon'

export interface CommentTemplate {
  lang: Lang
  text: string
  polarity: Polarity
  topics: readonly Topic[]
  /** Praise and complaint in one comment; polarity then says which side wins. */
  mixed?: boolean
  /** Only plausible for these verticals (e.g. delivery for e-commerce); all when absent. */
  verticals?: readonly Vertical[]
}

/** Names in rough order of frequency; the generator weights earlier entries higher. */
// prettier-ignore
export const GERMAN_FIRST_NAMES = [
  'Anna', 'Thomas', 'Maria', 'Michael', 'Julia', 'Andreas', 'Laura', 'Stefan', 'Katharina', 'Christian',
  'Sabine', 'Markus', 'Lena', 'Frank', 'Sarah', 'Jürgen', 'Petra', 'Uwe', 'Monika', 'Klaus',
  'Andrea', 'Wolfgang', 'Claudia', 'Peter', 'Susanne', 'Matthias', 'Stefanie', 'Daniel', 'Nicole', 'Tobias',
  'Birgit', 'Florian', 'Ursula', 'Sebastian', 'Renate', 'Jan', 'Karin', 'Lukas', 'Heike', 'Felix',
  'Martina', 'Jonas', 'Jana', 'Leon', 'Nina', 'Paul', 'Franziska', 'Maximilian', 'Sophie', 'Niklas',
  'Hannah', 'Tim', 'Johanna', 'Moritz', 'Charlotte', 'Philipp', 'Emma', 'Alexander', 'Mia', 'Dirk',
  'Marie', 'Holger', 'Clara', 'Ralf', 'Paula', 'Sven', 'Lea', 'Björn', 'Jörg', 'Günter',
  'Dieter', 'Helmut', 'Gisela', 'Bärbel', 'Emre', 'Mehmet', 'Ayşe', 'Zeynep', 'Aleksandra', 'Piotr',
] as const

// prettier-ignore
export const GERMAN_LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier',
  'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
  'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert',
  'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler', 'Roth', 'Beck', 'Lorenz',
  'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm', 'Winter', 'Kraus', 'Schumacher',
  'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel', 'Heinrich', 'Brandt',
  'Haas', 'Schreiber', 'Graf', 'Dietrich', 'Ziegler', 'Kühn', 'Pohl', 'Engel', 'Horn', 'Busch',
  'Yilmaz', 'Kaya', 'Demir', 'Öztürk', 'Nowak', 'Kowalski', 'Popović', 'Nguyen',
] as const

// prettier-ignore
export const ENGLISH_FIRST_NAMES = [
  'Oliver', 'Olivia', 'George', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava', 'Noah', 'Emily',
  'Charlie', 'Sophie', 'Thomas', 'Grace', 'Oscar', 'Lily', 'William', 'Freya', 'James', 'Ella',
  'Henry', 'Mia', 'Leo', 'Charlotte', 'Alfie', 'Evie', 'Joshua', 'Poppy', 'Freddie', 'Jessica',
  'Archie', 'Isabella', 'Ethan', 'Ruby', 'Isaac', 'Chloe', 'Alexander', 'Sophia', 'Daniel', 'Hannah',
  'Samuel', 'Lucy', 'Benjamin', 'Emma', 'Edward', 'Katie', 'Joseph', 'Rebecca', 'Lewis', 'Laura',
  'Callum', 'Sarah', 'Ryan', 'Rachel', 'Liam', 'Amy', 'Connor', 'Eleanor', 'Megan', 'Priya',
  'Aisha', 'Mohammed', 'Arjun', 'Siobhan', 'Rhys', 'Niamh', 'Fiona', 'Gareth',
] as const

// prettier-ignore
export const ENGLISH_LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Cox',
  'Ward', 'Turner', 'Hughes', 'Edwards', 'Hill', 'Moore', 'Clark', 'Harrison', 'Scott', 'Young',
  'Morris', 'Harris', 'King', 'Baker', 'Campbell', 'Cooper', 'Lee', 'Allen', 'Bell', 'Parker',
  'Collins', 'Murphy', 'Kelly', 'Stewart', 'Morgan', 'Bennett', 'Griffiths', 'Price', 'Shaw', 'Fletcher',
  'Chapman', 'Watson', 'Kaur', 'Singh', 'Ahmed', "O'Brien", 'McDonald', 'Reid', 'Fraser', 'Lloyd',
] as const

/**
 * A city and how its landline numbers look: area code (national, without trunk 0), the digits a
 * subscriber number may start with, and the subscriber length. Only ranges libphonenumber-js
 * accepts in full are listed, so numbers can be built without parsing each one.
 */
export interface City {
  name: string
  /** null: no landline range listed; the generator uses an office line elsewhere. */
  areaCode: string | null
  leadDigits: string
  subscriberLength: number
  /** Rough population share, used as a sampling weight. */
  weight: number
}

const de = (name: string, areaCode: string, weight: number): City => ({
  name,
  areaCode,
  leadDigits: '23456789',
  subscriberLength: 7,
  weight,
})

/** Area codes are prefix-free (no code starts another), which keeps generated numbers unique. */
export const GERMAN_CITIES: readonly City[] = [
  de('Berlin', '30', 37),
  de('Hamburg', '40', 19),
  de('München', '89', 15),
  de('Köln', '221', 11),
  de('Frankfurt am Main', '69', 7.7),
  de('Stuttgart', '711', 6.3),
  de('Düsseldorf', '211', 6.2),
  de('Leipzig', '341', 6),
  de('Dortmund', '231', 5.9),
  de('Essen', '201', 5.8),
  de('Bremen', '421', 5.7),
  de('Dresden', '351', 5.6),
  de('Hannover', '511', 5.4),
  de('Nürnberg', '911', 5.2),
  de('Duisburg', '203', 5),
  de('Bochum', '234', 3.6),
  de('Wuppertal', '202', 3.5),
  de('Bielefeld', '521', 3.3),
  de('Bonn', '228', 3.3),
  de('Münster', '251', 3.2),
  de('Mannheim', '621', 3.1),
  de('Karlsruhe', '721', 3.1),
  de('Augsburg', '821', 3),
  de('Wiesbaden', '611', 2.8),
  de('Aachen', '241', 2.5),
  de('Braunschweig', '531', 2.5),
  de('Kiel', '431', 2.5),
  de('Chemnitz', '371', 2.4),
  de('Halle (Saale)', '345', 2.4),
  de('Magdeburg', '391', 2.4),
  de('Freiburg im Breisgau', '761', 2.3),
  de('Erfurt', '361', 2.1),
  de('Rostock', '381', 2.1),
  de('Potsdam', '331', 1.8),
  de('Saarbrücken', '681', 1.8),
  de('Osnabrück', '541', 1.6),
]

const uk = (
  name: string,
  areaCode: string | null,
  leadDigits: string,
  subscriberLength: number,
  weight: number,
): City => ({
  name,
  areaCode,
  leadDigits,
  subscriberLength,
  weight,
})

export const UK_CITIES: readonly City[] = [
  uk('London', '20', '378', 8, 90),
  uk('Birmingham', '121', '234567', 7, 11),
  uk('Manchester', '161', '23456789', 7, 5.5),
  uk('Leeds', '113', '23458', 7, 8),
  uk('Glasgow', '141', '23456789', 7, 6),
  uk('Liverpool', '151', '23456789', 7, 5),
  uk('Edinburgh', '131', '2345678', 7, 5.2),
  uk('Newcastle upon Tyne', '191', '23456789', 7, 3),
  uk('Nottingham', '115', '26789', 7, 3.2),
  uk('Bristol', null, '', 0, 4.7),
  uk('Sheffield', null, '', 0, 5.8),
  uk('Leicester', null, '', 0, 3.5),
  uk('Cardiff', null, '', 0, 3.6),
  uk('Belfast', null, '', 0, 3.4),
  uk('Brighton', null, '', 0, 2.9),
  uk('Southampton', null, '', 0, 2.5),
  uk('Oxford', null, '', 0, 1.5),
  uk('Cambridge', null, '', 0, 1.4),
  uk('York', null, '', 0, 2),
  uk('Aberdeen', null, '', 0, 2),
]

/** Office line used for English customers whose city has no listed landline range. */
export const UK_OFFICE_CITY: City = UK_CITIES[0] as City

/** German mobile prefixes (national, no trunk 0); each takes 8 more digits. */
// prettier-ignore
export const GERMAN_MOBILE_PREFIXES = [
  '151', '152', '157', '159', '160', '162', '163', '170', '171', '172', '173', '174', '175', '176', '177', '178', '179',
] as const

/** UK mobile prefixes whose full 8-digit range is valid (77xx and 79xx have holes). */
export const UK_MOBILE_PREFIXES = ['71', '72', '73', '74', '75', '78'] as const

/** Reserved example domains (RFC 2606/6761): demo e-mails must never reach a real mailbox. */
export const EMAIL_DOMAINS = [
  'example.com',
  'example.net',
  'example.org',
  'mail.example',
  'post.example',
] as const

/** Company names are stem + trade + legal form, e.g. "Isar Logistik GmbH". */
export interface CompanyParts {
  stems: readonly string[]
  trades: readonly string[]
  forms: readonly string[]
  formWeights: readonly number[]
}

// prettier-ignore
export const COMPANY_PARTS: Record<Lang, CompanyParts> = {
  de: {
    stems: [
      'Nordlicht', 'Rheintal', 'Isar', 'Elbblick', 'Alpenland', 'Spree', 'Schwarzwald', 'Hanse', 'Weser', 'Main',
      'Ostsee', 'Taunus', 'Harz', 'Lindenhof', 'Sonnenberg', 'Kranich', 'Falkenstein', 'Brückner', 'Eichhorn', 'Waldner',
      'Mosel', 'Bodensee', 'Donau', 'Eifel', 'Altmark', 'Fichtel', 'Lahn', 'Neckar', 'Havel', 'Wendland',
    ],
    trades: [
      'Logistik', 'Software', 'Consulting', 'Medien', 'Bau', 'Immobilien', 'Steuerberatung', 'Personalservice', 'Energie', 'Maschinenbau',
      'Handel', 'Automation', 'Systemhaus', 'Gesundheit', 'Reisen', 'Druck', 'Planung', 'Elektrotechnik', 'Verpackung', 'Analytics',
    ],
    forms: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'UG (haftungsbeschränkt)'],
    formWeights: [6, 1, 2, 1, 1],
  },
  en: {
    stems: [
      'Harbour', 'Thames', 'Pennine', 'Northgate', 'Riverside', 'Highland', 'Oakridge', 'Kingsway', 'Bluebell', 'Redbrick',
      'Granite', 'Lakeside', 'Summit', 'Ashford', 'Clyde', 'Mersey', 'Cotswold', 'Fenwick', 'Brightwater', 'Silverline',
      'Westfield', 'Greenway', 'Albion', 'Meridian', 'Sterling',
    ],
    trades: [
      'Analytics', 'Logistics', 'Software', 'Consulting', 'Media', 'Construction', 'Property', 'Accounting', 'Recruitment', 'Energy',
      'Engineering', 'Retail', 'Systems', 'Health', 'Travel', 'Print', 'Design', 'Electrical', 'Packaging', 'Digital',
    ],
    forms: ['Ltd', 'plc', 'LLP', 'Group Ltd'],
    formWeights: [6, 1, 1, 1],
  },
}

export interface Plan {
  name: string
  /** List price per month; e-commerce plans are club fees on top of what is bought. */
  monthlyCents: number
  weight: number
  /**
   * Typical weekly usage: telecom GB of data, e-commerce shop visits, SaaS weekly active users.
   */
  usageBase: number
}

export const PLANS: Record<Vertical, readonly Plan[]> = {
  telecom: [
    { name: 'Mobil S', monthlyCents: 1499, weight: 3, usageBase: 3 },
    { name: 'Mobil M', monthlyCents: 2499, weight: 4, usageBase: 6 },
    { name: 'Mobil L', monthlyCents: 3999, weight: 2.5, usageBase: 12 },
    { name: 'Mobil XL Unlimited', monthlyCents: 5999, weight: 1, usageBase: 25 },
    { name: 'DSL 100', monthlyCents: 3499, weight: 2, usageBase: 60 },
    { name: 'Glasfaser 300', monthlyCents: 4499, weight: 1.5, usageBase: 90 },
    { name: 'Glasfaser 500', monthlyCents: 4999, weight: 1.5, usageBase: 120 },
    { name: 'Glasfaser 1000', monthlyCents: 6999, weight: 0.6, usageBase: 180 },
  ],
  ecommerce: [
    { name: 'Standard', monthlyCents: 0, weight: 6, usageBase: 3 },
    { name: 'Prime-Club', monthlyCents: 799, weight: 3, usageBase: 6 },
    { name: 'Prime-Club Plus', monthlyCents: 1499, weight: 1, usageBase: 9 },
  ],
  saas: [
    { name: 'Starter', monthlyCents: 4900, weight: 2, usageBase: 3 },
    { name: 'Team', monthlyCents: 19900, weight: 4, usageBase: 12 },
    { name: 'Business', monthlyCents: 79900, weight: 2.5, usageBase: 45 },
    { name: 'Enterprise', monthlyCents: 299900, weight: 0.8, usageBase: 180 },
  ],
}

export type TicketCategory = 'billing' | 'technical' | 'delivery' | 'contract' | 'service'

export interface TicketSubjects {
  category: TicketCategory
  verticals?: readonly Vertical[]
  de: readonly string[]
  en: readonly string[]
}

export const TICKET_SUBJECTS: readonly TicketSubjects[] = [
  {
    category: 'billing',
    de: [
      'Rechnung fehlerhaft',
      'Doppelte Abbuchung',
      'Gutschrift fehlt',
      'Frage zur Rechnung',
      'Mahnung trotz Zahlung',
    ],
    en: [
      'Incorrect bill',
      'Charged twice',
      'Missing credit',
      'Question about my invoice',
      'Reminder despite payment',
    ],
  },
  {
    category: 'technical',
    verticals: ['telecom'],
    de: [
      'Kein Internet seit gestern',
      'Schlechter Empfang zu Hause',
      'Router startet ständig neu',
      'SIM-Karte wird nicht erkannt',
    ],
    en: [
      'No internet since yesterday',
      'Poor signal at home',
      'Router keeps restarting',
      'SIM card not recognised',
    ],
  },
  {
    category: 'technical',
    verticals: ['saas'],
    de: ['Login nicht möglich', 'Export bricht ab', 'Software sehr langsam', 'Schnittstelle liefert Fehler'],
    en: ['Cannot log in', 'Export fails', 'Software very slow', 'API returns errors'],
  },
  {
    category: 'technical',
    verticals: ['ecommerce'],
    de: ['App stürzt beim Bezahlen ab', 'Passwort zurücksetzen funktioniert nicht'],
    en: ['App crashes at checkout', 'Password reset does not work'],
  },
  {
    category: 'delivery',
    verticals: ['ecommerce'],
    de: [
      'Paket nicht angekommen',
      'Lieferung verspätet',
      'Falscher Artikel geliefert',
      'Ware beschädigt angekommen',
    ],
    en: ['Parcel not received', 'Delivery delayed', 'Wrong item delivered', 'Item arrived damaged'],
  },
  {
    category: 'contract',
    verticals: ['telecom', 'saas'],
    de: [
      'Kündigung zum Vertragsende',
      'Tarifwechsel gewünscht',
      'Frage zur Mindestlaufzeit',
      'Vertragsverlängerung',
    ],
    en: [
      'Cancellation at end of contract',
      'Request to change plan',
      'Question about minimum term',
      'Contract renewal',
    ],
  },
  {
    category: 'service',
    de: ['Rückruf gewünscht', 'Beschwerde über Hotline', 'Adressänderung', 'Datenschutzauskunft'],
    en: ['Callback requested', 'Complaint about hotline', 'Change of address', 'Data protection request'],
  },
]

const t = (
  lang: Lang,
  polarity: Polarity,
  topics: readonly Topic[],
  text: string,
  extra: { mixed?: boolean; verticals?: readonly Vertical[] } = {},
): CommentTemplate => ({ lang, polarity, topics, text, ...extra })

const TEL: readonly Vertical[] = ['telecom']
const SHOP: readonly Vertical[] = ['ecommerce']
const SAAS: readonly Vertical[] = ['saas']
const CONTRACTS: readonly Vertical[] = ['telecom', 'saas']

const GERMAN_COMMENTS: readonly CommentTemplate[] = [
  // positive
  t(
    'de',
    'positive',
    ['service'],
    'Super Service! Die Mitarbeiterin an der Hotline war sehr freundlich und hat mein Problem sofort gelöst.',
  ),
  t(
    'de',
    'positive',
    ['service'],
    'Kurze Wartezeit an der Hotline und eine wirklich hilfreiche Antwort. So muss das sein.',
  ),
  t(
    'de',
    'positive',
    ['service', 'product_quality'],
    'Ich bin seit Jahren Kunde und hatte nie Probleme. Weiter so!',
  ),
  t('de', 'positive', [], 'Ich bin sehr zufrieden und empfehle euch gerne weiter.'),
  t(
    'de',
    'positive',
    ['price'],
    'Preis-Leistung stimmt einfach, dafür bekommt man woanders deutlich weniger.',
  ),
  t('de', 'positive', ['price'], 'Für den Preis absolut unschlagbar.'),
  t(
    'de',
    'positive',
    ['price', 'product_quality'],
    'Nicht ganz billig, aber die Qualität überzeugt mich jedes Mal.',
    { mixed: true },
  ),
  t('de', 'positive', ['billing'], 'Die Rechnung ist verständlich und stimmt immer.'),
  t(
    'de',
    'positive',
    ['usability'],
    'Die App ist übersichtlich und einfach zu bedienen, alles Wichtige findet man sofort.',
  ),
  t(
    'de',
    'positive',
    ['service', 'contract_cancellation'],
    'Kompetente Beratung beim Tarifwechsel, ich habe mich wirklich gut informiert gefühlt.',
    { verticals: TEL },
  ),
  t('de', 'positive', ['product_quality'], 'Das Netz ist stabil und schnell, sogar bei uns auf dem Land.', {
    verticals: TEL,
  }),
  t(
    'de',
    'positive',
    ['product_quality'],
    'Seit der Umstellung auf Glasfaser läuft das Internet einwandfrei. Endlich!',
    { verticals: TEL },
  ),
  t('de', 'positive', ['product_quality'], 'Kein einziger Ausfall im letzten Jahr, absolut zuverlässig.', {
    verticals: CONTRACTS,
  }),
  t(
    'de',
    'positive',
    ['delivery'],
    'Am Abend bestellt, am nächsten Vormittag geliefert – besser geht es nicht.',
    { verticals: SHOP },
  ),
  t('de', 'positive', ['delivery'], 'Schnelle Lieferung, alles ordentlich verpackt. Gerne wieder!', {
    verticals: SHOP,
  }),
  t(
    'de',
    'positive',
    ['delivery', 'service'],
    'Die Rücksendung war völlig unkompliziert, das Geld war nach drei Tagen wieder auf dem Konto.',
    { verticals: SHOP },
  ),
  t(
    'de',
    'positive',
    ['product_quality', 'usability'],
    'Die Software hat unsere Abläufe im Team spürbar vereinfacht.',
    { verticals: SAAS },
  ),
  t(
    'de',
    'positive',
    ['service', 'usability'],
    'Dank des Onboardings durch euer Team waren wir nach einer Woche startklar.',
    { verticals: SAAS },
  ),
  t(
    'de',
    'positive',
    ['contract_cancellation', 'price'],
    'Die Vertragsverlängerung war unkompliziert und das Angebot fair.',
    { verticals: CONTRACTS },
  ),
  t(
    'de',
    'positive',
    ['product_quality'],
    'Tolles Produkt, ich nutze es täglich und möchte es nicht mehr missen.',
  ),
  // neutral
  t('de', 'neutral', ['service'], 'Ganz ok, aber die Wartezeit an der Hotline ist oft zu lang.', {
    mixed: true,
  }),
  t(
    'de',
    'neutral',
    ['product_quality', 'price'],
    'Das Produkt ist gut, aber der Preis ist in letzter Zeit ziemlich gestiegen.',
    { mixed: true },
  ),
  t(
    'de',
    'neutral',
    ['service', 'competitor', 'price'],
    'Service top, aber der Wettbewerber ist inzwischen günstiger.',
    { mixed: true },
  ),
  t(
    'de',
    'neutral',
    ['competitor', 'price'],
    'Eigentlich bin ich zufrieden, aber bei der Konkurrenz bekomme ich mehr Leistung fürs gleiche Geld.',
    { mixed: true },
  ),
  t(
    'de',
    'neutral',
    ['delivery'],
    'Im Großen und Ganzen zufrieden, die Lieferung hat diesmal aber deutlich länger gedauert.',
    { mixed: true, verticals: SHOP },
  ),
  t('de', 'neutral', ['usability'], 'Funktioniert, mehr nicht. Die App könnte übersichtlicher sein.'),
  t(
    'de',
    'neutral',
    ['billing', 'service'],
    'Die Rechnung war einmal falsch, wurde aber schnell korrigiert.',
    { mixed: true },
  ),
  t('de', 'neutral', [], 'Nichts Besonderes, aber auch nichts zu meckern.'),
  t(
    'de',
    'neutral',
    ['price', 'service'],
    'Der Preis ist in Ordnung, der Kundenservice könnte aber schneller reagieren.',
    { mixed: true },
  ),
  t(
    'de',
    'neutral',
    ['product_quality'],
    'Das Netz ist meistens gut, im Zug habe ich aber oft keinen Empfang.',
    { mixed: true, verticals: TEL },
  ),
  t(
    'de',
    'neutral',
    ['contract_cancellation'],
    'Ich überlege noch, ob ich nach dem Vertragsende verlängere.',
    {
      verticals: CONTRACTS,
    },
  ),
  t(
    'de',
    'neutral',
    ['usability'],
    'Die neue Oberfläche ist gewöhnungsbedürftig, aber man findet sich rein.',
    { mixed: true },
  ),
  t(
    'de',
    'neutral',
    ['product_quality', 'price', 'delivery'],
    'Die Qualität passt, bei den Versandkosten seid ihr aber nicht gerade günstig.',
    { mixed: true, verticals: SHOP },
  ),
  t(
    'de',
    'neutral',
    ['product_quality', 'price'],
    'Solide Software, aber für kleine Teams sind die Lizenzen recht teuer.',
    { mixed: true, verticals: SAAS },
  ),
  // negative
  t('de', 'negative', ['price'], 'Viel zu teuer für das, was geboten wird.'),
  t(
    'de',
    'negative',
    ['price', 'competitor'],
    'Die Preiserhöhung ist eine Frechheit. Ich schaue mich nach Alternativen um.',
  ),
  t(
    'de',
    'negative',
    ['competitor', 'price', 'contract_cancellation'],
    'Der Wettbewerber bietet das Gleiche für weniger Geld. Ich werde kündigen.',
  ),
  t(
    'de',
    'negative',
    ['contract_cancellation', 'competitor'],
    'Zum Vertragsende werde ich kündigen, das Angebot der Konkurrenz ist einfach besser.',
    { verticals: CONTRACTS },
  ),
  t(
    'de',
    'negative',
    ['competitor', 'price'],
    'Bei der Konkurrenz bekomme ich doppelt so viel Datenvolumen zum gleichen Preis.',
    { verticals: TEL },
  ),
  t(
    'de',
    'negative',
    ['product_quality'],
    'Ich bin überhaupt nicht zufrieden. Seit Wochen funktioniert das Internet nur sporadisch.',
    { verticals: TEL },
  ),
  t('de', 'negative', ['billing'], 'Schon wieder eine fehlerhafte Rechnung, mir wurde doppelt abgebucht.'),
  t(
    'de',
    'negative',
    ['billing'],
    'Die Abrechnung ist völlig intransparent, ich verstehe meine Rechnung nicht.',
  ),
  t(
    'de',
    'negative',
    ['billing', 'service'],
    'Mir wurde eine Gutschrift versprochen, gekommen ist bis heute nichts.',
  ),
  t(
    'de',
    'negative',
    ['service'],
    '45 Minuten in der Warteschleife und dann wurde einfach aufgelegt. Unzumutbar!',
  ),
  t('de', 'negative', ['service'], 'Keiner fühlt sich zuständig, ich wurde dreimal weiterverbunden.'),
  t(
    'de',
    'negative',
    ['service'],
    'Die Mitarbeiter waren freundlich, aber mein Problem ist immer noch nicht gelöst.',
    { mixed: true },
  ),
  t(
    'de',
    'negative',
    ['contract_cancellation', 'service'],
    'Nicht zufrieden: Meine Kündigung wird seit Wochen nicht bestätigt.',
  ),
  t(
    'de',
    'negative',
    ['contract_cancellation'],
    'Die Mindestlaufzeit von 24 Monaten ist nicht mehr zeitgemäß.',
    {
      verticals: TEL,
    },
  ),
  t(
    'de',
    'negative',
    ['delivery'],
    'Die Lieferung kam eine Woche zu spät und niemand hat Bescheid gegeben.',
    { verticals: SHOP },
  ),
  t(
    'de',
    'negative',
    ['delivery', 'product_quality'],
    'Die Ware kam beschädigt an und die Rücksendung ist viel zu kompliziert.',
    { verticals: SHOP },
  ),
  t(
    'de',
    'negative',
    ['delivery', 'service'],
    'Die Bestellung wurde storniert, ohne dass mir jemand Bescheid gegeben hat.',
    { verticals: SHOP },
  ),
  t(
    'de',
    'negative',
    ['usability', 'product_quality'],
    'Die App stürzt ständig ab, so kann man nicht arbeiten.',
  ),
  t(
    'de',
    'negative',
    ['product_quality', 'usability'],
    'Seit dem letzten Update ist die Software deutlich langsamer geworden.',
    { verticals: SAAS },
  ),
  t(
    'de',
    'negative',
    ['usability'],
    'Die Einrichtung war kompliziert und die Dokumentation hilft nicht weiter.',
    { verticals: SAAS },
  ),
  t(
    'de',
    'negative',
    ['product_quality'],
    'Leider gar nicht zufrieden, die Qualität hat stark nachgelassen.',
  ),
  t(
    'de',
    'negative',
    ['product_quality', 'price', 'service'],
    'Das Produkt ist gut, aber für diesen Preis erwarte ich einen deutlich besseren Service.',
    { mixed: true },
  ),
  t(
    'de',
    'negative',
    ['price', 'competitor'],
    'Die Lizenzen sind zu teuer geworden, wir prüfen gerade andere Anbieter.',
    { verticals: SAAS },
  ),
  t('de', 'negative', ['service'], 'Tickets beim Support bleiben tagelang unbeantwortet.'),
]

const ENGLISH_COMMENTS: readonly CommentTemplate[] = [
  // positive
  t(
    'en',
    'positive',
    ['service'],
    'Brilliant service! The agent on the phone was friendly and sorted my problem out straight away.',
  ),
  t('en', 'positive', ['service'], 'Hardly any wait on the hotline and a genuinely helpful answer.'),
  t(
    'en',
    'positive',
    ['service', 'product_quality'],
    "I've been a customer for years and never had a problem. Keep it up!",
  ),
  t('en', 'positive', [], 'Very happy, I recommend you to friends all the time.'),
  t('en', 'positive', ['price'], 'Great value for money, you get much less elsewhere.'),
  t(
    'en',
    'positive',
    ['price', 'product_quality'],
    'Not the cheapest, but the quality is worth every penny.',
    { mixed: true },
  ),
  t('en', 'positive', ['billing'], 'The bill is clear and always correct.'),
  t(
    'en',
    'positive',
    ['usability'],
    'The app is clean and easy to use, everything important is right there.',
  ),
  t(
    'en',
    'positive',
    ['service', 'contract_cancellation'],
    'Helpful advice when I switched plans, I felt well informed.',
    { verticals: TEL },
  ),
  t('en', 'positive', ['product_quality'], 'Signal is strong and fast, even out in the countryside.', {
    verticals: TEL,
  }),
  t(
    'en',
    'positive',
    ['product_quality'],
    'Since switching to fibre the internet has been flawless. Finally!',
    { verticals: TEL },
  ),
  t('en', 'positive', ['product_quality'], 'Not a single outage in the last year, totally reliable.', {
    verticals: CONTRACTS,
  }),
  t('en', 'positive', ['delivery'], "Ordered in the evening, delivered the next morning. Can't beat that.", {
    verticals: SHOP,
  }),
  t('en', 'positive', ['delivery'], 'Fast delivery and everything was well packed. Will order again!', {
    verticals: SHOP,
  }),
  t(
    'en',
    'positive',
    ['delivery', 'service'],
    'Returning an item was painless and the refund arrived within three days.',
    { verticals: SHOP },
  ),
  t(
    'en',
    'positive',
    ['product_quality', 'usability'],
    "The software has made our team's workflows noticeably simpler.",
    { verticals: SAAS },
  ),
  t(
    'en',
    'positive',
    ['service', 'usability'],
    'Thanks to your onboarding team we were up and running within a week.',
    { verticals: SAAS },
  ),
  t(
    'en',
    'positive',
    ['contract_cancellation', 'price'],
    'Renewing the contract was easy and the offer was fair.',
    {
      verticals: CONTRACTS,
    },
  ),
  t(
    'en',
    'positive',
    ['product_quality'],
    'Great product, I use it every day and would not want to be without it.',
  ),
  t(
    'en',
    'positive',
    ['service'],
    "Couldn't be happier with the support team, they really know their stuff.",
  ),
  // neutral
  t('en', 'neutral', ['service'], "It's okay, but the waiting time on the hotline is often too long.", {
    mixed: true,
  }),
  t(
    'en',
    'neutral',
    ['product_quality', 'price'],
    'Good product, but the price has gone up quite a bit lately.',
    { mixed: true },
  ),
  t(
    'en',
    'neutral',
    ['service', 'competitor', 'price'],
    'Great service, but the competitor is cheaper now.',
    { mixed: true },
  ),
  t(
    'en',
    'neutral',
    ['competitor', 'price'],
    "I'm mostly happy, but another provider offers more for the same money.",
    { mixed: true },
  ),
  t('en', 'neutral', ['delivery'], 'Generally fine, although delivery took noticeably longer this time.', {
    mixed: true,
    verticals: SHOP,
  }),
  t('en', 'neutral', ['usability'], 'It works, nothing more. The app could be clearer.'),
  t(
    'en',
    'neutral',
    ['billing', 'service'],
    'There was one mistake on my bill, but it was corrected quickly.',
    { mixed: true },
  ),
  t('en', 'neutral', [], 'Nothing special, but nothing to complain about either.'),
  t('en', 'neutral', ['price', 'service'], 'The price is fine, but customer service could respond faster.', {
    mixed: true,
  }),
  t('en', 'neutral', ['product_quality'], 'Coverage is usually good, but I often lose signal on the train.', {
    mixed: true,
    verticals: TEL,
  }),
  t('en', 'neutral', ['contract_cancellation'], 'Still deciding whether to renew when my contract ends.', {
    verticals: CONTRACTS,
  }),
  t('en', 'neutral', ['usability'], 'The new interface takes some getting used to, but you get there.', {
    mixed: true,
  }),
  t(
    'en',
    'neutral',
    ['product_quality', 'price', 'delivery'],
    'Quality is fine, but your shipping costs are on the high side.',
    { mixed: true, verticals: SHOP },
  ),
  t(
    'en',
    'neutral',
    ['product_quality', 'price'],
    'Solid software, but the licences are pricey for a small team.',
    { mixed: true, verticals: SAAS },
  ),
  // negative
  t('en', 'negative', ['price'], 'Far too expensive for what you get.'),
  t(
    'en',
    'negative',
    ['price', 'competitor'],
    'The price increase is outrageous. I am looking at alternatives.',
  ),
  t(
    'en',
    'negative',
    ['competitor', 'price', 'contract_cancellation'],
    "The competitor offers the same thing for less money. I'm going to cancel.",
  ),
  t(
    'en',
    'negative',
    ['contract_cancellation', 'competitor'],
    "I'll cancel when my contract ends, the competition simply has a better offer.",
    { verticals: CONTRACTS },
  ),
  t(
    'en',
    'negative',
    ['competitor', 'price'],
    'Another provider gives me twice the data for the same price.',
    { verticals: TEL },
  ),
  t(
    'en',
    'negative',
    ['product_quality'],
    'Not happy at all. The internet has been dropping out for weeks.',
    { verticals: TEL },
  ),
  t('en', 'negative', ['billing'], 'Another wrong bill, I was charged twice.'),
  t('en', 'negative', ['billing'], 'The billing is completely opaque, I cannot make sense of my invoice.'),
  t('en', 'negative', ['billing', 'service'], 'I was promised a credit and it still has not arrived.'),
  t('en', 'negative', ['service'], '45 minutes on hold and then they just hung up. Unacceptable!'),
  t('en', 'negative', ['service'], 'Nobody feels responsible, I was transferred three times.'),
  t('en', 'negative', ['service'], 'The staff were polite, but my problem still is not fixed.', {
    mixed: true,
  }),
  t(
    'en',
    'negative',
    ['contract_cancellation', 'service'],
    'Not satisfied: my cancellation still has not been confirmed after weeks.',
  ),
  t('en', 'negative', ['contract_cancellation'], 'A 24-month minimum term is simply outdated.', {
    verticals: TEL,
  }),
  t('en', 'negative', ['delivery'], 'The delivery was a week late and nobody told me.', { verticals: SHOP }),
  t(
    'en',
    'negative',
    ['delivery', 'product_quality'],
    'The item arrived damaged and returning it is far too complicated.',
    { verticals: SHOP },
  ),
  t('en', 'negative', ['delivery', 'service'], 'My order was cancelled without anyone letting me know.', {
    verticals: SHOP,
  }),
  t(
    'en',
    'negative',
    ['usability', 'product_quality'],
    'The app keeps crashing, it is impossible to work like this.',
  ),
  t(
    'en',
    'negative',
    ['product_quality', 'usability'],
    'Since the last update the software has become much slower.',
    { verticals: SAAS },
  ),
  t('en', 'negative', ['usability'], 'Setup was complicated and the documentation does not help.', {
    verticals: SAAS,
  }),
  t('en', 'negative', ['product_quality'], 'Not satisfied at all, the quality has gone downhill.'),
  t(
    'en',
    'negative',
    ['product_quality', 'price', 'service'],
    'The product is fine, but at this price I expect far better service.',
    { mixed: true },
  ),
  t(
    'en',
    'negative',
    ['price', 'competitor'],
    'Licences have become too expensive, we are evaluating other vendors.',
    { verticals: SAAS },
  ),
  t('en', 'negative', ['service'], 'Support tickets sit unanswered for days.'),
]

/** All survey comment templates, German first. */
export const COMMENT_TEMPLATES: readonly CommentTemplate[] = [...GERMAN_COMMENTS, ...ENGLISH_COMMENTS]

/** Folds a name to what people type in an e-mail address: umlauts spelt out, accents and symbols dropped. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '')
}
