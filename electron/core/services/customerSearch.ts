import type { DB } from '../db/connection'

/**
 * Turns what an agent types into an FTS5 query: every word must match as a prefix.
 * Tokens are split the way the index tokenizer splits them, and each is quoted so that
 * user input can never inject FTS syntax (NEAR, OR, column filters, unbalanced quotes).
 */
export function toFtsQuery(input: string): string | null {
  const tokens = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._]+/u)
    .map((t) => t.replace(/^[._]+|[._]+$/g, ''))
    .filter((t) => t.length > 0)
    .slice(0, 8)
  if (tokens.length === 0) return null
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ')
}

export function createCustomerSearch(db: DB) {
  const searchStmt = db.prepare<[string, number], { id: number }>(
    `SELECT rowid AS id FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rank LIMIT ?`,
  )
  const deleteStmt = db.prepare<[number]>(`DELETE FROM customers_fts WHERE rowid = ?`)
  const insertStmt = db.prepare<[number]>(
    `INSERT INTO customers_fts(rowid, display_name, company, customer_no, email)
     SELECT c.id, c.display_name, coalesce(c.company, ''), c.customer_no,
            coalesce((SELECT group_concat(value, ' ') FROM contact_points p
                       WHERE p.customer_id = c.id AND p.kind = 'email'), '')
       FROM customers c WHERE c.id = ?`,
  )
  return {
    search(input: string, limit: number): number[] {
      const q = toFtsQuery(input)
      if (!q) return []
      return searchStmt.all(q, limit).map((r) => r.id)
    },
    /** Re-indexes one customer after its name, company or e-mails changed. */
    reindex(customerId: number): void {
      deleteStmt.run(customerId)
      insertStmt.run(customerId)
    },
  }
}
