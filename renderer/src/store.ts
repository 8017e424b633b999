import { create } from 'zustand'
import type { ErrorCode } from '../../shared/ipc/contract'
import type { AppInfo, CustomerCard, CustomerSummary, ScreenPopResult } from '../../shared/ipc/types'

export type View = 'call' | 'watchlist' | 'import' | 'loops' | 'dashboard'

export type LookupStatus = 'idle' | 'loading' | 'match' | 'multiple' | 'unknown' | 'error'

export type MatchedBy = Extract<ScreenPopResult, { kind: 'match' }>['matchedBy']

export interface LookupFailure {
  code: ErrorCode
  /** Shown to the user: the translation of the reason when there is one, else the core's message. */
  message: string
  issues: string[]
  reason?: string | undefined
}

export interface UnknownCaller {
  query: string
  normalizedPhone: string | null
}

export interface RecentLookup {
  /** What was searched (or the customer number when a customer was opened directly). */
  query: string
  /** Shown in the list: the customer's name for a match, else the query. */
  label: string
  outcome: Exclude<LookupStatus, 'idle' | 'loading'>
  customerId: number | null
  at: number
}

const MAX_RECENT = 8

export interface LoopdeskState {
  /** Top-level view: the screen pop ("Anruf"), the watchlist with its reports, or the import. */
  view: View
  /** Text in the search box. */
  query: string
  status: LookupStatus
  /** The query the current result belongs to. */
  lookedUp: string | null
  card: CustomerCard | null
  matchedBy: MatchedBy | null
  candidates: CustomerSummary[]
  unknown: UnknownCaller | null
  suggestions: CustomerSummary[]
  suggestionsLoading: boolean
  error: LookupFailure | null
  recent: RecentLookup[]
  /** The caller-id of the call currently ringing / just taken. */
  incomingCall: string | null
  appInfo: AppInfo | null
  appInfoError: LookupFailure | null
  /** True right after customers.create produced the card on display. */
  justCreated: boolean

  setQuery(query: string): void
  setSuggestions(suggestions: CustomerSummary[], loading?: boolean): void
  setSuggestionsLoading(loading: boolean): void
  startLookup(query: string): void
  showCard(card: CustomerCard, matchedBy: MatchedBy | null, query: string, created?: boolean): void
  showCandidates(candidates: CustomerSummary[], matchedBy: MatchedBy, query: string): void
  showUnknown(unknown: UnknownCaller): void
  showError(error: LookupFailure, query: string | null): void
  setIncomingCall(number: string | null): void
  setAppInfo(info: AppInfo | null, error?: LookupFailure | null): void
  setView(view: View): void
  /** Swaps in a fresher card of the customer on display (after an answer was recorded). */
  replaceCard(card: CustomerCard): void
  /** Swaps in fresh offer suggestions for the customer on display (after an outcome was recorded). */
  replaceOffers(customerId: number, offers: CustomerCard['offers']): void
}

function remember(recent: RecentLookup[], entry: Omit<RecentLookup, 'at'>): RecentLookup[] {
  const key = (r: Omit<RecentLookup, 'at'>) =>
    r.customerId !== null ? `id:${r.customerId}` : `q:${r.query.trim()}`
  const k = key(entry)
  return [{ ...entry, at: Date.now() }, ...recent.filter((r) => key(r) !== k)].slice(0, MAX_RECENT)
}

export const useLoopdeskStore = create<LoopdeskState>()((set) => ({
  view: 'call',
  query: '',
  status: 'idle',
  lookedUp: null,
  card: null,
  matchedBy: null,
  candidates: [],
  unknown: null,
  suggestions: [],
  suggestionsLoading: false,
  error: null,
  recent: [],
  incomingCall: null,
  appInfo: null,
  appInfoError: null,
  justCreated: false,

  setQuery: (query) => set({ query }),
  setSuggestions: (suggestions, loading = false) => set({ suggestions, suggestionsLoading: loading }),
  setSuggestionsLoading: (suggestionsLoading) => set({ suggestionsLoading }),

  // A lookup always shows its answer: it switches to the call view.
  startLookup: (query) =>
    set({ view: 'call', status: 'loading', lookedUp: query, error: null, justCreated: false }),

  showCard: (card, matchedBy, query, created = false) =>
    set((s) => ({
      status: 'match',
      lookedUp: query,
      card,
      matchedBy,
      candidates: [],
      unknown: null,
      error: null,
      justCreated: created,
      recent: remember(s.recent, {
        query,
        label: `${card.customer.displayName} (${card.customer.customerNo})`,
        outcome: 'match',
        customerId: card.customer.id,
      }),
    })),

  showCandidates: (candidates, matchedBy, query) =>
    set((s) => ({
      status: 'multiple',
      lookedUp: query,
      card: null,
      matchedBy,
      candidates,
      unknown: null,
      error: null,
      justCreated: false,
      recent: remember(s.recent, { query, label: query, outcome: 'multiple', customerId: null }),
    })),

  showUnknown: (unknown) =>
    set((s) => ({
      status: 'unknown',
      lookedUp: unknown.query,
      card: null,
      matchedBy: null,
      candidates: [],
      unknown,
      error: null,
      justCreated: false,
      recent: remember(s.recent, {
        query: unknown.query,
        label: unknown.query,
        outcome: 'unknown',
        customerId: null,
      }),
    })),

  showError: (error, query) =>
    set({
      status: 'error',
      lookedUp: query,
      card: null,
      matchedBy: null,
      candidates: [],
      unknown: null,
      error,
      justCreated: false,
    }),

  setIncomingCall: (incomingCall) => set({ incomingCall }),
  setAppInfo: (appInfo, appInfoError = null) => set({ appInfo, appInfoError }),
  setView: (view) => set({ view }),
  replaceCard: (card) =>
    set((s) =>
      s.status === 'match' && s.card?.customer.id === card.customer.id ? { card, justCreated: false } : {},
    ),
  replaceOffers: (customerId, offers) =>
    set((s) =>
      s.status === 'match' && s.card?.customer.id === customerId ? { card: { ...s.card, offers } } : {},
    ),
}))
