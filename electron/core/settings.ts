import type { DB } from './db/connection'
import { DEFAULT_INTENT_CUTOFFS, type IntentBandCutoffs } from '../../shared/domain/intent'
import { AppError } from './errors'

const HIGH = 'intent.cutoff.high'
const MEDIUM = 'intent.cutoff.medium'

/** Settings kept in the database (so every agent on this cache sees the same bands). */
export function createSettings(db: DB) {
  const get = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`)
  const put = db.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  )
  const keysLike = db.prepare<[string], { key: string }>(
    `SELECT key FROM settings WHERE key LIKE ? ORDER BY key`,
  )
  const read = (key: string, fallback: number): number => {
    const n = Number(get.get(key)?.value)
    return Number.isFinite(n) ? n : fallback
  }
  let cutoffs: IntentBandCutoffs = {
    high: read(HIGH, DEFAULT_INTENT_CUTOFFS.high),
    medium: read(MEDIUM, DEFAULT_INTENT_CUTOFFS.medium),
  }
  return {
    intentCutoffs: (): IntentBandCutoffs => cutoffs,
    /** A JSON setting, or null when missing or unreadable (callers validate the shape). */
    readJson(key: string): unknown {
      const raw = get.get(key)?.value
      if (raw === undefined) return null
      try {
        return JSON.parse(raw) as unknown
      } catch {
        return null
      }
    },
    writeJson(key: string, value: unknown): void {
      put.run(key, JSON.stringify(value))
    },
    /**
     * The column mapping last used for a source: a tool's export ("qualtrics"), a named generic
     * source ("source:<name>") or a Formbricks survey ("formbricks-webhook:<survey id>").
     */
    importMapping(key: string): Record<string, string> | null {
      const raw = get.get(`import.mapping.${key}`)?.value
      if (!raw) return null
      try {
        return JSON.parse(raw) as Record<string, string>
      } catch {
        return null
      }
    },
    saveImportMapping(key: string, mapping: object): void {
      put.run(`import.mapping.${key}`, JSON.stringify(mapping))
    },
    /** Names of the generic sources that have a saved mapping, for the source field to offer. */
    importSources(): string[] {
      return keysLike.all('import.mapping.source:%').map((r) => r.key.slice('import.mapping.source:'.length))
    },
    /** The generic source named last, the default for a file whose name tells nothing. */
    lastImportSource(): string | null {
      return get.get('import.lastSource')?.value ?? null
    },
    setLastImportSource(source: string): void {
      put.run('import.lastSource', source)
    },
    setIntentCutoffs(next: IntentBandCutoffs): IntentBandCutoffs {
      if (!(next.medium > 0 && next.medium < next.high && next.high < 1)) {
        throw new AppError('VALIDATION', 'Intent cut-offs must satisfy 0 < medium < high < 1', [
          `medium: ${next.medium}, high: ${next.high}`,
        ])
      }
      db.transaction(() => {
        put.run(HIGH, String(next.high))
        put.run(MEDIUM, String(next.medium))
      })()
      cutoffs = { high: next.high, medium: next.medium }
      return cutoffs
    },
  }
}
