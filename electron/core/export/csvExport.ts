import fs from 'node:fs'
import type { DB } from '../db/connection'

export type ExportKind = 'customers' | 'feedback' | 'loops'

export interface ExportOptions {
  /** ';' for German Excel, ',' elsewhere */
  delimiter: ';' | ','
  onProgress?: (rows: number) => void
  /**
   * Rows written between yields to the event loop (default 5,000). The app uses fewer, so a large
   * export on the main thread leaves room for screen pops between its slices.
   */
  sliceRows?: number
}

const QUERIES: Record<ExportKind, string> = {
  customers: `SELECT c.customer_no, c.first_name, c.last_name, c.company, c.city, c.language, c.vertical, c.plan,
                     c.value_cents, c.customer_since, c.contract_end, c.status, c.churned_at,
                     (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' ORDER BY p.is_primary DESC, p.id LIMIT 1) AS phone,
                     (SELECT value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email' ORDER BY p.is_primary DESC, p.id LIMIT 1) AS email,
                     i.nps, i.intent, i.segment, i.risk_score, i.flags_json
                FROM customers c LEFT JOIN customer_insights i ON i.customer_id = c.id ORDER BY c.id`,
  feedback: `SELECT c.customer_no, f.source, f.source_response_id, f.answered_at, f.nps, f.intent_raw, f.intent_scale,
                    f.intent, f.comment, f.language, f.channel, f.polarity, f.sentiment, f.topics
               FROM feedback f JOIN customers c ON c.id = f.customer_id ORDER BY f.id`,
  // Every lifecycle column of a loop, then its whole history (oldest first): who changed what, from
  // what to what, so the export answers an audit question without the app.
  loops: `SELECT l.id AS loop_id, c.customer_no, l.origin, l.cause, l.type, l.title, l.state, l.priority,
                 l.segment, l.topic, l.language, l.risk_score, l.value_cents, l.sla_hours, l.due_at,
                 u.name AS assignee, cb.name AS created_by, l.created_at, l.assigned_at, l.first_action_at,
                 l.informed_at, l.informed_channel, l.informed_note, l.resolved_at, l.outcome, l.root_causes,
                 l.reopen_count, l.override_reason, l.review_state, rv.name AS reviewed_by, l.reviewed_at,
                 l.review_note, l.updated_at,
                 (SELECT group_concat(
                           strftime('%Y-%m-%dT%H:%M:%SZ', e.at / 1000, 'unixepoch') || ' ' || e.kind
                           || CASE WHEN e.old_value IS NOT NULL OR e.new_value IS NOT NULL
                                   THEN ' ' || coalesce(e.old_value, '–') || ' -> ' || coalesce(e.new_value, '–') ELSE '' END
                           || coalesce(' (' || eu.name || ')', '')
                           || coalesce(': ' || e.detail, ''), ' | ')
                    FROM (SELECT * FROM loop_events WHERE loop_id = l.id ORDER BY at, id) e
                    LEFT JOIN users eu ON eu.id = e.user_id) AS history
            FROM loops l JOIN customers c ON c.id = l.customer_id
            LEFT JOIN users u ON u.id = l.assignee_id
            LEFT JOIN users cb ON cb.id = l.created_by
            LEFT JOIN users rv ON rv.id = l.reviewed_by
           ORDER BY l.id`,
}

const TIME_COLUMNS = new Set([
  'churned_at',
  'answered_at',
  'due_at',
  'created_at',
  'updated_at',
  'assigned_at',
  'first_action_at',
  'informed_at',
  'resolved_at',
  'reviewed_at',
])

/** RFC 4180 quoting; cells that Excel would run as formulas are defused with a leading quote. */
export function csvCell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'number' ? String(value) : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text
}

function formatValue(column: string, value: unknown, delimiter: string): unknown {
  if (value === null || value === undefined) return value
  if (TIME_COLUMNS.has(column) && typeof value === 'number') return new Date(value).toISOString()
  if (column === 'value_cents' && typeof value === 'number') {
    // Money as a decimal in the locale Excel will read: 1234,56 with ';', 1234.56 with ','.
    const euros = (value / 100).toFixed(2)
    return delimiter === ';' ? euros.replace('.', ',') : euros
  }
  if (typeof value === 'number' && !Number.isInteger(value) && delimiter === ';')
    return String(value).replace('.', ',')
  if (column === 'flags_json' && typeof value === 'string') {
    return (JSON.parse(value) as { factor: string; points: number }[])
      .map((f) => `${f.factor} +${f.points}`)
      .join(', ')
  }
  return value
}

/**
 * Streams a table to a CSV file Excel opens correctly: UTF-8 with BOM, CRLF line ends, the
 * chosen delimiter. Reads with an iterator, so a million customers never sit in memory.
 */
export async function exportCsv(
  db: DB,
  kind: ExportKind,
  file: string,
  options: ExportOptions,
): Promise<number> {
  const stmt = db.prepare(QUERIES[kind])
  const columns = stmt.columns().map((c) => (c.name === 'flags_json' ? 'risk_reasons' : c.name))
  const names = stmt.columns().map((c) => c.name)
  const out = fs.createWriteStream(file, { encoding: 'utf8' })
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()))
  await write('\ufeff' + columns.map((c) => csvCell(c, options.delimiter)).join(options.delimiter) + '\r\n')
  const slice = options.sliceRows ?? 5_000
  let rows = 0
  let chunk = ''
  for (const row of stmt.raw(true).iterate() as IterableIterator<unknown[]>) {
    chunk +=
      row
        .map((v, i) => csvCell(formatValue(names[i] as string, v, options.delimiter), options.delimiter))
        .join(options.delimiter) + '\r\n'
    rows++
    if (rows % slice === 0) {
      await write(chunk)
      chunk = ''
      options.onProgress?.(rows)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await write(chunk)
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  )
  options.onProgress?.(rows)
  return rows
}
