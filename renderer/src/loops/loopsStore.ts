import { create } from 'zustand'
import type { ResponseOf } from '../../../shared/ipc/contract'
import type { Permission } from '../../../shared/domain/loopLifecycle'
import type { LookupFailure } from '../store'

export type Session = ResponseOf<'session.current'>
export type LoopUser = ResponseOf<'users.list'>[number]
export type LoopNotification = ResponseOf<'notifications.list'>['items'][number]
export type LoopRow = ResponseOf<'loops.queue'>['rows'][number]
export type LoopDetail = ResponseOf<'loops.get'>

export interface LoopsState {
  /** Who this browser tab acts as, with what the role may do (null until the core answered). */
  session: Session | null
  sessionError: LookupFailure | null
  users: LoopUser[]
  notifications: LoopNotification[]
  unread: number
  /** The loop shown in the detail drawer. */
  openLoopId: number | null
  /** Bumped after every change this tab made, so lists and the drawer load again. */
  revision: number

  setSession(session: Session | null, error?: LookupFailure | null): void
  setUsers(users: LoopUser[]): void
  setNotifications(items: LoopNotification[], unread: number): void
  setOpenLoop(id: number | null): void
  bumpRevision(): void
}

export const useLoopsStore = create<LoopsState>()((set) => ({
  session: null,
  sessionError: null,
  users: [],
  notifications: [],
  unread: 0,
  openLoopId: null,
  revision: 0,

  setSession: (session, error = null) => set({ session, sessionError: error }),
  setUsers: (users) => set({ users }),
  setNotifications: (notifications, unread) => set({ notifications, unread }),
  setOpenLoop: (openLoopId) => set({ openLoopId }),
  bumpRevision: () => set((s) => ({ revision: s.revision + 1 })),
}))

/** True when the signed-in role has the permission (the core checks again; this only hides controls). */
export function useCan(permission: Permission): boolean {
  return useLoopsStore((s) => s.session?.permissions.includes(permission) ?? false)
}

/** Width of the loop drawer; the main content keeps this much room free while it is open. */
export const LOOP_DRAWER_WIDTH = 460

/** Right margin for the main content so the open drawer does not cover the card beside it. */
export function useLoopDrawerInset(): number {
  return useLoopsStore((s) => (s.openLoopId === null ? 0 : LOOP_DRAWER_WIDTH))
}
