import { create } from 'zustand'
import type { CallContext, CallSession, HistoryEntry } from '../../../../shared/ipc/callsContract'

/** A save in flight or just done, shown next to the call timer ("Gespeichert 14:02"). */
export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; message: string }

/** Dialogs and overlays of the call workspace, opened by button or shortcut. */
export type CallDialog = 'none' | 'wrapUp' | 'followUp' | 'shortcuts'

export interface CallState {
  /** The call in progress (or just ended, until the next screen pop). */
  session: CallSession | null
  /** Extras for the customer on display: comment analysis, trends, tickets. */
  context: CallContext | null
  history: HistoryEntry[]
  historyFor: number | null
  historyLoading: boolean
  recentCalls: CallSession[]
  save: SaveState
  dialog: CallDialog
  /** Bumped to ask a field to take focus (keyboard shortcuts). */
  focusRequest: { target: 'note' | 'answers' | 'history' | 'risk'; seq: number } | null

  setSession(session: CallSession | null): void
  setContext(context: CallContext | null): void
  setHistory(customerId: number, history: HistoryEntry[]): void
  setHistoryLoading(customerId: number): void
  setRecentCalls(calls: CallSession[]): void
  setSave(save: SaveState): void
  openDialog(dialog: CallDialog): void
  requestFocus(target: 'note' | 'answers' | 'history' | 'risk'): void
}

export const useCallStore = create<CallState>()((set) => ({
  session: null,
  context: null,
  history: [],
  historyFor: null,
  historyLoading: false,
  recentCalls: [],
  save: { kind: 'idle' },
  dialog: 'none',
  focusRequest: null,

  setSession: (session) => set({ session }),
  setContext: (context) => set({ context }),
  setHistory: (customerId, history) => set({ history, historyFor: customerId, historyLoading: false }),
  setHistoryLoading: (customerId) =>
    set((s) =>
      s.historyFor === customerId
        ? { historyLoading: true }
        : { historyLoading: true, history: [], historyFor: customerId },
    ),
  setRecentCalls: (recentCalls) => set({ recentCalls }),
  setSave: (save) => set({ save }),
  openDialog: (dialog) => set({ dialog }),
  requestFocus: (target) => set((s) => ({ focusRequest: { target, seq: (s.focusRequest?.seq ?? 0) + 1 } })),
}))
