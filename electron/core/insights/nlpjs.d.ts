// The @nlpjs 4.x packages ship no types. These declarations cover only what commentAnalysis uses,
// typed from the package sources (node_modules/@nlpjs/*/src).

declare module '@nlpjs/core' {
  export class Container {
    constructor()
    register(name: string, item: unknown, isSingleton?: boolean): void
    use(item: unknown): string
    get(name: string): unknown
  }
}

declare module '@nlpjs/lang-de' {
  import type { Container } from '@nlpjs/core'

  export class LangDe {
    register(container: Container): void
  }
}

declare module '@nlpjs/lang-en' {
  import type { Container } from '@nlpjs/core'

  export class LangEn {
    register(container: Container): void
  }
}

declare module '@nlpjs/language-min' {
  /** A trigram and how often it occurs in the text. */
  export type TrigramTuple = [string, number]

  export class Language {
    /** Trigrams of the lower-cased text with their counts. */
    static asTuples(value: string): TrigramTuple[]
    /** Sum over trigrams of the rank difference to the model; 300 for trigrams the model lacks. */
    static getDistance(trigrams: readonly TrigramTuple[], model: Readonly<Record<string, number>>): number
    /** Splits a registered model string into its trigrams, most frequent first. */
    static lansplit(model: string): string[]
  }
}

declare module '@nlpjs/sentiment' {
  import type { Container } from '@nlpjs/core'

  export interface SentimentDictionary {
    type: 'senticon' | 'pattern' | 'afinn' | undefined
    dictionary: Readonly<Record<string, number>> | undefined
    negations: readonly string[]
    stemmed: boolean
  }

  export interface SentimentResult {
    score: number
    numWords: number
    numHits: number
    average: number
    vote: 'positive' | 'neutral' | 'negative'
  }

  export interface SentimentCalculation {
    locale: string
    tokens: readonly string[]
    sentimentDictionary: SentimentDictionary
    sentiment?: SentimentResult
  }

  export class SentimentAnalyzer {
    constructor(settings: { container: Container })
    /** Tokenises (and stems) for the locale; synchronous unless a prepare pipeline is registered. */
    prepare(locale: string, text: string, settings: undefined, stemmed: boolean): unknown
    /** Synchronous scoring step of `process`. */
    calculate(input: SentimentCalculation): SentimentCalculation
    process(input: { locale: string; text: string }): Promise<{ sentiment: SentimentResult }>
  }
}
