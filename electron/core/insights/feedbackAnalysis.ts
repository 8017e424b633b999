import type { DB } from '../db/connection'
import type { CommentAnalysis, CommentAnalyzer } from './commentAnalysis'

const BATCH = 10_000

/** Columns of a feedback row that store the comment analysis. */
export function analysisColumns(a: CommentAnalysis | null): {
  polarity: string | null
  sentiment: number | null
  topics: string | null
  mentions: string | null
} {
  if (!a) return { polarity: null, sentiment: null, topics: null, mentions: null }
  return {
    polarity: a.polarity,
    sentiment: a.score,
    topics: a.topics.length ? a.topics.join(',') : null,
    // '|' cannot occur in the phrases the lexicon quotes, so it separates them safely.
    mentions: a.mentions.length ? a.mentions.join('|') : null,
  }
}

/**
 * Analyses every stored comment that has no analysis yet (after a seed or an import of old data),
 * in batches of one transaction each. Identical texts (survey tools repeat stock phrases) are
 * analysed once.
 */
export function analyzePendingFeedback(
  db: DB,
  analyzer: CommentAnalyzer,
  onProgress?: (done: number) => void,
): number {
  const next = db.prepare<[number, number], { id: number; comment: string; language: string | null }>(
    `SELECT id, comment, language FROM feedback WHERE id > ? AND polarity IS NULL AND comment IS NOT NULL ORDER BY id LIMIT ?`,
  )
  const update = db.prepare(
    `UPDATE feedback SET polarity = @polarity, sentiment = @sentiment, topics = @topics, mentions = @mentions WHERE id = @id`,
  )
  const cache = new Map<string, ReturnType<typeof analysisColumns>>()
  let done = 0
  let after = 0
  for (;;) {
    const rows = next.all(after, BATCH)
    if (rows.length === 0) break
    db.transaction(() => {
      for (const r of rows) {
        const hint = r.language === 'de' || r.language === 'en' ? r.language : undefined
        const key = `${hint ?? ''}|${r.comment}`
        let cols = cache.get(key)
        if (!cols) {
          cols = analysisColumns(analyzer.analyze(r.comment, hint))
          if (cache.size < 200_000) cache.set(key, cols)
        }
        update.run({ id: r.id, ...cols })
      }
    })()
    after = (rows[rows.length - 1] as { id: number }).id
    done += rows.length
    onProgress?.(done)
  }
  return done
}
