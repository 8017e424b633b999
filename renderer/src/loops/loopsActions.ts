import type { RequestOf } from '../../../shared/ipc/contract'
import { openCustomer, toFailure } from '../actions'
import { call } from '../api/transport'
import { useLoopdeskStore } from '../store'
import { useLoopsStore } from './loopsStore'

/** Notifications are polled: headless mode has no push channel. */
export const NOTIFICATION_POLL_MS = 30_000

const loops = () => useLoopsStore.getState()

export async function refreshNotifications(): Promise<void> {
  try {
    const { items, unread } = await call('notifications.list', { limit: 50 })
    loops().setNotifications(items, unread)
  } catch {
    // The bell is a convenience: the next poll tries again, and the footer reports a lost core.
  }
}

export async function loadUsers(): Promise<void> {
  try {
    loops().setUsers(await call('users.list', {}))
  } catch {
    loops().setUsers([])
  }
}

export async function loadSession(): Promise<void> {
  try {
    loops().setSession(await call('session.current', {}))
  } catch (err) {
    loops().setSession(null, toFailure(err))
  }
}

/** Signs this tab in as another user; every loop view reloads for the new role. Throws on refusal. */
export async function signIn(request: RequestOf<'session.signIn'>): Promise<void> {
  const session = await call('session.signIn', request)
  loops().setSession(session)
  loops().setOpenLoop(null)
  loops().bumpRevision()
  // A new local user joins the list; the bell shows the new user's notifications.
  await Promise.all([loadUsers(), refreshNotifications()])
}

/** After a change made here: lists, drawer and bell load again. */
export function afterLoopChange(): void {
  loops().bumpRevision()
  void refreshNotifications()
}

export async function markNotificationsRead(ids?: number[]): Promise<void> {
  const { unread } = await call('notifications.markRead', ids ? { ids } : {})
  const readIds = ids ? new Set(ids) : null
  loops().setNotifications(
    loops().notifications.map((n) => (readIds === null || readIds.has(n.id) ? { ...n, read: true } : n)),
    unread,
  )
}

export function openLoop(id: number): void {
  loops().setOpenLoop(id)
}

export function closeLoop(): void {
  loops().setOpenLoop(null)
}

/** Shows the loop's customer card in the call view (the drawer stays open beside it). */
export function openLoopCustomer(customerId: number, customerNo: string): void {
  useLoopdeskStore.getState().setQuery(customerNo)
  void openCustomer(customerId, customerNo)
}

let booted = false

/** Once per page: who is signed in, the user list, and the notification poll. */
export function bootLoops(): () => void {
  if (!booted) {
    booted = true
    void loadSession()
    void loadUsers()
  }
  void refreshNotifications()
  const timer = window.setInterval(() => void refreshNotifications(), NOTIFICATION_POLL_MS)
  return () => window.clearInterval(timer)
}
