import type { DB } from '../db/connection'
import { AppError, refusal } from '../errors'
import { can, permissionsOf, type Permission, type RoleName } from '../../../shared/domain/loopLifecycle'
import type { RequestContext } from '../dispatch'

export interface User {
  id: number
  name: string
  role: RoleName
  languages: string[]
  team: string | null
}

interface UserRow {
  id: number
  name: string
  role: RoleName
  languages: string
  team: string | null
}

const LAST_USER = 'session.lastUserId'

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    languages: row.languages.split(',').filter(Boolean),
    team: row.team,
  }
}

/**
 * Single-seat sign-in: a window or browser tab picks a user by name and role, no password. A
 * session that has not signed in acts as the last user signed in on this machine (as a desktop app
 * remembers its user), or the first agent. Every permission check in the core goes through here.
 */
export function createSessions(db: DB) {
  const byId = db.prepare<[number], UserRow>(
    `SELECT id, name, role, languages, team FROM users WHERE id = ? AND active = 1`,
  )
  const byName = db.prepare<[string], UserRow>(
    `SELECT id, name, role, languages, team FROM users WHERE lower(name) = lower(?) AND active = 1`,
  )
  const all = db.prepare<[], UserRow>(
    `SELECT id, name, role, languages, team FROM users WHERE active = 1 ORDER BY role, name`,
  )
  const firstAgent = db.prepare<[], UserRow>(
    `SELECT id, name, role, languages, team FROM users WHERE active = 1 ORDER BY role = 'agent' DESC, id LIMIT 1`,
  )
  const insert = db.prepare<[string, string, string]>(
    `INSERT INTO users (name, role, languages) VALUES (?, ?, ?)`,
  )
  const getSetting = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`)
  const putSetting = db.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  )
  const signedIn = new Map<string, number>()

  function fallbackUser(): User {
    const last = Number(getSetting.get(LAST_USER)?.value)
    const row = (Number.isInteger(last) && last > 0 ? byId.get(last) : undefined) ?? firstAgent.get()
    if (!row) throw new AppError('UNAUTHORIZED', 'No user exists yet: sign in with a name and role first')
    return toUser(row)
  }

  function remember(context: RequestContext, user: User): User {
    signedIn.set(context.session, user.id)
    putSetting.run(LAST_USER, String(user.id))
    return user
  }

  return {
    /** The user acting for this request. */
    actor(context: RequestContext): User {
      const id = signedIn.get(context.session)
      if (id !== undefined) {
        const row = byId.get(id)
        if (row) return toUser(row)
        signedIn.delete(context.session)
      }
      return fallbackUser()
    },
    /** The acting user's id for records that name who did something, or null on a database without users. */
    actorId(context: RequestContext): number | null {
      try {
        return this.actor(context).id
      } catch (err) {
        if (err instanceof AppError && err.code === 'UNAUTHORIZED') return null
        throw err
      }
    },
    /** The acting user, refused with FORBIDDEN unless their role has the permission. */
    require(context: RequestContext, permission: Permission): User {
      const user = this.actor(context)
      if (!can(user.role, permission)) {
        throw refusal(
          'FORBIDDEN',
          'loops.permission_missing',
          `${user.name} (${user.role}) may not ${permission.replace('_', ' ')}`,
          { permission },
        )
      }
      return user
    },
    signInById(context: RequestContext, userId: number): User {
      const row = byId.get(userId)
      if (!row) throw new AppError('NOT_FOUND', `User ${userId} not found`)
      return remember(context, toUser(row))
    },
    signInByName(context: RequestContext, name: string, role: RoleName, languages: string[]): User {
      const existing = byName.get(name)
      if (existing) {
        if (existing.role !== role) {
          throw new AppError('CONFLICT', `${existing.name} already exists with the role ${existing.role}`)
        }
        return remember(context, toUser(existing))
      }
      const id = Number(insert.run(name, role, languages.join(',')).lastInsertRowid)
      return remember(context, toUser(byId.get(id) as UserRow))
    },
    user(id: number): User | null {
      const row = byId.get(id)
      return row ? toUser(row) : null
    },
    list(): User[] {
      return all.all().map(toUser)
    },
    permissions(user: User): Permission[] {
      return [...permissionsOf(user.role)]
    },
  }
}

export type Sessions = ReturnType<typeof createSessions>
