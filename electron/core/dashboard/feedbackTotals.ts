import { FEEDBACK_SUM_COLUMNS } from './rollups'

/**
 * dash_feedback_total (migration 18): dash_feedback_day summed over vertical, channel and
 * language, one row per day and intent tenth. The feedback tile reads it when none of those filters
 * is set: a 365-day period and the one before are then ~8,000 rows instead of ~200,000, and the
 * eight sums over them were most of that tile's time (bench:dashboard p95 102 ms). Kept by triggers
 * on dash_feedback_day itself, so every path that maintains the day rollup (row triggers, the
 * import's grouped upserts, the rebuild) keeps this one too.
 */
const SUMS = FEEDBACK_SUM_COLUMNS

const delta = (sign: string, r: string) => SUMS.map((c) => `${sign}${r}.${c}`).join(', ')
const upsert = (select: string) =>
  `INSERT INTO dash_feedback_total (day, ib, ${SUMS.join(', ')}) ${select}
   ON CONFLICT (day, ib) DO UPDATE SET ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`

export const FEEDBACK_TOTALS_SQL = `
CREATE TABLE dash_feedback_total (
  day INTEGER NOT NULL,
  ib  INTEGER NOT NULL,
  ${SUMS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')},
  PRIMARY KEY (day, ib)
) WITHOUT ROWID;
INSERT INTO dash_feedback_total (day, ib, ${SUMS.join(', ')})
  SELECT day, ib, ${SUMS.map((c) => `sum(${c})`).join(', ')} FROM dash_feedback_day GROUP BY day, ib;
CREATE TRIGGER dash_feedback_total_insert AFTER INSERT ON dash_feedback_day BEGIN
  ${upsert(`SELECT NEW.day, NEW.ib, ${delta('', 'NEW')} WHERE true`)}
END;
CREATE TRIGGER dash_feedback_total_update AFTER UPDATE ON dash_feedback_day BEGIN
  ${upsert(`SELECT OLD.day, OLD.ib, ${delta('-', 'OLD')} WHERE true`)}
  ${upsert(`SELECT NEW.day, NEW.ib, ${delta('', 'NEW')} WHERE true`)}
END;
CREATE TRIGGER dash_feedback_total_delete AFTER DELETE ON dash_feedback_day BEGIN
  ${upsert(`SELECT OLD.day, OLD.ib, ${delta('-', 'OLD')} WHERE true`)}
END;
`
