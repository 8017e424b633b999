import type { DB } from '../db/connection'
import { DUE_SOON_MS } from '../../../shared/domain/sla'

export type NotificationKind = 'loop_assigned' | 'loop_reopened' | 'sla_due_soon' | 'sla_breached'

/** In-app notifications: stored when a loop is assigned or reopened; SLA warnings by a sweep. */
export function createNotifications(db: DB) {
  const insert = db.prepare<[number, NotificationKind, number, number]>(
    `INSERT OR IGNORE INTO notifications (user_id, kind, loop_id, at) VALUES (?, ?, ?, ?)`,
  )
  // [[userId, loopId], ...] in one statement (bulk assignments).
  const insertMany = db.prepare<[NotificationKind, number, string]>(
    `INSERT OR IGNORE INTO notifications (user_id, kind, loop_id, at)
     SELECT value ->> 0, ?, value ->> 1, ? FROM json_each(?) ORDER BY key`,
  )
  // Open loops of an assignee that are due within the warning window and not yet told to the customer.
  const sweepDueSoon = db.prepare<[number, number, number]>(
    `INSERT OR IGNORE INTO notifications (user_id, kind, loop_id, at)
     SELECT l.assignee_id, 'sla_due_soon', l.id, ?
       FROM loops l
      WHERE l.state NOT IN ('resolved', 'cancelled') AND l.due_at >= ? AND l.due_at <= ?
        AND l.assignee_id IS NOT NULL AND l.informed_at IS NULL`,
  )
  // Nobody owns an unassigned loop yet, so its SLA warnings go to the team leads who assign it.
  const sweepUnassigned = db.prepare<[number, number, number, number]>(
    `INSERT OR IGNORE INTO notifications (user_id, kind, loop_id, at)
     SELECT u.id, CASE WHEN l.due_at < ? THEN 'sla_breached' ELSE 'sla_due_soon' END, l.id, ?
       FROM loops l JOIN users u ON u.role = 'team_lead' AND u.active = 1
      WHERE l.state NOT IN ('resolved', 'cancelled') AND l.due_at >= ? AND l.due_at <= ?
        AND +l.assignee_id IS NULL AND l.informed_at IS NULL`,
  )
  // Only fresh breaches (within a day) notify: years-old backlogs would bury the list.
  const sweepBreached = db.prepare<[number, number, number]>(
    `INSERT OR IGNORE INTO notifications (user_id, kind, loop_id, at)
     SELECT l.assignee_id, 'sla_breached', l.id, ?
       FROM loops l
      WHERE l.state NOT IN ('resolved', 'cancelled') AND l.due_at >= ? AND l.due_at < ?
        AND l.assignee_id IS NOT NULL AND l.informed_at IS NULL`,
  )
  const list = db.prepare<
    [number, number, number],
    {
      id: number
      kind: NotificationKind
      loop_id: number
      title: string
      customer_name: string
      at: number
      read_at: number | null
    }
  >(
    `SELECT n.id, n.kind, n.loop_id, l.title, c.display_name AS customer_name, n.at, n.read_at
       FROM notifications n JOIN loops l ON l.id = n.loop_id JOIN customers c ON c.id = l.customer_id
      WHERE n.user_id = ? AND (? = 0 OR n.read_at IS NULL)
      ORDER BY n.at DESC, n.id DESC LIMIT ?`,
  )
  const unread = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL`,
  )
  const readAll = db.prepare<[number, number]>(
    `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`,
  )
  const readOne = db.prepare<[number, number, number]>(
    `UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`,
  )
  return {
    add(userId: number, kind: NotificationKind, loopId: number, at: number): void {
      insert.run(userId, kind, loopId, at)
    },
    addMany(
      kind: NotificationKind,
      targets: ReadonlyArray<readonly [userId: number, loopId: number]>,
      at: number,
    ) {
      insertMany.run(kind, at, JSON.stringify(targets))
    },
    sweep(now: number): void {
      db.transaction(() => {
        sweepDueSoon.run(now, now, now + DUE_SOON_MS)
        sweepBreached.run(now, now - 86_400_000, now)
        sweepUnassigned.run(now, now, now - 86_400_000, now + DUE_SOON_MS)
      }).immediate()
    },
    list(userId: number, unreadOnly: boolean, limit: number, now: number) {
      this.sweep(now)
      return {
        unread: unread.get(userId)?.n ?? 0,
        items: list.all(userId, unreadOnly ? 1 : 0, limit).map((n) => ({
          id: n.id,
          kind: n.kind,
          loopId: n.loop_id,
          loopTitle: n.title,
          customerName: n.customer_name,
          at: n.at,
          read: n.read_at !== null,
        })),
      }
    },
    markRead(userId: number, ids: number[] | undefined, now: number) {
      db.transaction(() => {
        if (ids === undefined) readAll.run(now, userId)
        else for (const id of ids) readOne.run(now, id, userId)
      })()
      return { unread: unread.get(userId)?.n ?? 0 }
    },
  }
}
