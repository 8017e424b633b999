import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { createCommentAnalyzerSync } from '../electron/core/insights/commentAnalysis'
import type {
  CommentAnalyzer,
  CommentLanguage,
  CommentPolarity,
} from '../electron/core/insights/commentAnalysis'
import type { Topic } from '../shared/domain/commentLexicon'

const FIXTURE = new URL('../test/fixtures/comments-labelled.json', import.meta.url)
/** Written independently of the lexicon and never used to tune it: the honest generalisation figure. */
const HELDOUT = new URL('../test/fixtures/comments-heldout.json', import.meta.url)
const THROUGHPUT_ANALYSES = Number(process.env.LOOPDESK_BENCH_COMMENTS ?? 50_000)
const WARMUP = 5_000
const TARGET_PER_SECOND = 20_000
const CLASSES = ['positive', 'neutral', 'negative'] as const
type Label = (typeof CLASSES)[number]

interface LabelledComment {
  text: string
  lang: CommentLanguage
  polarity: Label
  topics: Topic[]
}

export interface LanguageScore {
  n: number
  accuracy: number
  macroF1: number
}

export interface CommentEvaluation {
  perLanguage: Record<CommentLanguage, LanguageScore>
  heldOut: Record<CommentLanguage, LanguageScore>
  commentsPerSecond: number
}

function loadFixture(file: URL = FIXTURE): LabelledComment[] {
  return JSON.parse(readFileSync(file, 'utf8')) as LabelledComment[]
}

/** Unweighted mean of per-class F1; an 'unknown' prediction is a miss for the true class. */
function macroF1(pairs: readonly { truth: Label; predicted: CommentPolarity }[]): number {
  const f1s = CLASSES.map((c) => {
    const tp = pairs.filter((p) => p.truth === c && p.predicted === c).length
    const fp = pairs.filter((p) => p.truth !== c && p.predicted === c).length
    const fn = pairs.filter((p) => p.truth === c && p.predicted !== c).length
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  })
  return f1s.reduce((s, x) => s + x, 0) / f1s.length
}

function scoreLanguage(analyzer: CommentAnalyzer, rows: readonly LabelledComment[]): LanguageScore {
  // The survey locale is known when comments are imported, so it is passed as the hint.
  const pairs = rows.map((r) => ({ truth: r.polarity, predicted: analyzer.analyze(r.text, r.lang).polarity }))
  const correct = pairs.filter((p) => p.truth === p.predicted).length
  return { n: rows.length, accuracy: correct / rows.length, macroF1: macroF1(pairs) }
}

function languageDetectionAccuracy(analyzer: CommentAnalyzer, rows: readonly LabelledComment[]): number {
  return rows.filter((r) => analyzer.analyze(r.text).language === r.lang).length / rows.length
}

function topicRecall(analyzer: CommentAnalyzer, rows: readonly LabelledComment[]): number {
  let labelled = 0
  let found = 0
  for (const r of rows) {
    const topics = analyzer.analyze(r.text, r.lang).topics
    labelled += r.topics.length
    found += r.topics.filter((t) => topics.includes(t)).length
  }
  return labelled === 0 ? 1 : found / labelled
}

/** Comments per second on one core, cycling through the fixture (mixed languages and lengths, no hint). */
function throughput(analyzer: CommentAnalyzer, texts: readonly string[], count: number): number {
  for (let i = 0; i < WARMUP; i++) analyzer.analyze(texts[i % texts.length] as string)
  const start = performance.now()
  for (let i = 0; i < count; i++) analyzer.analyze(texts[i % texts.length] as string)
  return count / ((performance.now() - start) / 1000)
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`

export function evaluateComments(): CommentEvaluation {
  const rows = loadFixture()
  const analyzer = createCommentAnalyzerSync()
  const perLanguage = {
    de: scoreLanguage(
      analyzer,
      rows.filter((r) => r.lang === 'de'),
    ),
    en: scoreLanguage(
      analyzer,
      rows.filter((r) => r.lang === 'en'),
    ),
  }
  const heldRows = loadFixture(HELDOUT)
  const heldOut = {
    de: scoreLanguage(
      analyzer,
      heldRows.filter((r) => r.lang === 'de'),
    ),
    en: scoreLanguage(
      analyzer,
      heldRows.filter((r) => r.lang === 'en'),
    ),
  }
  const texts = rows.map((r) => r.text)
  const commentsPerSecond = throughput(analyzer, texts, THROUGHPUT_ANALYSES)
  // Five fixture comments joined: closer to the long free-text answers some surveys collect.
  const longTexts = texts.map((_, i) =>
    [0, 1, 2, 3, 4].map((k) => texts[(i + k * 37) % texts.length]).join(' '),
  )
  const longPerSecond = throughput(analyzer, longTexts, Math.ceil(THROUGHPUT_ANALYSES / 5))

  console.log(`comment analysis on ${rows.length} labelled comments (${FIXTURE.pathname})`)
  for (const lang of ['de', 'en'] as const) {
    const s = perLanguage[lang]
    console.log(`  ${lang}: n=${s.n}  polarity accuracy ${pct(s.accuracy)}  macro-F1 ${s.macroF1.toFixed(3)}`)
  }
  console.log(`  language detection without hint: ${pct(languageDetectionAccuracy(analyzer, rows))}`)
  console.log(`  topic micro recall: ${pct(topicRecall(analyzer, rows))}`)
  console.log(`held-out set (${heldRows.length} comments written independently, never used for tuning):`)
  for (const lang of ['de', 'en'] as const) {
    const s = heldOut[lang]
    console.log(`  ${lang}: n=${s.n}  polarity accuracy ${pct(s.accuracy)}  macro-F1 ${s.macroF1.toFixed(3)}`)
  }
  console.log(`  topic micro recall: ${pct(topicRecall(analyzer, heldRows))}`)
  const avgChars = (list: readonly string[]): number => Math.round(list.join('').length / list.length)
  const fmt = (x: number): string => Math.round(x).toLocaleString('en')
  console.log(
    `throughput: ${fmt(commentsPerSecond)} comments/s over ${fmt(THROUGHPUT_ANALYSES)} analyses ` +
      `(avg ${avgChars(texts)} chars); ${fmt(longPerSecond)}/s for ~${avgChars(longTexts)}-char comments`,
  )
  const met = commentsPerSecond >= TARGET_PER_SECOND
  console.log(`target: >= ${fmt(TARGET_PER_SECOND)} comments/s on one core -> ${met ? 'MET' : 'MISSED'}`)
  return { perLanguage, heldOut, commentsPerSecond }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { commentsPerSecond } = evaluateComments()
  if (commentsPerSecond < TARGET_PER_SECOND) process.exitCode = 1
}
