import type { DB } from '../db/connection'
import { AppError } from '../errors'
import type { User } from '../loops/sessions'
import { WRAP_UP_CODES, type CallSession, type WrapUpCode } from '../../../shared/ipc/callsContract'

interface InteractionRow {
  id: number
  customer_id: number | null
  user_id: number | null
  caller_id: string | null
  started_at: number
  ended_at: number | null
  wrap_up: string | null
  customer_no: string | null
  display_name: string | null
}

export interface StartCall {
  customerId?: number
  callerNumber?: string
  direction: 'inbound' | 'outbound'
}

function isWrapUp(value: string | null): value is WrapUpCode {
  return value !== null && (WRAP_UP_CODES as readonly string[]).includes(value)
}

const SELECT_INTERACTION = `SELECT i.id, i.customer_id, i.user_id, i.caller_id, i.started_at, i.ended_at, i.wrap_up,
       c.customer_no, c.display_name
  FROM interactions i LEFT JOIN customers c ON c.id = i.customer_id`

/**
 * Call sessions on the interactions table. Every step (start, note, wrap-up code, end) is its own
 * committed write, so closing the app mid-call keeps everything said so far; the call stays open
 * and `active` hands it back on the next start.
 */
export function createCallService(db: DB, clock: () => number) {
  const byId = db.prepare<[number], InteractionRow>(`${SELECT_INTERACTION} WHERE i.id = ?`)
  const activeOf = db.prepare<[number], InteractionRow>(
    `${SELECT_INTERACTION} WHERE i.user_id = ? AND i.ended_at IS NULL ORDER BY i.started_at DESC, i.id DESC LIMIT 1`,
  )
  const recentOf = db.prepare<[number, number], InteractionRow>(
    `${SELECT_INTERACTION} WHERE i.user_id = ? ORDER BY i.started_at DESC, i.id DESC LIMIT ?`,
  )
  const notesOf = db.prepare<[number], { at: number; text: string }>(
    `SELECT at, json_extract(detail, '$.text') AS text FROM interaction_events
      WHERE interaction_id = ? AND kind = 'note' ORDER BY at, id`,
  )
  const customerExists = db.prepare<[number], { id: number }>(`SELECT id FROM customers WHERE id = ?`)
  const insertInteraction = db.prepare<[number | null, number, string, string | null, number]>(
    `INSERT INTO interactions (customer_id, user_id, channel, direction, caller_id, started_at)
     VALUES (?, ?, 'phone', ?, ?, ?)`,
  )
  const insertEvent = db.prepare<[number, number | null, number, number, string, string]>(
    `INSERT INTO interaction_events (interaction_id, customer_id, at, user_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const setWrapUp = db.prepare<[string, number]>(`UPDATE interactions SET wrap_up = ? WHERE id = ?`)
  const setEnded = db.prepare<[number, string, number]>(
    `UPDATE interactions SET ended_at = ?, wrap_up = ? WHERE id = ?`,
  )
  const endWithoutWrapUp = db.prepare<[number, number]>(`UPDATE interactions SET ended_at = ? WHERE id = ?`)
  const setCustomer = db.prepare<[number, number]>(`UPDATE interactions SET customer_id = ? WHERE id = ?`)
  const setCustomerOnEvents = db.prepare<[number, number]>(
    `UPDATE interaction_events SET customer_id = ? WHERE interaction_id = ?`,
  )

  function toSession(row: InteractionRow): CallSession {
    return {
      id: row.id,
      customerId: row.customer_id,
      customerNo: row.customer_no,
      customerName: row.display_name,
      callerId: row.caller_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      wrapUp: isWrapUp(row.wrap_up) ? row.wrap_up : null,
      notes: notesOf.all(row.id),
    }
  }

  function requireCustomer(customerId: number): void {
    if (!customerExists.get(customerId)) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`)
  }

  /** The call, if it is this user's; a colleague's call is not theirs to change. */
  function own(user: User, id: number): InteractionRow {
    const row = byId.get(id)
    if (!row) throw new AppError('NOT_FOUND', `Call ${id} not found`)
    if (row.user_id !== user.id) throw new AppError('FORBIDDEN', `Call ${id} belongs to another agent`)
    return row
  }

  function ownOpen(user: User, id: number): InteractionRow {
    const row = own(user, id)
    if (row.ended_at !== null) throw new AppError('CONFLICT', `Call ${id} has already ended`)
    return row
  }

  function event(row: InteractionRow, user: User, kind: string, detail: Record<string, unknown>): void {
    insertEvent.run(row.id, row.customer_id, clock(), user.id, kind, JSON.stringify(detail))
  }

  function reload(id: number): CallSession {
    const row = byId.get(id)
    if (!row) throw new AppError('NOT_FOUND', `Call ${id} not found`)
    return toSession(row)
  }

  return {
    /**
     * A screen pop starts a call. An agent has one call at a time: a call still open for the same
     * customer is continued (a reload, a second pop of the same caller); any other open call of
     * theirs is ended without a wrap-up code, so it shows up in the history as unfinished.
     */
    start(user: User, input: StartCall): CallSession {
      if (input.customerId !== undefined) requireCustomer(input.customerId)
      const now = clock()
      const id = db
        .transaction(() => {
          const open = activeOf.get(user.id)
          if (open && input.customerId !== undefined && open.customer_id === input.customerId) return open.id
          if (open) endWithoutWrapUp.run(now, open.id)
          return Number(
            insertInteraction.run(
              input.customerId ?? null,
              user.id,
              input.direction,
              input.callerNumber ?? null,
              now,
            ).lastInsertRowid,
          )
        })
        .immediate()
      return reload(id)
    },

    attach(user: User, id: number, customerId: number): CallSession {
      requireCustomer(customerId)
      db.transaction(() => {
        ownOpen(user, id)
        setCustomer.run(customerId, id)
        setCustomerOnEvents.run(customerId, id)
      }).immediate()
      return reload(id)
    },

    note(user: User, id: number, text: string): CallSession {
      const row = ownOpen(user, id)
      event(row, user, 'note', { text })
      return reload(id)
    },

    setWrapUp(user: User, id: number, code: WrapUpCode): CallSession {
      db.transaction(() => {
        const row = ownOpen(user, id)
        setWrapUp.run(code, id)
        event(row, user, 'wrap_up', { code })
      }).immediate()
      return reload(id)
    },

    end(user: User, id: number, wrapUp: WrapUpCode, note?: string): CallSession {
      db.transaction(() => {
        const row = ownOpen(user, id)
        if (note) event(row, user, 'note', { text: note })
        setEnded.run(clock(), wrapUp, id)
        event(row, user, 'ended', { wrapUp })
      }).immediate()
      return reload(id)
    },

    active(user: User): CallSession | null {
      const row = activeOf.get(user.id)
      return row ? toSession(row) : null
    },

    recent(user: User, limit: number): CallSession[] {
      return recentOf.all(user.id, limit).map(toSession)
    },
  }
}

export type CallService = ReturnType<typeof createCallService>
