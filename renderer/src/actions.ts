import i18n from 'i18next'
import { looksLikePhone } from '../../shared/domain/phone'
import type { AppEvent } from '../../shared/ipc/contract'
import type { NewCustomer } from '../../shared/ipc/types'
import { ApiCallError, api, call, initialCallFromUrl } from './api/transport'
import { useLoopdeskStore, type LookupFailure } from './store'
import {
  HISTORY_LIMIT,
  primeCustomerExtras,
  startCallForUnknownCaller,
  startCallFromScreenPop,
} from './components/call/callActions'
import { markLookupStart } from './components/call/perfMarks'
import { reasonText } from './loops/reasonText'

export const SUGGEST_DEBOUNCE_MS = 150
export const SUGGEST_LIMIT = 8
export const SUGGEST_MIN_CHARS = 2

const store = () => useLoopdeskStore.getState()

/** Turns anything thrown into the failure shape the UI shows. */
export function toFailure(err: unknown): LookupFailure {
  if (err instanceof ApiCallError)
    return {
      code: err.code,
      message: reasonText(i18n, err.reason, err.params, err.message),
      issues: err.issues,
      reason: err.reason,
    }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), issues: [] }
}

// Only the newest lookup may change what is on screen: an agent typing fast, or a call arriving
// while an older lookup is still running, must never see a stale answer overwrite a fresh one.
let lookupSeq = 0

/** Runs screenPop.lookup for a query (Enter in the search box, incoming call, recent entry). */
export async function runLookup(rawQuery: string): Promise<void> {
  const query = rawQuery.trim()
  if (query === '') return
  const seq = ++lookupSeq
  cancelSuggestions()
  store().startLookup(query)
  markLookupStart()
  try {
    const { result, context, history } = await call('calls.screenPop', { query, historyLimit: HISTORY_LIMIT })
    if (seq !== lookupSeq) return
    switch (result.kind) {
      case 'match':
        // Context and history first, in the same task as the card: React renders the card once,
        // complete, instead of again after a second request.
        if (context && history) primeCustomerExtras(result.card, context, history)
        store().showCard(result.card, result.matchedBy, query)
        // A screen pop starts the call session (or continues it for the same caller).
        void startCallFromScreenPop(result.card.customer.id, query)
        break
      case 'multiple':
        store().showCandidates(result.candidates, result.matchedBy, query)
        break
      case 'unknown':
        store().showUnknown({ query: result.query || query, normalizedPhone: result.normalizedPhone })
        // A ringing number nobody knows is still a call; a typo in the search box is not.
        if (store().incomingCall === query) void startCallForUnknownCaller(query)
        break
    }
  } catch (err) {
    if (seq === lookupSeq) store().showError(toFailure(err), query)
  }
}

/** Opens one customer by id (a suggestion, a candidate, a recent entry). */
export async function openCustomer(id: number, label: string): Promise<void> {
  const seq = ++lookupSeq
  cancelSuggestions()
  store().startLookup(label)
  try {
    const card = await call('customers.get', { id })
    if (seq !== lookupSeq) return
    store().showCard(card, null, label)
  } catch (err) {
    if (seq === lookupSeq) store().showError(toFailure(err), label)
  }
}

/** Creates a customer; on success shows the new card. Throws ApiCallError so the form can show issues. */
export async function createCustomer(input: NewCustomer): Promise<void> {
  const card = await call('customers.create', input)
  ++lookupSeq
  store().showCard(card, null, card.customer.customerNo, true)
  store().setQuery(card.customer.customerNo)
  // The caller was just created: their call starts (or the unknown caller's call is attached).
  void startCallFromScreenPop(card.customer.id, input.phone)
  // The footer's customer count changed.
  void loadAppInfo()
}

// ---------------------------------------------------------------------------------------------
// Type-ahead
// ---------------------------------------------------------------------------------------------

let suggestTimer: ReturnType<typeof setTimeout> | null = null
let suggestSeq = 0

export function wantsSuggestions(text: string): boolean {
  const q = text.trim()
  return q.length >= SUGGEST_MIN_CHARS && !looksLikePhone(q)
}

function cancelSuggestions(): void {
  if (suggestTimer !== null) clearTimeout(suggestTimer)
  suggestTimer = null
  ++suggestSeq
  store().setSuggestions([])
}

/** Called on every keystroke: debounces customers.search for name/e-mail/customer-number input. */
export function scheduleSuggestions(text: string): void {
  if (suggestTimer !== null) clearTimeout(suggestTimer)
  suggestTimer = null
  const seq = ++suggestSeq
  if (!wantsSuggestions(text)) {
    store().setSuggestions([])
    return
  }
  store().setSuggestionsLoading(true)
  suggestTimer = setTimeout(() => {
    suggestTimer = null
    call('customers.search', { query: text.trim(), limit: SUGGEST_LIMIT })
      .then((suggestions) => {
        if (seq === suggestSeq) store().setSuggestions(suggestions)
      })
      .catch(() => {
        // Suggestions are a convenience: a failure here must not disturb the lookup on screen.
        if (seq === suggestSeq) store().setSuggestions([])
      })
  }, SUGGEST_DEBOUNCE_MS)
}

// ---------------------------------------------------------------------------------------------
// Start-up and incoming calls
// ---------------------------------------------------------------------------------------------

/** A call rings: put the number into the search box and look it up. */
export function handleIncomingCall(number: string): void {
  const trimmed = number.trim()
  if (trimmed === '') return
  store().setIncomingCall(trimmed)
  store().setQuery(trimmed)
  void runLookup(trimmed)
}

export async function loadAppInfo(): Promise<void> {
  try {
    store().setAppInfo(await call('app.info', {}))
  } catch (err) {
    store().setAppInfo(null, toFailure(err))
  }
}

let booted = false

/** Once per page: app info, a call handed over at launch, and the push channel for new calls. */
export function boot(): () => void {
  const unsubscribe = api.onEvent((event: AppEvent) => {
    if (event.type === 'call.incoming') handleIncomingCall(event.number)
  })
  if (!booted) {
    booted = true
    void loadAppInfo()
    const fromUrl = initialCallFromUrl()
    if (fromUrl) {
      handleIncomingCall(fromUrl)
    } else {
      call('calls.takePending', {})
        .then((pending) => {
          if (pending?.number) handleIncomingCall(pending.number)
        })
        .catch(() => {
          // Nothing pending, or the core is unreachable (the footer already says so).
        })
    }
  }
  return unsubscribe
}

// ---------------------------------------------------------------------------------------------
// During the call: offer outcomes and survey answers
// ---------------------------------------------------------------------------------------------

export type OfferOutcome = 'presented' | 'accepted' | 'declined'

/** Records what happened to an offer; the suggestions on the card are replaced with the fresh ranking. */
export async function recordOfferOutcome(
  customerId: number,
  offerId: number,
  outcome: OfferOutcome,
): Promise<void> {
  const offers = await call('offers.record', { customerId, offerId, outcome })
  store().replaceOffers(customerId, offers)
}

export interface SurveyAnswer {
  customerId: number
  nps: number | null
  /** 0-10 answer to the purchase-intent question */
  intent: number | null
  comment: string
}

/** Saves the answers given on the phone; the card is replaced with the returned one (segment, risk, offers). */
export async function recordSurveyAnswer(answer: SurveyAnswer): Promise<void> {
  const comment = answer.comment.trim()
  const card = await call('feedback.record', {
    customerId: answer.customerId,
    channel: 'call',
    ...(answer.nps !== null ? { nps: answer.nps } : {}),
    ...(answer.intent !== null ? { intentRaw: answer.intent, intentScale: '0-10' as const } : {}),
    ...(comment !== '' ? { comment } : {}),
  })
  store().replaceCard(card)
}

/** Opens a customer from the watchlist in the call view. */
export function openFromWatchlist(id: number, customerNo: string): void {
  // The row that was clicked is about to be hidden: let focus fall back, so the card takes it.
  const active = document.activeElement
  if (active instanceof HTMLElement) active.blur()
  store().setQuery(customerNo)
  void openCustomer(id, customerNo)
}
