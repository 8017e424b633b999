/**
 * Contact-centre lexicon for German and English survey comments: topic terms, polarity cues and the
 * small amount of grammar (negation, intensifiers, contrast) needed to read them. Pure data and pure
 * functions: it runs in the renderer as well as in the core, so no Node and no npm packages.
 *
 * Term syntax (lower case, matched against the comment's word tokens; hyphens split words):
 *   'teuer'        the whole word
 *   'kündig*'      a word starting with the stem (inflections)
 *   '*abbruch'     a word ending in it (German compound heads: Verbindungsabbruch)
 *   '*preis*'      a word containing it (Strompreis, Preiserhöhung)
 *   'zu teuer'     consecutive words
 *   'stürzt ~ ab'  '~' skips 0-2 words of the same clause (German separable verbs, "funktioniert gar nicht")
 * At each position the longest match wins, so phrases override the words inside them
 * ("nicht erreichbar" is one cue, not a negated "erreichbar"; "nicht nur" neutralises its "nicht").
 */

export const TOPICS = [
  'price',
  'delivery',
  'service',
  'product_quality',
  'billing',
  'usability',
  'contract_cancellation',
  'competitor',
] as const
export type Topic = (typeof TOPICS)[number]
export type LexiconLanguage = 'de' | 'en'

// ---------------------------------------------------------------------------------------------
// Data (the tables are exempt from Prettier: one entry per line would triple their length)
// ---------------------------------------------------------------------------------------------

type TopicTerms = Record<Topic, readonly string[]>

// prettier-ignore
const TOPIC_TERMS_DE: TopicTerms = {
  price: [
    '*preis*', 'teuer', 'teure', 'teuren', 'teurer', 'teures', 'teuerste*', 'zu teuer', 'überteuert',
    'günstig*', 'guenstig*', 'billig*', 'preiswert*', 'kosten', 'kostet', 'kostenlos', '*kosten',
    'gebühr*', '*gebühr*', 'gebuehr*', 'rabatt*', 'angebot*', '€', 'euro', 'abzocke*', 'abgezockt',
    'mehr zahlen', 'mehr bezahlen', 'zahle ~ mehr', 'weniger geld', 'mehr geld', '*erhöhung', 'aufpreis',
    '*beitrag*', 'zahle ~ weniger', 'weniger zahlen', 'teuerung', 'aufschlag', 'bezahlbar', 'erschwinglich',
    'wucher*', 'happig', 'unbezahlbar', 'tarif', 'tarife', 'tarifen', 'zahlt ~ drauf', 'draufzahlen',
    'überzogen*', 'neukunde*', 'abschlag', 'abschläge*', 'preislich*', 'konkurrenzfähig*',
  ],
  delivery: [
    '*liefer*', 'paket', 'pakete', 'paketen', 'paketdienst*', 'paketbot*', '*päckchen', 'versand*',
    '*versand', 'versendet', 'verschickt', 'zustell*', '*zustellung', 'sendung*', '*sendung', 'kurier*',
    'dhl', 'hermes', 'dpd', 'gls', 'fahrer', 'angekommen', 'ankam', 'bestellung*', 'karton*', 'verpack*',
    'nachbar*', 'retoure*', 'vor die tür', 'vor der tür', 'verteilzentrum', 'paketshop*', 'packstation*',
    'zurückgeschickt', 'zurückgesendet', 'rücksendung*', 'umtausch*', 'lieferzeit*',
  ],
  service: [
    '*service*', 'hotline*', '*hotline', 'warteschleife*', 'wartezeit*', 'kundendienst*', 'support*',
    '*support', 'mitarbeiter*', 'berater*', 'beratung*', 'techniker*', 'am telefon', 'angerufen', 'anrufen',
    'rückruf*', 'zurückgerufen', 'erreichbar*', 'chat*', 'auskunft*', 'abteilung*', 'bandansage*',
    'freundlich*', 'unfreundlich*', 'kompetent*', 'inkompetent*', 'geholfen', 'gekümmert', 'betreu*',
    '*betreuung', 'termin*', 'callcenter*', 'servicecenter*', 'kundenberat*', 'anruf', 'anrufe', 'anrufs',
    'gespräch*', '*gespräch', 'telefonat*', 'kontakt', 'kundenkontakt', 'antwort*', 'rückmeldung*',
    'personal', 'filiale*', 'shop', 'hilfe', 'beraten', 'verbunden', 'nachhak*', 'zuständig', 'zugehört',
    'chatbot*', 'kollegin', 'kollege', 'ansprechpartner*', 'servicekraft', 'schadensmeldung*',
    'schadensregulierung*', 'sachbearbeit*', 'zurückruft', 'zurückgerufen', 'menü*',
  ],
  product_quality: [
    'qualität*', '*qualität', 'kaputt*', 'defekt*', 'router*', 'gerät', 'geräte*', 'gerätes', 'produkt*',
    '*produkt', 'ware', 'material*', 'verarbeitung*', 'ausfall*', '*ausfall', 'ausgefallen', 'störung*',
    '*störung', 'verbindung*', '*abbrüche', '*abbruch', 'internet*', '*geschwindigkeit', 'geschwindigkeit*',
    'netz', 'netzabdeckung', 'empfang', 'wlan', 'signal', 'aussetzer', 'ersatz*', 'beschreibung',
    'funktioniert ~ nicht', 'leitung*', 'dsl', 'lte', '5g', 'mobilfunk*', 'stabil*', 'instabil*',
    'zerkratzt', 'verbeult', 'beschädigt', 'anschluss', 'anschlüsse', 'handy*', 'akku*', 'festnetz*',
    'netzteil*', 'glasfaser*', 'empfang*', 'nähte', 'naht', 'stoff', 'verarbeitet', 'funktioniert',
  ],
  billing: [
    'rechnung*', '*rechnung*', 'abbuch*', 'abgebucht', 'lastschrift*', 'gutschrift*', 'rückerstatt*',
    'zurückerstatt*', 'erstatt*', 'mahnung*', 'zahlung*', '*zahlung', 'bezahlt', 'überweis*', 'gebühr*',
    '*gebühr*', 'abrechnung*', 'belastet', 'berechnet', 'geld ~ zurück', 'kontoauszug*', 'bankverbindung*',
    'iban', 'kontodaten', 'bezahlen', 'bezahlung*', 'guthaben', 'konto', 'abschlag', 'abschläge*',
    '*abrechnung', 'mein geld', 'überwiesen',
  ],
  usability: [
    'app', 'apps', 'webseite*', 'website*', 'homepage', 'internetseite*', 'portal*', '*portal', 'online',
    'login*', 'einlogg*', 'registrier*', 'passwort*', 'kennwort*', 'benutzer*', 'bedien*', '*bedienung',
    'menü*', 'umständlich*', 'kompliziert*', 'intuitiv*', 'übersichtlich*', 'unübersichtlich*', 'verwirrend*',
    'stürzt ~ ab', 'absturz*', 'abstürz*', 'update*', 'formular*', 'selbsterklärend*', 'klick*', 'seite',
    'fehlermeldung*', 'lädt', 'ladezeit*', 'navigation', 'einrichten', 'einzurichten', 'einrichtung',
    'kundenkonto*', 'chatbot*', 'anleitung*',
  ],
  contract_cancellation: [
    'kündig*', '*kündigung*', 'gekündigt', 'kuendig*', 'vertrag*', '*vertrag*', 'verträg*', 'laufzeit*',
    '*laufzeit', 'verlänger*', 'will raus', 'bin ich weg', 'bin weg', 'storn*', 'widerruf*', 'abbestell*',
    'agb', 'nicht raus', 'raus aus', 'kunde gewesen', 'erinnerung*',
  ],
  competitor: [
    'konkurrenz*', '*konkurrenz', 'wettbewerb*', 'mitbewerber*', 'anbieter*', 'wechsel*', 'wechsle',
    'gewechselt', 'woanders', 'anderswo', 'bei anderen', 'vergleich*', 'verglichen', 'zur konkurrenz',
    'zahle ~ weniger', 'weniger zahlen', 'günstiger* anbieter*', 'billiger* anbieter*', 'gehe zu',
    'konkurrenzfähig*',
  ],
}

// prettier-ignore
const TOPIC_TERMS_EN: TopicTerms = {
  price: [
    'price*', 'pricing', 'expensive', 'overpriced', 'too expensive', 'cheap*', 'afford*', 'cost*', 'fee',
    'fees', 'value for money', 'tariff*', 'discount*', 'offer*', 'deal', '€', '$', '£', 'paying more',
    'pay more', 'rip off', 'ripoff', 'went up', 'money', 'pricey', 'crept up', 'gone up', 'increase*',
    'hike*', 'value', 'worth every penny', 'penny', 'pounds', 'euros', 'dollars', 'bargain', 'extortionate',
    'through the nose', 'exit fee*', 'new customers', 'for less', 'better deal', 'doubled',
    'monthly payment*',
    'competitive', 'cheaper',
  ],
  delivery: [
    'deliver*', 'shipping', 'shipment*', 'shipped', 'parcel*', 'package', 'packages', 'packag*', 'courier*',
    'driver', 'tracking', 'arrive*', 'dispatch*', 'box', 'order', 'wrong item', 'return label', 'doorstep',
    'item', 'items', 'postman', 'post office', 'sent ~ back', 'return', 'returns', 'exchange', 'lead time*',
  ],
  service: [
    'service', 'customer service', 'support', 'hotline*', 'helpline*', 'call centre', 'call center',
    'agent*', 'advisor*', 'adviser*', 'staff', 'representative*', 'rep', 'operator*', 'technician*',
    'engineer*', 'on hold', 'callback*', 'call back', 'called back', 'called me back', 'rang back',
    'on the phone', 'department*', 'team', 'spoke to', 'get through', 'reach anyone', 'answer*', 'explain*',
    'helpful', 'unhelpful', 'friendly', 'unfriendly', 'rude', 'polite', 'knowledgeable', 'help', 'chat',
    'customer care', 'care team', 'shop', 'store', 'advice', 'response*', 'call', 'calls', 'called',
    'phoned', 'emails', 'call me back', 'ring me back', 'patient', 'clueless', 'chatbot*', 'hold time*',
    'member of staff', 'communication', 'claim', 'claims', 'menus', 'automated', 'spoken to',
    'contact person',
    'takes notes', 'repeat my story', 'calls back',
  ],
  product_quality: [
    'quality', 'product*', 'device*', 'router*', 'broke', 'broken', 'defect*', 'faulty', 'drops out',
    'drop out', 'dropping', 'outage*', 'signal', 'connection*', 'coverage', 'internet', 'wifi', 'speed*',
    'bandwidth', 'as described', 'replacement', 'works', 'reception', 'fault*', 'broadband', 'scratched',
    'dented', 'stopped working', 'unstable', 'patchy', 'line', 'landline', 'handset*', 'charging', 'battery',
    'fibre', 'fiber', 'speeds', 'stitching', 'came apart', 'fell apart', 'looks nothing like', 'fits',
  ],
  billing: [
    'bill', 'bills', 'billing', 'billed', 'invoice*', 'charge*', 'overcharg*', 'refund*', 'direct debit',
    'debit*', 'payment*', 'paid', 'statement*', 'overdrawn', 'credit', 'fee', 'fees', 'bank details',
    'bank account', 'card details', 'out of pocket', 'monthly payment*', 'annual statement',
  ],
  usability: [
    'app', 'apps', 'website*', 'site', 'portal*', 'online', 'login', 'log in', 'logged in', 'sign in',
    'password*', 'interface*', 'user friendly', 'easy to use', 'navigat*', 'menu*', 'checkout', 'crash*',
    'self service', 'times out', 'confusing', 'clunky', 'update', 'updates', 'page', 'set up', 'setup',
    'logs me out', 'log out', 'logged out', 'buggy', 'glitch*', 'chatbot*', 'download*',
  ],
  contract_cancellation: [
    'cancel*', 'contract*', 'notice period', 'renew*', 'terminat*', 'close my account', 'leaving',
    'locked in', 'locked me into', 'retention', 'minimum term', 'unsubscribe', 'end my contract',
    'given notice', 'giving notice', 'my notice', 'terms', 'mis sold', 'missold', 'exit fee*',
    'termination fee*', "i'm off", 'already left', "won't be a customer", 'reminders',
  ],
  competitor: [
    'competitor*', 'competition', 'other provider*', 'another provider', 'different provider',
    'different company', 'other companies', 'other networks', 'elsewhere', 'switch*', 'old provider',
    'previous provider', 'providers', 'provider', 'on the market', 'others on the market', 'going with',
    'moving to', 'cheaper elsewhere', 'supplier*', 'moved over', 'cheaper provider*', 'better deal elsewhere',
    'competitive', 'much cheaper',
  ],
}

/**
 * Polarity cues, weight -3..3. Contact-centre idioms the generic model misjudges come first; the rest
 * is everyday praise and complaint vocabulary. Weight 0 neutralises a phrase ("nicht nur", "not sure").
 */
// prettier-ignore
const CUES_DE: Readonly<Record<string, number>> = {
  // price and churn
  'zu teuer': -2.5, teuer: -1.5, teure: -1.5, teuren: -1.5, teurer: -1.5, überteuert: -2.5,
  'preiserhöhung*': -2, '*erhöhung': -1.5, 'zu hoch': -1.5, abzocke: -3, abzocker: -3, abgezockt: -3,
  'versteckt*': -2, 'zahle ~ mehr': -1.5, 'mehr zahlen': -1.5, 'mehr bezahlen': -1.5, 'teurer geworden': -2,
  kündigen: -2, kündige: -2, kündigung: -1.5, gekündigt: -2, kuendigen: -2, 'will raus': -2,
  'bin ich weg': -2,
  'bin weg': -2, wechsle: -2, wechseln: -1.5, 'zur konkurrenz': -2, konkurrenz: -1, wettbewerber: -1,
  'anderer anbieter': -1, 'anderen anbieter*': -1, 'neuen anbieter': -1, 'besser als die konkurrenz': 2.5,
  'reicht es': -2, 'reicht mir': -2, 'es reicht': -2, 'so nicht': -1.5, gedroht: -1, überredet: -1.5,
  überrumpelt: -2, 'nie wieder': -3, 'nicht mehr zeitgemäß': -1.5,
  // waiting and reachability
  'warteschleife*': -1.5, 'wartezeit*': -1, 'lange warten': -2, 'ewig warten': -2, 'ewig*': -1.5,
  warten: -1, warte: -1, besetzt: -1.5, 'nicht erreichbar': -2, 'kein rückruf': -2, 'keinen rückruf': -2,
  'keine antwort': -2, 'keine rückmeldung': -2, 'niemand geht ran': -2, 'bandansage*': -1.5,
  'seit ~ wochen': -1.5, 'seit ~ tagen': -1, 'seit ~ monaten': -1.5, 'nach ~ wochen': -1,
  'nach ~ monaten': -1.5, 'schon wieder': -1.5, 'mal wieder': -1,
  'wieder mal': -1, 'dritte mal': -1.5, 'zum dritten mal': -1.5, 'jedes mal': -1, 'andere auskunft': -1.5,
  'widersprüchlich*': -2, weitergeleitet: -1, 'von abteilung zu abteilung': -2, aufgelegt: -2,
  unterbrochen: -1.5, abgesagt: -1.5, umsonst: -1.5, 'keine lösung': -2,
  // billing and delivery
  'doppelt abgebucht': -3, 'doppelt berechnet': -3, 'zu viel abgebucht': -2.5, 'falsch*': -2,
  'mahnung*': -1.5,
  'undurchsichtig*': -2, 'intransparent*': -2, 'zu spät': -2, 'verspät*': -2, 'nie angekommen': -2.5,
  'nie erhalten': -2, beschädigt: -2, verloren: -1.5,
  // product and app
  'kaputt*': -2, 'defekt*': -2, 'mangelhaft*': -2.5, billig: -1, 'stürzt ~ ab': -2.5, 'absturz*': -2.5,
  'abstürz*': -2.5, 'bricht ~ ab': -2, '*abbrüche': -2, '*abbruch': -2, aussetzer: -1.5, 'ausfall*': -2,
  ausgefallen: -2, 'störung*': -2, 'langsam*': -1.5, nachgelassen: -2, 'funktioniert ~ nicht': -2,
  'klappt ~ nicht': -2, 'geht ~ nicht': -1.5, 'hilft ~ nicht': -2, 'passt ~ nicht': -1.5,
  'nicht weiter': -1.5, 'aufgeben': -1.5, "geb's auf": -1.5, 'gebe auf': -1.5, 'unbrauchbar*': -2.5,
  'umständlich*': -2, 'kompliziert*': -1.5, 'verwirrend*': -1.5, 'verwirrt*': -1, 'unübersichtlich*': -1.5,
  'nicht akzeptabel': -2, 'inakzeptabel*': -2.5,
  // general complaint
  'schlecht*': -2, 'mies*': -2, miserabel: -3, 'katastroph*': -3, 'furchtbar*': -2.5, 'schrecklich*': -2.5,
  grottig: -2.5, unmöglich: -2, frechheit: -3, 'unverschämt*': -3, 'dreist*': -2, 'ärger*': -2, geärgert: -2,
  'enttäusch*': -2.5, 'unzufrieden*': -2.5, 'unfreundlich*': -2.5, 'unhöflich*': -2.5, 'inkompetent*': -2.5,
  'unfähig*': -2.5, nervig: -2, nervt: -2, genervt: -2, 'unzuverlässig*': -2, 'unpünktlich*': -1.5, sauer: -2,
  'wütend*': -2.5, 'beschwerde*': -1.5, 'beschwer*': -1.5, beklagen: -1, meckern: -1, 'problem*': -1,
  'fehler*': -1, fehlerhaft: -1.5, witz: -2, leider: -1, 'schlimm*': -2, skeptisch: -0.5, ständig: -0.5,
  dauernd: -0.5, 'hätte mehr erwartet': -2, 'erwarte ~ mehr': -1.5, endlich: -0.5,
  // praise
  gut: 1.5, gute: 1.5, guter: 1.5, gutes: 1.5, guten: 1.5, gutem: 1.5, besser: 1.5, beste: 2, besten: 2,
  bester: 2, bestes: 2, bestens: 2.5, super: 2, toll: 2, tolle: 2, toller: 2, tolles: 2, tollen: 2, top: 2,
  klasse: 2, prima: 2, spitze: 2, 'perfekt*': 2.5, 'hervorragend*': 3, 'ausgezeichnet*': 3, 'exzellent*': 3,
  'großartig*': 3, 'genial*': 2.5, 'wunderbar*': 2.5, 'vorbildlich*': 2.5, 'zufrieden*': 2,
  'freundlich*': 2, 'hilfsbereit*': 2, 'hilfreich*': 2, 'kompetent*': 2, 'kulant*': 2, kulanz: 1.5,
  'schnell geholfen': 2.5, 'schnell*': 1.5, 'pünktlich*': 1.5, 'zuverlässig*': 2, 'unkompliziert*': 2,
  'reibungslos*': 2, 'problemlos*': 2, 'übersichtlich*': 1.5, 'intuitiv*': 2, 'selbsterklärend*': 1.5,
  gelungen: 2, geklappt: 1.5, klappt: 1, funktioniert: 1, geholfen: 1.5, gelöst: 2, korrigiert: 2, behoben: 2,
  geklärt: 2, erledigt: 1.5, gutgeschrieben: 1.5,
  danke: 1.5, 'vielen dank': 2, dankeschön: 2, 'herzlichen dank': 2, 'empfehl*': 2, 'weiterempfehl*': 2.5,
  gerne: 1, gern: 1, 'gerne wieder': 2, 'wieder gerne': 2, 'immer wieder gern*': 2, froh: 1.5,
  'begeistert*': 2.5, überzeugt: 1.5, 'geduldig*': 1.5, 'höflich*': 1.5, nett: 1.5, nette: 1.5, netter: 1.5,
  nettes: 1.5, netten: 1.5, fair: 1.5, faire: 1.5, fairer: 1.5, faires: 1.5, fairen: 1.5, 'unfair*': -2,
  'transparent*': 1, 'günstig': 1, 'günstige*': 1, günstiger: 0, 'preiswert*': 1.5, billiger: 0,
  'in ordnung': 1, ok: 0.5, okay: 0.5, passt: 1, gepasst: 1.5, verbessert: 1.5, 'früher als angekündigt': 2,
  'früher als erwartet': 2, 'als erwartet': 0.5, prompt: 1.5, sofort: 0.5, gekümmert: 1.5, sauber: 1,
  bleibe: 1, geblieben: 1, 'lösungsorientiert*': 2, 'angenehm*': 1.5, 'unangenehm*': -1.5, lob: 1.5,
  einfach: 0.75, 'ganz einfach': 1.5, 'erreichbar*': 1, akzeptabel: 1, zeitgemäß: 1,
  // broader everyday vocabulary
  unfassbar: -2, zumutung: -2.5, 'lächerlich*': -2.5, 'peinlich*': -2, 'traurig*': -1.5, schade: -1,
  versagt: -2, versagen: -2, chaos: -2, 'chaotisch*': -2, desaster: -3, horror: -2.5, albtraum: -3,
  alptraum: -3, ärgernis: -2, zeitverschwendung: -2.5, 'respektlos*': -2.5, 'ignorier*': -2, vertröstet: -2,
  hingehalten: -2, abgewimmelt: -2.5, abgespeist: -2, belogen: -3, gelogen: -3, 'lüge*': -2.5, betrug: -3,
  'betrüger*': -3, betrogen: -3, 'falsche versprechungen': -2.5, funkstille: -2, 'keine reaktion': -2,
  'nichts passiert': -2, 'passiert nichts': -2, 'tut sich nichts': -2, erfolglos: -2, vergeblich: -2,
  'unbefriedigend*': -2, 'ungenügend*': -2, 'unzureichend*': -2, 'schwach*': -1.5, 'dürftig*': -2, lahm: -1.5,
  'instabil*': -2, 'wackelig*': -1.5, 'fehlermeldung*': -2, 'hängt ~ auf': -2, 'lädt ~ nicht': -2,
  'lässt sich nicht': -1.5, 'schwierig*': -1, 'mühsam*': -1.5, 'aufwendig*': -1, 'aufwändig*': -1,
  'nervenaufreibend*': -2, 'stress*': -1.5, 'ätzend*': -2.5, 'scheiß*': -3, mist: -2, müll: -2.5,
  'schrott*': -2.5, murks: -2, 'pfusch*': -2.5, 'unseriös*': -2.5, 'kundenunfreundlich*': -2.5,
  'kundenfreundlich*': 2, 'wucher*': -3, 'unverhältnismäßig*': -2, happig: -1.5, gesalzen: -1,
  unbezahlbar: -2, 'zu viel': -1.5, 'doppelt so hoch': -1.5, gestiegen: -1, steigen: -1, steigt: -1,
  erhöht: -1.5, angehoben: -1.5, verteuert: -1.5, 'nicht nachvollziehbar': -1.5, 'nicht nachvollziehen': -1.5,
  nachvollziehbar: 1, unklar: -1, '*falle': -2, 'nicht geliefert': -2, 'nicht angekommen': -2,
  'nicht erhalten': -2, 'immer noch nicht': -2, 'noch immer nicht': -2, 'immer noch': -0.5, 'bis heute': -1,
  vergessen: -1.5, verschlampt: -2, zerkratzt: -2, verbeult: -2, fehlt: -1.5, 'unvollständig*': -2,
  niemand: -1, keiner: -1, wechsel: -1.5, wechsels: -1, bedenken: -0.5, unkulant: -2, 'verarsch*': -3,
  veräppelt: -2.5, 'über den tisch gezogen': -2.5, 'im stich gelassen': -2.5, 'allein gelassen': -2,
  alleingelassen: -2, überfordert: -1.5, 'ahnungslos*': -2, 'keine ahnung': -2, inkompetenz: -2.5,
  kompetenz: 1, 'ewigkeit*': -1.5, stundenlang: -2, tagelang: -1.5, wochenlang: -2, monatelang: -2,
  'keine chance': -1.5, 'verschlechter*': -2, 'zu wünschen übrig': -2, 'luft nach oben': -1,
  ausbaufähig: -1, 'verbesserungswürdig*': -1.5, 'könnte ~ besser': -1, zeitraubend: -1.5, 'frust*': -2,
  verärgert: -2, empört: -2.5, fassungslos: -2, entsetzt: -2.5, schockiert: -2, unzumutbar: -2.5,
  'nicht hinnehmbar': -2, 'nicht ok': -1.5, 'nicht okay': -1.5, 'nicht in ordnung': -2, 'keine hilfe': -2,
  'unprofessionell*': -2.5, 'unverständlich*': -1.5, 'unglücklich*': -2, 'negativ*': -1.5,
  'gefällt ~ nicht': -1.5, 'stimmt ~ nicht': -1.5, 'lohnt ~ nicht': -1.5, 'nicht wertgeschätzt': -2,
  'weiter so': 2, 'ordentlich*': 1.5, vollständig: 1, 'stabil*': 1.5, glatt: 1.5, einwandfrei: 2.5,
  tadellos: 2.5, makellos: 2.5, fehlerfrei: 2, 'verständlich*': 1.5, gefällt: 1.5, gefallen: 1,
  'mühe gegeben': 2, mühe: 0.5, bemüht: 1.5, 'engagiert*': 2, 'motiviert*': 1.5, aufmerksam: 1,
  'aufmerksam geworden': 0,
  'zuvorkommend*': 2, 'herzlich*': 1.5, 'sympathisch*': 2, 'fachkundig*': 2, 'souverän*': 1.5,
  'professionell*': 2, 'effizient*': 1.5, 'zügig*': 1.5, 'flott*': 1.5, 'rasch*': 1, blitzschnell: 2.5,
  wahnsinn: 1, hammer: 1.5, 'spitzenmäßig*': 2.5, 'sensationell*': 3, 'fantastisch*': 3, 'phantastisch*': 3,
  'traumhaft*': 2.5, 'erstklassig*': 3, 'lobenswert*': 2, loben: 1.5, dankbar: 2, 'bedanke*': 1.5,
  'glücklich*': 2, happy: 2, erleichtert: 1.5, 'positiv*': 1.5, 'beeindruck*': 2, 'lohnt sich': 1.5,
  bezahlbar: 1.5, erschwinglich: 1.5, stimmt: 1, verbesserung: 1, 'besser geworden': 2,
  mega: 1.5, cool: 1.5, nice: 1.5, optimal: 2, ideal: 1.5, 'schön*': 1.5, 'wertgeschätzt': 1.5,
  'alles gut': 2, 'alles klar': 1, 'hat gehalten': 1, geliefert: 0.5,
  patzig: -2, pampig: -2, zugehört: 1, 'nicht zugehört': -2, 'überzogen*': -2, 'zahlt ~ drauf': -2,
  'drauf zahlen': -2, 'draufzahlen': -2, dauert: -0.5, 'dauert ~ schon': -1.5, 'jetzt schon': -0.5,
  'aus der leitung geflogen': -2, rausgeflogen: -2, 'nachhak*': -1, nachgehakt: -1, 'nachfrage*': -0.5,
  'nicht zuständig': -2, 'keiner ~ zuständig': -2, 'unbürokratisch*': 2, 'nichts auszusetzen': 2,
  unbeschädigt: 1.5, 'böse überraschung*': -2, 'bösen überraschung*': -2, 'hält ewig': 2,
  'einiges getan': 1.5,
  'nicht mal': -1, 'nicht einmal': -1,
  // customer effort: repeated contacts, reminders and elapsed time are complaints even without adjectives
  zweimal: -1, dreimal: -1.5, viermal: -1.5, fünfmal: -1.5, mehrmals: -1.5, mehrfach: -1, 'x-mal': -1.5,
  'erinnerung*': -1, unbearbeitet: -2, 'unorganisiert*': -2, 'ungerechtfertigt*': -2, 'unberechtigt*': -2,
  nirgends: -1, nirgendwo: -1, 'ins leere': -2, 'warteschlange*': -1.5, 'prüfe ~ wechsel': -1.5,
  'kinderleicht*': 2, 'ins zeug gelegt': 2.5, 'auskennt': 1.5, 'ehrlich*': 1, 'gebessert': 1.5,
  'konkurrenzfähig*': 1.5, 'wie angegossen': 2, 'erst nach': -1, 'neukunde*': -1.5, 'bestandskunde*': -0.5,
  'günstiger* anbieter*': -2, 'billiger* anbieter*': -2, 'besser* anbieter*': -1.5, 'gehe zu': -1,
  'gehe zur': -1,
  'früher war ~ besser': -1.5, 'war früher ~ besser': -1.5, 'mehrere anrufe': -1.5,
  'mehrmals angerufen': -1.5,
  'mehrfach angerufen': -1.5, 'einfache frage': 0, 'einfachste sache': 0,
  // neutralisers
  'mit freundlichen grüßen': 0, 'freundliche grüße': 0, 'freundlichen grüßen': 0, 'viele grüße': 0,
  'liebe grüße': 0, 'schöne grüße': 0, 'beste grüße': 0, 'hätte gerne': 0, 'hätte gern': 0,
  'würde gerne': 0, 'möchte gerne': 0, 'möchte gern': 0,
  'nicht nur': 0, 'nichts zu meckern': 2, 'nichts zu beanstanden': 2, 'kann mich nicht beklagen': 2,
  'nicht beklagen': 1.5,
  'weder ~ gut noch ~ schlecht': 0, 'weder ~ noch': 0,
}

// prettier-ignore
const CUES_EN: Readonly<Record<string, number>> = {
  // price and churn
  'too expensive': -2.5, expensive: -1.5, overpriced: -2.5, 'overcharg*': -2.5, 'rip off': -3, ripoff: -3,
  'hidden fees': -2, 'hidden charges': -2, 'hidden costs': -2, 'price increase*': -1.5,
  'prices went up': -1.5,
  'price went up': -1.5, 'went up': -1, 'paying more': -1.5, 'cancel my contract': -3,
  'cancel my account': -3,
  'close my account': -3, cancel: -2, cancelling: -1.5, canceling: -1.5, leaving: -2, "i'm leaving": -2.5,
  'switching to': -2, 'switch provider*': -2, 'never again': -3, 'waste of time': -3, 'waste of money': -3,
  'fed up': -2.5, 'will not renew': -2.5, "won't renew": -2.5, 'not renewing': -2.5, competitor: -1,
  competitors: -1, 'other providers': -1, 'another provider': -1, 'different company': -1,
  'better than the competition': 2.5, 'locked me into': -2, 'locked into': -2, 'without explaining': -1.5,
  'how you treat': -2.5,
  // waiting and reachability
  'on hold': -1.5, 'hold music': -1, waited: -1, waiting: -1, 'still waiting': -2, forever: -1.5,
  'no response': -2, 'no reply': -2, 'no answer': -2, 'no one could answer': -2, 'hung up': -2.5,
  'passed around': -2, 'passed from': -1.5, 'one department to the next': -2, 'department to department': -2,
  'different answer*': -2, 'three times': -1.5, 'third time': -1.5, again: -0.5, 'still no': -1.5,
  'still nothing': -1.5, "still hasn't": -1.5, 'was promised': -1, runaround: -1.5, disconnected: -1.5,
  // billing and delivery
  'charged twice': -3, 'double charged': -3, wrong: -2, 'wrong item': -2, 'mistake*': -1.5, 'error*': -1.5,
  overdrawn: -2, late: -1.5, 'delay*': -1.5, "hasn't arrived": -2, 'never arrived': -2.5,
  "didn't arrive": -2, 'never showed up': -2.5, 'never received': -2, crushed: -2, damaged: -2, soaked: -1.5,
  lost: -1.5, missing: -1.5,
  // product and app
  broke: -2, broken: -2, 'defect*': -2, faulty: -2, 'drops out': -2, 'keeps dropping': -2, 'outage*': -2,
  unreliable: -2, 'crash*': -2, clunky: -1.5, slow: -1.5, confusing: -1.5, confused: -1, complicated: -1.5,
  'times out': -2, "doesn't work": -2, 'doesnt work': -2, "didn't work": -2, 'not working': -2,
  useless: -2.5, 'expected ~ better': -2, 'expected more': -1.5,
  // general complaint
  bad: -2, badly: -2, terrible: -3, awful: -3, horrible: -3, worst: -3, worse: -2, poor: -2, poorly: -2,
  rubbish: -2.5, joke: -2, ridiculous: -2.5, rude: -2.5, unhelpful: -2, unfriendly: -2, incompetent: -2.5,
  'disappoint*': -2.5, annoying: -2, annoyed: -2, 'frustrat*': -2, angry: -2.5, furious: -3,
  unacceptable: -2.5, shocking: -2.5, 'disgrace*': -3, nightmare: -3, scam: -3, unfortunately: -1, sadly: -1,
  'complain*': -1.5, 'problem*': -1, issue: -1, issues: -1, trouble: -1.5, hassle: -1.5, worried: -1,
  unfair: -2, finally: -0.5,
  // praise
  good: 1.5, great: 2, excellent: 3, fantastic: 3, brilliant: 3, amazing: 3, awesome: 2.5, 'perfect*': 2.5,
  superb: 3, outstanding: 3, wonderful: 2.5, lovely: 2, nice: 1.5, happy: 2, happier: 2, pleased: 2,
  satisfied: 2, glad: 1.5, impressed: 2, love: 2, loved: 2, liked: 1, helpful: 2, friendly: 2, polite: 1.5,
  patient: 1.5, kind: 1.5, knowledgeable: 2, professional: 1.5, competent: 1.5, efficient: 1.5, 'quick*': 1.5,
  fast: 1, faster: 1, 'prompt*': 1.5, punctual: 1.5, reliable: 2, 'smooth*': 1.5, painless: 2, easy: 1.5,
  easier: 1.5, simple: 1, simpler: 1.5, intuitive: 2, clear: 1, improved: 1.5, better: 1.5, best: 2,
  'recommend*': 2, 'thank*': 1.5, 'value for money': 2, 'reasonabl*': 1, fair: 1.5, affordable: 1.5,
  cheaper: 0, solved: 2, resolved: 2, sorted: 2, 'sorted out': 2, fixed: 2, rectified: 2, refunded: 1, fix: 1,
  works: 1, worked: 1,
  'rock solid': 2.5, solid: 1.5, tidy: 1, 'above and beyond': 3, 'five stars': 2.5, '5 stars': 2.5,
  'keep up the good work': 2.5, 'pleasant surprise': 2.5, pleasant: 1.5, 'on time': 1.5, 'well packaged': 1.5,
  early: 1, staying: 1, 'happy to stay': 2, 'well done': 2, 'straight away': 0.5, 'short wait': 1.5,
  'called me back': 1, 'never had ~ issue*': 2, 'never had ~ problem*': 2, "can't complain": 1.5,
  'cannot complain': 1.5, 'cant complain': 1.5, "couldn't be happier": 3, 'could not be happier': 3,
  "couldn't be better": 3, 'genuinely good': 2, useful: 1.5,
  // broader everyday vocabulary
  silly: -1.5, mess: -2, messy: -1.5, impossible: -2, clueless: -2.5, pointless: -2, hopeless: -2.5,
  shambles: -3, disaster: -3, disastrous: -3, appalling: -3, atrocious: -3, dreadful: -3, pathetic: -3,
  abysmal: -3, diabolical: -3, lousy: -2.5, crap: -2.5, crappy: -2.5, shit: -3, shoddy: -2.5, sloppy: -2,
  unprofessional: -2.5, incompetence: -2.5, ignorant: -2, ignored: -2, 'ignoring': -2, dismissive: -2,
  condescending: -2.5, patronising: -2, patronizing: -2, arrogant: -2, lied: -3, lying: -3, lies: -2,
  misled: -2.5, misleading: -2.5, 'mis sold': -2.5, missold: -2.5, 'fraud*': -3, scammed: -3, cheated: -3,
  robbery: -3, extortionate: -3, exorbitant: -2.5, pricey: -1, steep: -1, 'crept up': -1.5,
  'creeping up': -1.5, 'gone up': -1.5, 'keeps going up': -2, 'hike*': -2, 'cheaper elsewhere': -2,
  'drives me mad': -2.5, mad: -1.5, crazy: -1, insane: -1.5, fuming: -3, livid: -3, upset: -2, unhappy: -2.5,
  dissatisfied: -2.5, unsatisfied: -2, disgusted: -3, disgusting: -3, outraged: -3, outrageous: -3,
  'sick of': -2.5, 'tired of': -2, 'had enough': -2.5, 'done with': -2, 'not good enough': -2,
  'good enough': 1, letdown: -2.5, 'let down': -2.5, 'let me down': -2.5, stressful: -2, stress: -1.5,
  nuisance: -2, inconvenient: -1.5, inconvenience: -1.5, painful: -2, 'struggl*': -1.5, difficult: -1.5,
  'hard to': -1.5, tedious: -1.5, cumbersome: -1.5, fiddly: -1.5, buggy: -2, bugs: -1.5, 'glitch*': -2,
  'freez*': -2, laggy: -1.5, 'logs me out': -2, 'kicked out': -2, fails: -2, failed: -2, failure: -2,
  fault: -1.5, faults: -1.5, unusable: -2.5, unstable: -2, patchy: -2, spotty: -2, flaky: -2,
  intermittent: -1.5, died: -2, 'stopped working': -2.5, 'stops working': -2.5, 'nowhere near': -2,
  'not as advertised': -2, wasted: -2, waste: -2, wasting: -2, overdue: -1.5, scratched: -2, dented: -2,
  refused: -2, 'refuse*': -1.5, rejected: -1.5, denied: -1.5, nobody: -1, 'still not': -1.5,
  'yet again': -1.5, 'once again': -1, 'empty promises': -2.5, 'false promises': -2.5, laughable: -2.5,
  embarrassing: -2, shame: -1.5, sad: -1.5, concerned: -1, unclear: -1.5, 'not clear': -1.5,
  overcomplicated: -2, horrendous: -3, horrific: -3, substandard: -2.5, mediocre: -1.5, meh: -0.5,
  cancelled: -1.5, canceled: -1.5, 'given notice': -2, 'giving notice': -2, 'handed in my notice': -2,
  'terminat*': -1.5, 'going to leave': -2, 'will leave': -2, 'switched to': -2,
  "haven't looked back": 2.5, 'never looked back': 2.5, 'not looked back': 2.5,
  'spot on': 2.5, 'no complaints': 2, honest: 1.5, honesty: 1.5, transparent: 1, trustworthy: 2,
  'worth it': 2, 'worth every penny': 3, worth: 1, bargain: 2, cheers: 1.5, grateful: 2, 'appreciat*': 2,
  delighted: 3, thrilled: 3, chuffed: 2.5, pleasantly: 1.5, impressive: 2.5, 'top notch': 3,
  'first class': 2.5, 'first rate': 2.5, 'second to none': 3, exceptional: 3, stellar: 3, terrific: 3,
  splendid: 2.5, marvellous: 2.5, marvelous: 2.5, fab: 2, fabulous: 3, cool: 1, 'happy days': 2,
  kudos: 2, bravo: 2, legend: 2, understanding: 1, understood: 1, caring: 2, courteous: 2, respectful: 1.5,
  attentive: 2, considerate: 2, empathetic: 2, reassuring: 2, reassured: 1.5, informative: 1.5,
  thorough: 1.5, diligent: 1.5, responsive: 1.5, accommodating: 2, flexible: 1.5, convenient: 1.5,
  handy: 1.5, straightforward: 1.5, 'hassle free': 2, 'stress free': 2, 'trouble free': 2,
  'problem free': 2, 'seamless*': 2, 'effortless*': 2, 'user friendly': 2, clean: 1, sleek: 1.5,
  stable: 1.5, consistent: 1, speedy: 1.5, 'swift*': 1.5, rapid: 1.5, 'well before': 1,
  'ahead of schedule': 2, 'as promised': 1.5, exceeded: 2, 'enjoy*': 1.5, relieved: 1.5, satisfying: 1.5,
  satisfactory: 1, decent: 1, ok: 0.5, okay: 0.5, alright: 0.5, fine: 0.5, 'no issues': 2,
  'no problems': 2, 'no problem': 1.5, 'no trouble': 1.5, 'no hassle': 1.5, 'not a problem': 1,
  twice: -1, 'several times': -1.5, 'multiple times': -1.5, 'numerous times': -1.5,
  'reminder*': -1, untouched: -2, 'for ~ weeks': -1.5, 'for ~ months': -1.5, 'weeks ago': -1,
  'months ago': -1.5, 'disorganis*': -2, 'disorganiz*': -2, unjustified: -2, 'out of pocket': -2,
  endless: -2, rudely: -2.5, 'came apart': -2, 'fell apart': -2.5, nowhere: -1, switching: -2,
  'dead easy': 2, 'extra mile': 2.5, carefully: 1.5, competitive: 1.5, 'only after': -1,
  stopped: -1.5, 'dropped out': -1.5, dropping: -1.5, 'round in circles': -2, chase: -1.5, chasing: -1.5,
  chased: -1.5,
  'hold time*': -1.5, 'long wait*': -2, 'through the nose': -2.5, "i'm off": -1.5,
  'marked as delivered': -1.5,
  'looking into it': -1, 'fobbed off': -2.5, 'no surprises': 1.5, 'out of her way': 2.5,
  'out of his way': 2.5, 'out of their way': 2.5, 'in no time': 2, 'so far so good': 2, 'improvement*': 1.5,
  'waiv*': 1.5, 'keep it up': 2, "didn't care": -2, "don't care": -2, "doesn't care": -2,
  "couldn't care less": -3, 'exit fee*': -1.5, 'termination fee*': -1.5, 'cancellation fee*': -1.5,
  'not even': -1, 'new customers': -1.5, 'loyalty penalty': -2, 'cheaper provider*': -2,
  'cheaper supplier*': -2, 'better deal elsewhere': -2, 'than expected': 1,
  'used to be good': -1, 'used to be great': -1.5, 'used to be better': -1.5, 'took ~ calls': -1.5,
  'several calls': -1.5, 'multiple calls': -1.5, 'numerous calls': -1.5, 'simple question': 0,
  'simple request': 0,
  // neutralisers
  'kind regards': 0, 'best regards': 0, 'best wishes': 0, 'would like': 0, "i'd like": 0,
  'not sure': 0, 'not only': 0, 'neither ~ good nor ~ bad': 0, 'neither ~ nor': 0,
}

// prettier-ignore
const NEGATORS: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set([
    'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'nie', 'niemals', 'nichts', 'niemand',
    'ohne', 'null', 'kaum', 'garnicht', 'nich', 'net',
  ]),
  en: new Set([
    'not', 'no', 'never', 'nobody', 'nothing', 'none', 'neither', 'nor', 'without', 'hardly', 'barely',
    'dont', 'cant', 'wont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'arent', 'werent', 'couldnt', 'wouldnt',
    'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint', 'cannot',
  ]),
}

/** Multipliers for the next cue; below 1 are downtoners ("etwas lang" is milder than "lang"). */
// prettier-ignore
const INTENSIFIERS: Record<LexiconLanguage, ReadonlyMap<string, number>> = {
  de: new Map([
    ['sehr', 1.5], ['total', 1.5], ['extrem', 1.6], ['echt', 1.3], ['wirklich', 1.4], ['absolut', 1.5],
    ['richtig', 1.3], ['völlig', 1.5], ['komplett', 1.5], ['äußerst', 1.6], ['besonders', 1.3], ['mega', 1.5],
    ['so', 1.2], ['viel', 1.3], ['ganz', 1.2], ['wahnsinnig', 1.5], ['unglaublich', 1.5], ['enorm', 1.4],
    ['deutlich', 1.3], ['ziemlich', 1.2], ['voll', 1.3], ['überaus', 1.5], ['höchst', 1.5], ['super', 1.3],
    ['zu', 1.3], ['etwas', 0.6], ['bisschen', 0.6], ['eher', 0.7], ['leicht', 0.7], ['wenig', 0.6],
  ]),
  en: new Map([
    ['very', 1.5], ['really', 1.4], ['so', 1.3], ['extremely', 1.6], ['totally', 1.5], ['absolutely', 1.5],
    ['incredibly', 1.5], ['super', 1.4], ['truly', 1.4], ['genuinely', 1.3], ['seriously', 1.4],
    ['completely', 1.5], ['utterly', 1.6], ['way', 1.4], ['far', 1.3], ['much', 1.3], ['clearly', 1.2],
    ['particularly', 1.3], ['especially', 1.3], ['highly', 1.4], ['too', 1.3], ['surprisingly', 1.3],
    ['bit', 0.6], ['slightly', 0.6], ['somewhat', 0.7], ['fairly', 0.8], ['quite', 1.1],
  ]),
}

/** These negate only the next content word: "ohne Diskussion korrigiert" is no negated "korrigiert". */
const SHORT_NEGATORS: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set(['ohne']),
  en: new Set(['without']),
}

/** Articles and fillers do not use up a negation or intensifier scope ("ohne größere Probleme"). */
// prettier-ignore
const SCOPE_TRANSPARENT: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set([
    'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'mal', 'jegliche',
    'irgendwelche', 'große', 'größere', 'größeren', 'lange', 'weitere', 'weiteren',
  ]),
  en: new Set(['a', 'an', 'the', 'any', 'single', 'major', 'big', 'further', 'long']),
}

/** Sentences with these demand what they praise: the praise is missing. */
const DEMAND: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set(['erwarte', 'verlange', 'sollte', 'müsste']),
  en: new Set(['expect', 'should']),
}

/** What follows these weighs more than what came before ("gut, aber viel zu teuer"). */
const CONTRAST: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set(['aber', 'jedoch', 'allerdings', 'trotzdem', 'dennoch', 'sondern']),
  en: new Set(['but', 'however', 'instead', 'nevertheless', 'nonetheless']),
}

/** The clause these open is a concession and weighs less ("obwohl der Service nett war, ..."). */
const CONCESSIVE: Record<LexiconLanguage, ReadonlySet<string>> = {
  de: new Set(['obwohl', 'zwar', 'obgleich', 'wenngleich']),
  en: new Set(['although', 'though', 'despite']),
}

/** Emoji and emoticons mean the same in every language. */
// prettier-ignore
const EMOJI_CUES: readonly (readonly [string, number])[] = [
  ['👍', 2], ['👏', 2], ['😀', 2], ['😃', 2], ['😄', 2], ['😁', 2], ['😊', 2], ['🙂', 1.5], ['😍', 2.5],
  ['🥰', 2.5], ['❤', 2], ['💯', 2], ['⭐', 1], [':)', 1.5], [':-)', 1.5], [':D', 1.5], ['👎', -2], ['😡', -2.5],
  ['😠', -2.5], ['🤬', -3], ['😤', -2], ['😞', -2], ['😢', -2], ['😭', -2], ['🙁', -1.5], ['☹', -1.5],
  ['😒', -1.5], ['🤮', -3], [':(', -1.5], [':-(', -1.5],
]

const NEGATION_WINDOW = 3
const INTENSIFIER_WINDOW = 2
/** Praise under a demand counts against ("für den Preis erwarte ich, dass es funktioniert"). */
const DEMANDED_POSITIVE = -0.5
/** Negated praise is nearly as bad as its opposite; negated complaint is mild praise ("nicht schlecht"). */
const NEGATED_POSITIVE = -0.75
const NEGATED_NEGATIVE = -0.5
const BEFORE_CONTRAST = 0.5
const AFTER_CONTRAST = 1.5
const IN_CONCESSION = 0.5
/** Squashes the raw cue sum into -1..1; one clear cue (|w| = 2) lands near 0.7. */
const SQUASH_ALPHA = 4

// ---------------------------------------------------------------------------------------------
// Tokenising
// ---------------------------------------------------------------------------------------------

/** Word tokens plus boundary tokens: '.' ends a sentence, ',' a clause. */
export interface CommentTokens {
  words: string[]
  starts: number[]
  ends: number[]
  /** The text offsets refer to: the original, or its lower-case form when lower-casing changed lengths. */
  surface: string
}

const SENTENCE = '.'
const CLAUSE = ','

function isWordCode(c: number): boolean {
  if (c >= 97 && c <= 122) return true // a-z
  if (c >= 48 && c <= 57) return true // 0-9
  if (c < 0xc0) return false
  if (c === 0xd7 || c === 0xf7) return false
  if (c <= 0x24f) return true // Latin-1 letters and Latin Extended A/B
  if (c >= 0x300 && c < 0x2000) return true // combining marks, Greek, Cyrillic, Hebrew, Arabic, Indic, ...
  return c >= 0x3040 && c < 0xd800 // CJK and Hangul; emoji (surrogates) are not words
}

function boundaryOf(c: number): string | null {
  switch (c) {
    case 46: // .
    case 33: // !
    case 63: // ?
    case 10: // line break: survey answers put separate thoughts on separate lines
      return SENTENCE
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 40: // (
    case 41: // )
    case 34: // "
    case 47: // /
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x201e: // „
    case 0x201c: // “
      return CLAUSE
    default:
      return null
  }
}

const COMBINING_MARK = /[\u0300-\u036f]/
const APOSTROPHES = new Set([39, 0x2019, 0x60, 0xb4])
const CURRENCIES = new Set([0x20ac, 36, 0xa3])

function pushBoundary(out: CommentTokens, kind: string, at: number): void {
  const last = out.words.length - 1
  if (last < 0) return
  const prev = out.words[last]
  if (prev === SENTENCE) return
  if (prev === CLAUSE) {
    if (kind === SENTENCE) out.words[last] = SENTENCE
    return
  }
  out.words.push(kind)
  out.starts.push(at)
  out.ends.push(at + 1)
}

/** Splits a comment into lower-case words and clause/sentence boundaries, keeping character offsets. */
export function tokenizeComment(input: string): CommentTokens {
  // Decomposed umlauts (u + U+0308, common from macOS input) would otherwise split words.
  const text = COMBINING_MARK.test(input) ? input.normalize('NFC') : input
  const lower = text.toLowerCase()
  const out: CommentTokens = {
    words: [],
    starts: [],
    ends: [],
    surface: lower.length === text.length ? text : lower,
  }
  let i = 0
  const n = lower.length
  while (i < n) {
    const c = lower.charCodeAt(i)
    if (isWordCode(c)) {
      const start = i
      let word = ''
      while (i < n) {
        const d = lower.charCodeAt(i)
        if (isWordCode(d)) {
          word += lower[i]
          i++
        } else if (APOSTROPHES.has(d) && i + 1 < n && isWordCode(lower.charCodeAt(i + 1))) {
          word += "'"
          i++
        } else break
      }
      // "competitor's" and "geb's" keep their base; "don't" and "i'm" stay whole.
      if (word.endsWith("'s") && word.length > 3) word = word.slice(0, -2)
      out.words.push(word)
      out.starts.push(start)
      out.ends.push(i)
      continue
    }
    if (CURRENCIES.has(c)) {
      out.words.push(lower[i] as string)
      out.starts.push(i)
      out.ends.push(i + 1)
    } else if (c === 45) {
      // A hyphen inside a word splits it ("App-Version"); a free-standing one is a dash.
      const joined = i > 0 && isWordCode(lower.charCodeAt(i - 1)) && isWordCode(lower.charCodeAt(i + 1))
      if (!joined) pushBoundary(out, CLAUSE, i)
    } else {
      const b = boundaryOf(c)
      if (b) pushBoundary(out, b, i)
    }
    i++
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Term matching
// ---------------------------------------------------------------------------------------------

type WordPattern = { kind: 'exact' | 'prefix' | 'suffix' | 'infix'; text: string } | { kind: 'gap' }

interface Term<P> {
  source: string
  words: WordPattern[]
  /** Literal characters; breaks ties between matches of equal length ("problemlos*" over "problem*"). */
  specificity: number
  payload: P
}

interface TermIndex<P> {
  exact: Map<string, Term<P>[]>
  prefix: Map<string, Term<P>[]>
  prefixLengths: number[]
  suffix: Map<string, Term<P>[]>
  suffixLengths: number[]
  infix: { text: string; terms: Term<P>[] }[]
  /** Candidates per token seen before; comment vocabularies repeat heavily, so bulk runs mostly hit. */
  memo: Map<string, readonly Term<P>[]>
}

interface Match<P> {
  term: Term<P>
  start: number
  /** Index after the last matched token. */
  end: number
}

const MAX_GAP = 2

function parseWord(raw: string): WordPattern {
  if (raw === '~') return { kind: 'gap' }
  const head = raw.startsWith('*')
  const tail = raw.endsWith('*') && raw.length > 1
  const text = raw.slice(head ? 1 : 0, tail ? -1 : undefined)
  if (head && tail) return { kind: 'infix', text }
  if (head) return { kind: 'suffix', text }
  if (tail) return { kind: 'prefix', text }
  return { kind: 'exact', text }
}

function parseTerm<P>(source: string, payload: P): Term<P> {
  // Terms are tokenised like comments so "rip-off" and "geb's" match what the tokenizer produces.
  const words = source
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .flatMap((w) => (w === '~' || w.startsWith('*') || w.endsWith('*') ? [w] : w.split('-')))
    .map(parseWord)
  const specificity = words.reduce((sum, w) => sum + (w.kind === 'gap' ? 0 : w.text.length), 0)
  return { source, words, specificity, payload }
}

function addTo<P>(map: Map<string, Term<P>[]>, key: string, term: Term<P>): void {
  const list = map.get(key)
  if (list) list.push(term)
  else map.set(key, [term])
}

function buildIndex<P>(entries: readonly (readonly [string, P])[]): TermIndex<P> {
  const index: TermIndex<P> = {
    exact: new Map(),
    prefix: new Map(),
    prefixLengths: [],
    suffix: new Map(),
    suffixLengths: [],
    infix: [],
    memo: new Map(),
  }
  for (const [source, payload] of entries) {
    const term = parseTerm(source, payload)
    const first = term.words[0]
    if (!first || first.kind === 'gap') continue
    if (first.kind === 'exact') addTo(index.exact, first.text, term)
    else if (first.kind === 'prefix') addTo(index.prefix, first.text, term)
    else if (first.kind === 'suffix') addTo(index.suffix, first.text, term)
    else {
      const slot = index.infix.find((s) => s.text === first.text)
      if (slot) slot.terms.push(term)
      else index.infix.push({ text: first.text, terms: [term] })
    }
  }
  index.prefixLengths = [...new Set([...index.prefix.keys()].map((k) => k.length))]
  index.suffixLengths = [...new Set([...index.suffix.keys()].map((k) => k.length))]
  return index
}

function wordMatches(p: WordPattern, token: string): boolean {
  switch (p.kind) {
    case 'exact':
      return token === p.text
    case 'prefix':
      return token.startsWith(p.text)
    case 'suffix':
      return token.endsWith(p.text)
    case 'infix':
      return token.includes(p.text)
    default:
      return false
  }
}

function isBoundary(token: string): boolean {
  return token === SENTENCE || token === CLAUSE
}

/** Matches pattern words from `w` against tokens from `i`; returns the end index or -1. */
function matchRest(patterns: readonly WordPattern[], w: number, words: readonly string[], i: number): number {
  if (w === patterns.length) return i
  const p = patterns[w] as WordPattern
  if (p.kind === 'gap') {
    // Prefer the shortest gap so "weder gut noch schlecht" does not swallow the next clause.
    for (let skip = 0; skip <= MAX_GAP; skip++) {
      const at = i + skip
      if (skip > 0 && (at - 1 >= words.length || isBoundary(words[at - 1] as string))) return -1
      const end = matchRest(patterns, w + 1, words, at)
      if (end >= 0) return end
    }
    return -1
  }
  const token = words[i]
  if (token === undefined || !wordMatches(p, token)) return -1
  return matchRest(patterns, w + 1, words, i + 1)
}

/** Bounds the memo: a bulk import of free text must not grow it without limit. */
const MEMO_LIMIT = 50_000
const NO_TERMS: readonly never[] = []

function candidates<P>(index: TermIndex<P>, token: string): readonly Term<P>[] {
  const known = index.memo.get(token)
  if (known) return known
  const out: Term<P>[] = []
  collectCandidates(index, token, out)
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear()
  const result = out.length === 0 ? NO_TERMS : out
  index.memo.set(token, result)
  return result
}

function collectCandidates<P>(index: TermIndex<P>, token: string, out: Term<P>[]): void {
  const exact = index.exact.get(token)
  if (exact) out.push(...exact)
  for (const len of index.prefixLengths) {
    if (len > token.length) continue
    const hit = index.prefix.get(token.slice(0, len))
    if (hit) out.push(...hit)
  }
  for (const len of index.suffixLengths) {
    if (len > token.length) continue
    const hit = index.suffix.get(token.slice(token.length - len))
    if (hit) out.push(...hit)
  }
  for (const slot of index.infix) if (token.includes(slot.text)) out.push(...slot.terms)
}

const NO_MATCHES: readonly never[] = []

/** Every term matching at token `i`. */
function matchesAt<P>(index: TermIndex<P>, words: readonly string[], i: number): readonly Match<P>[] {
  const token = words[i]
  if (token === undefined || isBoundary(token)) return NO_MATCHES
  const found = candidates(index, token)
  if (found.length === 0) return NO_MATCHES
  const out: Match<P>[] = []
  for (const term of found) {
    const end = matchRest(term.words, 1, words, i + 1)
    if (end >= 0) out.push({ term, start: i, end })
  }
  return out
}

function longest<P>(matches: readonly Match<P>[]): Match<P> | undefined {
  let best: Match<P> | undefined
  for (const m of matches) {
    if (!best || m.end > best.end || (m.end === best.end && m.term.specificity > best.term.specificity)) {
      best = m
    }
  }
  return best
}

function spanText(tokens: CommentTokens, start: number, end: number): string {
  return tokens.surface.slice(tokens.starts[start], tokens.ends[end - 1])
}

// ---------------------------------------------------------------------------------------------
// Compiled lexicon
// ---------------------------------------------------------------------------------------------

interface CompiledLanguage {
  topics: TermIndex<Topic>
  cues: TermIndex<number>
}

function topicEntries(terms: TopicTerms): [string, Topic][] {
  return TOPICS.flatMap((topic) => terms[topic].map((t): [string, Topic] => [t, topic]))
}

// Built on first use: the renderer imports this module for TOPICS without paying for the indexes.
let compiled: Record<LexiconLanguage, CompiledLanguage> | undefined

function lexicon(lang: LexiconLanguage): CompiledLanguage {
  compiled ??= {
    de: { topics: buildIndex(topicEntries(TOPIC_TERMS_DE)), cues: buildIndex(Object.entries(CUES_DE)) },
    en: { topics: buildIndex(topicEntries(TOPIC_TERMS_EN)), cues: buildIndex(Object.entries(CUES_EN)) },
  }
  return compiled[lang]
}

// ---------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------

export interface LexiconAnalysis {
  /** -1..1; 0 when nothing polar was found. */
  score: number
  /** Unsquashed cue sum, for combining with other evidence. */
  raw: number
  /** The polar phrases as written, negation included ("nicht zufrieden"). */
  hits: string[]
  topics: Topic[]
  mentions: string[]
}

function isNegator(lang: LexiconLanguage, token: string): boolean {
  return NEGATORS[lang].has(token) || (lang === 'en' && token.endsWith("n't"))
}

function emojiSum(text: string, hits: string[]): number {
  let sum = 0
  for (const [emoji, weight] of EMOJI_CUES) {
    if (text.includes(emoji)) {
      sum += weight
      hits.push(emoji)
    }
  }
  return sum
}

interface PolarityState {
  raw: number
  contrastFactor: number
  concession: number
  /** Demanded praise ("erwarte ich, dass es funktioniert") reports its absence. */
  demand: boolean
  negatorAt: number
  /** Content words the current negation still covers. */
  negationLeft: number
  intensity: number
  intensityLeft: number
}

function newState(): PolarityState {
  return {
    raw: 0,
    contrastFactor: 1,
    concession: 1,
    demand: false,
    negatorAt: -1,
    negationLeft: 0,
    intensity: 1,
    intensityLeft: 0,
  }
}

function resetClause(s: PolarityState, sentenceEnd: boolean): void {
  s.negationLeft = 0
  s.intensityLeft = 0
  s.concession = 1
  if (sentenceEnd) {
    s.contrastFactor = 1
    s.demand = false
  }
}

function cueWeight(s: PolarityState, base: number): { weight: number; negated: boolean } {
  let weight = base
  if (s.intensityLeft > 0) weight *= s.intensity
  const negated = s.negationLeft > 0
  if (negated) weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE
  if (s.demand && weight > 0) weight *= DEMANDED_POSITIVE
  return { weight: weight * s.contrastFactor * s.concession, negated }
}

/** A content word (cue or not) uses up one slot of the negation and intensifier scopes. */
function consumeScope(s: PolarityState, lang: LexiconLanguage, token: string): void {
  if (SCOPE_TRANSPARENT[lang].has(token)) return
  if (s.negationLeft > 0) s.negationLeft--
  if (s.intensityLeft > 0) s.intensityLeft--
}

/** Grammar words change how the following cues count; returns false for ordinary words. */
function noteFunctionWord(s: PolarityState, lang: LexiconLanguage, token: string, at: number): boolean {
  if (CONTRAST[lang].has(token)) {
    s.raw *= BEFORE_CONTRAST
    s.contrastFactor = AFTER_CONTRAST
    s.negationLeft = 0
    s.concession = 1
    return true
  }
  let noted = false
  if (CONCESSIVE[lang].has(token)) {
    s.concession = IN_CONCESSION
    noted = true
  }
  if (DEMAND[lang].has(token)) {
    s.demand = true
    noted = true
  }
  if (isNegator(lang, token)) {
    s.negatorAt = at
    s.negationLeft = SHORT_NEGATORS[lang].has(token) ? 1 : NEGATION_WINDOW
    noted = true
  }
  const boost = INTENSIFIERS[lang].get(token)
  if (boost !== undefined) {
    s.intensity = boost
    s.intensityLeft = INTENSIFIER_WINDOW
    noted = true
  }
  return noted
}

function polarityOf(tokens: CommentTokens, lang: LexiconLanguage, hits: string[]): number {
  const { cues } = lexicon(lang)
  const words = tokens.words
  const s = newState()
  let i = 0
  while (i < words.length) {
    const token = words[i] as string
    if (isBoundary(token)) {
      resetClause(s, token === SENTENCE)
      i++
      continue
    }
    const m = longest(matchesAt(cues, words, i))
    if (!m) {
      if (!noteFunctionWord(s, lang, token, i)) consumeScope(s, lang, token)
      i++
      continue
    }
    if (m.term.payload !== 0) {
      const { weight, negated } = cueWeight(s, m.term.payload)
      s.raw += weight
      hits.push(spanText(tokens, negated ? s.negatorAt : m.start, m.end))
    }
    consumeScope(s, lang, token)
    // A one-word cue can still be a grammar word ("super" also intensifies); phrases are not
    // ("nie wieder" negates nothing after it).
    if (m.end - m.start === 1) noteFunctionWord(s, lang, token, i)
    i = m.end
  }
  return s.raw
}

const HAS_LETTER = /\p{L}/u
const MENTION_TOPICS: ReadonlySet<Topic> = new Set(['price', 'competitor'])
const MAX_MENTIONS = 5

function topicsAndMentions(
  tokens: CommentTokens,
  lang: LexiconLanguage,
): { topics: Topic[]; mentions: string[] } {
  const { topics: index } = lexicon(lang)
  const found = new Set<Topic>()
  const spans: [number, number][] = []
  const words = tokens.words
  for (let i = 0; i < words.length; i++) {
    const matches = matchesAt(index, words, i)
    let spanEnd = -1
    for (const m of matches) {
      found.add(m.term.payload)
      if (MENTION_TOPICS.has(m.term.payload)) spanEnd = Math.max(spanEnd, m.end)
    }
    if (spanEnd > i) spans.push([i, spanEnd])
  }
  return { topics: TOPICS.filter((t) => found.has(t)), mentions: mentionTexts(tokens, spans) }
}

/** Longest non-overlapping spans, as written, each phrase once. */
function mentionTexts(tokens: CommentTokens, spans: readonly [number, number][]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  let coveredUntil = -1
  for (const [start, end] of spans) {
    if (end <= coveredUntil) continue
    const from = Math.max(start, coveredUntil)
    coveredUntil = end
    const text = spanText(tokens, from, end)
    const key = text.toLowerCase()
    // A bare "€" is no phrase an agent can read back.
    if (seen.has(key) || !HAS_LETTER.test(text)) continue
    seen.add(key)
    out.push(text)
    if (out.length >= MAX_MENTIONS) break
  }
  return out
}

export function squash(raw: number): number {
  return raw / Math.sqrt(raw * raw + SQUASH_ALPHA)
}

/** One pass over a comment for everything the lexicon knows; accepts pre-tokenised input for bulk use. */
export function analyzeLexicon(input: string | CommentTokens, lang: LexiconLanguage): LexiconAnalysis {
  const tokens = typeof input === 'string' ? tokenizeComment(input) : input
  const hits: string[] = []
  const raw = polarityOf(tokens, lang, hits) + emojiSum(tokens.surface, hits)
  const { topics, mentions } = topicsAndMentions(tokens, lang)
  return { score: squash(raw), raw, hits, topics, mentions }
}

export function detectTopics(text: string, lang: LexiconLanguage): Topic[] {
  return topicsAndMentions(tokenizeComment(text), lang).topics
}

export function lexiconPolarity(text: string, lang: LexiconLanguage): { score: number; hits: string[] } {
  const tokens = tokenizeComment(text)
  const hits: string[] = []
  const raw = polarityOf(tokens, lang, hits) + emojiSum(tokens.surface, hits)
  return { score: squash(raw), hits }
}

/** Price and competitor phrases as the customer wrote them ("zu teuer", "Konkurrenz"), for risk reasons. */
export function priceOrCompetitorMentions(text: string, lang: LexiconLanguage): string[] {
  return topicsAndMentions(tokenizeComment(text), lang).mentions
}

/** Language-neutral polarity (emoji, emoticons) for comments whose language is unknown. */
export function emojiPolarity(text: string): { score: number; hits: string[] } {
  const hits: string[] = []
  return { score: squash(emojiSum(text, hits)), hits }
}
