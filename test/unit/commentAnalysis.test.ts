import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCommentAnalyzer, MAX_COMMENT_CHARS } from '../../electron/core/insights/commentAnalysis'
import type { CommentAnalyzer, CommentLanguage } from '../../electron/core/insights/commentAnalysis'
import {
  detectTopics,
  lexiconPolarity,
  priceOrCompetitorMentions,
  TOPICS,
} from '../../shared/domain/commentLexicon'
import type { Topic } from '../../shared/domain/commentLexicon'

interface LabelledComment {
  text: string
  lang: CommentLanguage
  polarity: 'positive' | 'neutral' | 'negative'
  topics: Topic[]
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/comments-labelled.json', import.meta.url), 'utf8'),
) as LabelledComment[]

let analyzer: CommentAnalyzer
beforeAll(async () => {
  analyzer = await createCommentAnalyzer()
})

describe('comment lexicon (pure, shared with the renderer)', () => {
  it('reads "zu teuer" as a negative price complaint and quotes it', () => {
    const text = 'Viel zu teuer, ich werde kündigen'
    expect(detectTopics(text, 'de')).toEqual(expect.arrayContaining(['price', 'contract_cancellation']))
    expect(lexiconPolarity(text, 'de').score).toBeLessThan(-0.5)
    expect(lexiconPolarity(text, 'de').hits).toContain('zu teuer')
    expect(priceOrCompetitorMentions(text, 'de')).toEqual(['zu teuer'])
  })

  it('quotes competitor and compound price mentions as written', () => {
    expect(priceOrCompetitorMentions('Nach der Preiserhöhung gehe ich zur Konkurrenz.', 'de')).toEqual([
      'Preiserhöhung',
      'zur Konkurrenz',
    ])
    expect(priceOrCompetitorMentions('Way too expensive, switching to another provider', 'en')).toEqual([
      'too expensive',
      'switching',
      'another provider',
    ])
    expect(priceOrCompetitorMentions('Die Hotline war freundlich.', 'de')).toEqual([])
  })

  it('flips the next words after a negation, and softens negated complaints', () => {
    expect(lexiconPolarity('Ich bin zufrieden', 'de').score).toBeGreaterThan(0.3)
    expect(lexiconPolarity('Ich bin nicht zufrieden', 'de').score).toBeLessThan(-0.3)
    expect(lexiconPolarity('Ich bin mit dem Ergebnis nicht wirklich zufrieden', 'de').score).toBeLessThan(0)
    const notBad = lexiconPolarity('nicht schlecht', 'de').score
    expect(notBad).toBeGreaterThan(0)
    expect(notBad).toBeLessThan(lexiconPolarity('gut', 'de').score)
    expect(lexiconPolarity('keine Probleme', 'de').score).toBeGreaterThan(0)
    expect(lexiconPolarity('not bad at all', 'en').score).toBeGreaterThan(0)
    expect(lexiconPolarity("The agent wasn't helpful", 'en').score).toBeLessThan(0)
    expect(lexiconPolarity('never again', 'en').score).toBeLessThan(-0.5)
    // Negation scope ends at the clause: the praise after the comma stays praise.
    expect(lexiconPolarity('Nicht schlecht, die App ist super', 'de').score).toBeGreaterThan(0.5)
  })

  it('weighs the clause after a contrast more', () => {
    expect(lexiconPolarity('Service gut, aber viel zu teuer', 'de').score).toBeLessThan(0)
    expect(lexiconPolarity('Viel zu teuer, aber der Service ist gut', 'de').score).toBeGreaterThan(0)
    expect(lexiconPolarity('The wait was long, but the advisor was brilliant', 'en').score).toBeGreaterThan(0)
  })

  it('intensifiers strengthen and contact-centre idioms count', () => {
    expect(lexiconPolarity('sehr unfreundlich', 'de').score).toBeLessThan(
      lexiconPolarity('unfreundlich', 'de').score,
    )
    expect(lexiconPolarity('ewig in der Warteschleife', 'de').score).toBeLessThan(-0.5)
    expect(lexiconPolarity('mir wurde schnell geholfen', 'de').score).toBeGreaterThan(0.5)
    expect(lexiconPolarity('complete waste of time', 'en').score).toBeLessThan(-0.5)
    expect(lexiconPolarity('I want to cancel my contract', 'en').score).toBeLessThan(-0.5)
  })

  it('finds German compounds and inflections', () => {
    expect(detectTopics('Die Paketlieferung kam zu spät', 'de')).toContain('delivery')
    expect(detectTopics('Kundenservice-Hotline ewig besetzt', 'de')).toContain('service')
    expect(detectTopics('Mir wurde doppelt abgebucht', 'de')).toContain('billing')
    expect(detectTopics('Die App stürzt ständig ab', 'de')).toContain('usability')
    expect(detectTopics('Der Wettbewerber ist günstiger', 'de')).toEqual(
      expect.arrayContaining(['price', 'competitor']),
    )
    expect(TOPICS).toHaveLength(8)
  })
})

describe('comment analyzer', () => {
  it('"zu teuer" is a negative price comment', () => {
    const r = analyzer.analyze('Viel zu teuer für das bisschen Leistung.')
    expect(r).toMatchObject({ language: 'de', polarity: 'negative' })
    expect(r.topics).toContain('price')
    expect(r.mentions).toContain('zu teuer')
  })

  it('tags competitor mentions', () => {
    const de = analyzer.analyze('Bei der Konkurrenz zahle ich 10 Euro weniger.')
    expect(de.topics).toContain('competitor')
    expect(de.mentions).toContain('Konkurrenz')
    const en = analyzer.analyze('Your competitor offers the same plan for less.')
    expect(en).toMatchObject({ language: 'en' })
    expect(en.topics).toContain('competitor')
  })

  it('flips polarity under negation', () => {
    expect(analyzer.analyze('Ich bin mit dem Service zufrieden.').polarity).toBe('positive')
    expect(analyzer.analyze('Ich bin mit dem Service nicht zufrieden.').polarity).toBe('negative')
    expect(analyzer.analyze('Nicht schlecht, ging schneller als gedacht.').polarity).toBe('positive')
    expect(analyzer.analyze('The delivery was not bad at all.').polarity).toBe('positive')
    expect(analyzer.analyze('I am not happy with the service.').polarity).toBe('negative')
    expect(analyzer.analyze('Never again, the hotline is a joke.').polarity).toBe('negative')
  })

  it('reads mixed comments by their conclusion', () => {
    expect(analyzer.analyze('Service gut, aber viel zu teuer – ich wechsle.').polarity).toBe('negative')
    expect(analyzer.analyze('Great staff, but the prices are ridiculous and I am leaving.').polarity).toBe(
      'negative',
    )
    expect(analyzer.analyze('Lange Wartezeit, aber dann wurde mir wirklich gut geholfen.').polarity).toBe(
      'positive',
    )
  })

  it('keeps factual remarks neutral', () => {
    expect(analyzer.analyze('Bitte schicken Sie die Rechnung per Post.').polarity).toBe('neutral')
    expect(analyzer.analyze('My contract runs until next March.').polarity).toBe('neutral')
  })

  it('detects German and English, and reports other languages as unknown', () => {
    expect(analyzer.analyze('Die Lieferung kam pünktlich an.').language).toBe('de')
    expect(analyzer.analyze('The parcel arrived on time.').language).toBe('en')
    expect(analyzer.analyze('Alles top!').language).toBe('de')
    expect(analyzer.analyze('Thanks!').language).toBe('en')
    for (const foreign of [
      'Le service client était très bien, merci beaucoup.',
      'Müşteri hizmetleri çok kötüydü, kimse telefonu açmadı.',
      'El servicio fue muy malo y nadie me ayudó.',
      'Служба поддержки не помогла',
      '12345',
      '10/10',
      '👍👍',
    ]) {
      expect(analyzer.analyze(foreign).language, foreign).toBe('unknown')
    }
    expect(analyzer.analyze('Le service était nul').polarity).toBe('unknown')
  })

  it('uses the hint only when the text does not decide', () => {
    expect(analyzer.analyze('Hotline', 'de').language).toBe('de')
    expect(analyzer.analyze('Hotline', 'en').language).toBe('en')
    expect(analyzer.analyze('Hotline').language).toBe('unknown')
    expect(analyzer.analyze('The agent was very friendly and helpful.', 'de').language).toBe('en')
    expect(analyzer.analyze('Le service client était très bien, merci.', 'de').language).toBe('unknown')
  })

  it('reads emoji in any language', () => {
    expect(analyzer.analyze('👍')).toMatchObject({ language: 'unknown', polarity: 'positive' })
    expect(analyzer.analyze('😡😡')).toMatchObject({ language: 'unknown', polarity: 'negative' })
  })

  it('reports empty and whitespace comments as unknown', () => {
    for (const text of ['', '   ', '\n\t ']) {
      expect(analyzer.analyze(text)).toEqual({
        language: 'unknown',
        polarity: 'unknown',
        score: 0,
        topics: [],
        mentions: [],
      })
    }
  })

  it('analyses huge comments on their beginning', () => {
    const head = 'Viel zu teuer und der Service ist eine Katastrophe. '
    const huge = head.repeat(Math.ceil((MAX_COMMENT_CHARS * 3) / head.length)) + ' Eigentlich alles super!'
    const started = performance.now()
    const r = analyzer.analyze(huge)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(r).toEqual(analyzer.analyze(huge.slice(0, MAX_COMMENT_CHARS)))
    expect(r).toMatchObject({ language: 'de', polarity: 'negative' })
  })

  it('never throws, whatever it is given', () => {
    let seed = 20261123
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0
      return seed / 4_294_967_296
    }
    const alphabet = [
      'a',
      'ä',
      'ß',
      'Z',
      ' ',
      '.',
      ',',
      '-',
      "'",
      '’',
      '€',
      '~',
      '*',
      '\n',
      '\u0000',
      '\u0308',
      '\ud83d',
      '\ude00',
      '😡',
      '👍',
      '中',
      'ж',
      'ğ',
      'nicht ',
      'not ',
      'aber ',
      'but ',
      'zu teuer ',
      'kein ',
      ':)',
    ]
    for (let n = 0; n < 2_000; n++) {
      const length = Math.floor(random() * 80)
      let text = ''
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
      const r = analyzer.analyze(text, random() < 0.5 ? 'de' : undefined)
      expect(['de', 'en', 'unknown']).toContain(r.language)
      expect(Number.isFinite(r.score) && Math.abs(r.score) <= 1).toBe(true)
    }
    for (const odd of [null, undefined, 42, {}, 'x'.repeat(200_000)]) {
      expect(() => analyzer.analyze(odd as unknown as string)).not.toThrow()
    }
    expect(() => analyzer.analyze('Hallo', 'fr' as unknown as CommentLanguage)).not.toThrow()
  })
})

describe('accuracy on the labelled fixture', () => {
  it('is a realistic labelled set: >= 100 comments per language, valid labels', () => {
    for (const lang of ['de', 'en'] as const) {
      expect(fixture.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(100)
    }
    for (const c of fixture) {
      expect(['positive', 'neutral', 'negative']).toContain(c.polarity)
      for (const t of c.topics) expect(TOPICS).toContain(t)
    }
  })

  it('polarity accuracy >= 0.85 for each language', () => {
    for (const lang of ['de', 'en'] as const) {
      const rows = fixture.filter((c) => c.lang === lang)
      // The survey locale is known at import time, so it is passed as the hint.
      const correct = rows.filter((c) => analyzer.analyze(c.text, c.lang).polarity === c.polarity).length
      const accuracy = correct / rows.length
      console.log(`comment polarity accuracy ${lang}: ${(100 * accuracy).toFixed(1)}% (n=${rows.length})`)
      expect(accuracy).toBeGreaterThanOrEqual(0.85)
    }
  })

  it('topic micro recall >= 0.7', () => {
    let labelled = 0
    let found = 0
    for (const c of fixture) {
      const topics = analyzer.analyze(c.text, c.lang).topics
      labelled += c.topics.length
      found += c.topics.filter((t) => topics.includes(t)).length
    }
    const recall = found / labelled
    console.log(`comment topic micro recall: ${(100 * recall).toFixed(1)}% (${found}/${labelled})`)
    expect(recall).toBeGreaterThanOrEqual(0.7)
  })

  it('detects the language of >= 95% of the fixture without a hint', () => {
    const correct = fixture.filter((c) => analyzer.analyze(c.text).language === c.lang).length
    expect(correct / fixture.length).toBeGreaterThanOrEqual(0.95)
  })
})
