import type { DB } from '../db/connection'
import { DUE_SOON_MS } from '../../../shared/domain/sla'
import type { createSettings } from '../settings'

interface AgentRow {
  id: number
  name: string
  languages: string
  team: string | null
  open: number
}

export interface Agent {
  id: number
  name: string
  languages: string[]
  team: string | null
  open: number
}

const ROUND_ROBIN_KEY = 'loops.roundRobin.lastUserId'

/** Who gets a loop: round-robin, by language skill (least loaded speaker), or by current workload. */
export function createAssignment(db: DB, settings: ReturnType<typeof createSettings>) {
  const agents = db.prepare<[string | null, string | null], AgentRow>(
    `SELECT u.id, u.name, u.languages, u.team,
            (SELECT count(*) FROM loops l WHERE l.assignee_id = u.id AND l.state NOT IN ('resolved', 'cancelled')) AS open
       FROM users u
      WHERE u.active = 1 AND u.role = 'agent' AND (? IS NULL OR u.team = ?)
      ORDER BY u.id`,
  )
  const workloadRows = db.prepare<
    [number, number, number, number, string | null, string | null],
    {
      id: number
      name: string
      team: string | null
      languages: string
      open: number
      due_soon: number
      breached: number
      resolved7: number
    }
  >(
    `SELECT u.id, u.name, u.team, u.languages,
            count(CASE WHEN l.state NOT IN ('resolved', 'cancelled') THEN 1 END) AS open,
            count(CASE WHEN l.state NOT IN ('resolved', 'cancelled') AND l.informed_at IS NULL
                        AND l.due_at >= ? AND l.due_at <= ? THEN 1 END) AS due_soon,
            count(CASE WHEN l.state NOT IN ('resolved', 'cancelled') AND l.informed_at IS NULL
                        AND l.due_at < ? THEN 1 END) AS breached,
            count(CASE WHEN l.state = 'resolved' AND l.resolved_at >= ? THEN 1 END) AS resolved7
       FROM users u LEFT JOIN loops l ON l.assignee_id = u.id
      WHERE u.active = 1 AND u.role = 'agent' AND (? IS NULL OR u.team = ?)
      GROUP BY u.id ORDER BY u.team, u.name`,
  )
  const lastHandler = db.prepare<[number], { user_id: number }>(
    `SELECT i.user_id FROM interactions i JOIN users u ON u.id = i.user_id
      WHERE i.customer_id = ? AND u.active = 1 AND u.role = 'agent' AND i.user_id IS NOT NULL
      ORDER BY i.started_at DESC LIMIT 1`,
  )
  const lastAssignee = db.prepare<[number], { assignee_id: number }>(
    `SELECT l.assignee_id FROM loops l JOIN users u ON u.id = l.assignee_id
      WHERE l.customer_id = ? AND u.active = 1 AND u.role = 'agent'
      ORDER BY l.created_at DESC LIMIT 1`,
  )
  const customerLanguage = db.prepare<[number], { language: string }>(
    `SELECT language FROM customers WHERE id = ?`,
  )

  const load = (team?: string): Agent[] =>
    agents
      .all(team ?? null, team ?? null)
      .map((a) => ({ ...a, languages: a.languages.split(',').filter(Boolean) }))

  const leastLoaded = (pool: Agent[]): Agent | null =>
    pool.reduce<Agent | null>((best, a) => (best === null || a.open < best.open ? a : best), null)

  return {
    picker(strategy: 'round_robin' | 'language' | 'workload', team: string | undefined) {
      const pool = load(team)
      const last = Number(settings.readJson(ROUND_ROBIN_KEY))
      let cursor = Math.max(0, pool.findIndex((a) => a.id === last) + 1)
      let lastPicked: Agent | null = null
      return {
        pick(language: string): Agent | null {
          let chosen: Agent | null = null
          if (strategy === 'round_robin') {
            chosen = pool.length ? (pool[cursor % pool.length] as Agent) : null
            cursor++
          } else if (strategy === 'language') {
            chosen = leastLoaded(pool.filter((a) => a.languages.includes(language)))
          } else chosen = leastLoaded(pool)
          if (chosen) {
            chosen.open++
            lastPicked = chosen
          }
          return chosen
        },
        finish(): void {
          if (strategy === 'round_robin' && lastPicked) settings.writeJson(ROUND_ROBIN_KEY, lastPicked.id)
        },
      }
    },
    workload(now: number, team?: string) {
      return workloadRows
        .all(now, now + DUE_SOON_MS, now, now - 7 * 86_400_000, team ?? null, team ?? null)
        .map((r) => ({
          userId: r.id,
          name: r.name,
          team: r.team,
          languages: r.languages.split(',').filter(Boolean),
          open: r.open,
          dueSoon: r.due_soon,
          breached: r.breached,
          resolvedLast7Days: r.resolved7,
        }))
    },
    /** The agent who last handled this customer if they speak the language, else the least-loaded speaker. */
    suggest(customerId: number): {
      agent: Agent | null
      reason: 'last_contact' | 'language_workload' | 'none'
    } {
      const language = customerLanguage.get(customerId)?.language ?? 'de'
      const pool = load()
      const known = lastHandler.get(customerId)?.user_id ?? lastAssignee.get(customerId)?.assignee_id
      const previous = pool.find((a) => a.id === known && a.languages.includes(language))
      if (previous) return { agent: previous, reason: 'last_contact' }
      const speaker = leastLoaded(pool.filter((a) => a.languages.includes(language)))
      return speaker ? { agent: speaker, reason: 'language_workload' } : { agent: null, reason: 'none' }
    },
  }
}
