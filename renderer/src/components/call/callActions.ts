import type { RequestOf } from '../../../../shared/ipc/contract'
import type { CallContext, HistoryEntry, WrapUpCode } from '../../../../shared/ipc/callsContract'
import type { CustomerCard } from '../../../../shared/ipc/types'
import { looksLikePhone } from '../../../../shared/domain/phone'
import { call } from '../../api/transport'
import { openCustomer, toFailure } from '../../actions'
import { useLoopdeskStore } from '../../store'
import { useCallStore } from './callStore'

const calls = () => useCallStore.getState()
const main = () => useLoopdeskStore.getState()

export const HISTORY_LIMIT = 60
const RECENT_CALLS = 10

/** Runs a write, showing "saving / saved / failed" next to the call timer; rethrows for the form. */
async function saving<T>(work: () => Promise<T>): Promise<T> {
  calls().setSave({ kind: 'saving' })
  try {
    const result = await work()
    calls().setSave({ kind: 'saved', at: Date.now() })
    return result
  } catch (err) {
    calls().setSave({ kind: 'failed', message: toFailure(err).message })
    throw err
  }
}

export async function loadRecentCalls(): Promise<void> {
  try {
    calls().setRecentCalls(await call('calls.recent', { limit: RECENT_CALLS }))
  } catch {
    // The list is a convenience; the call itself is unaffected.
  }
}

let extrasSeq = 0
/** A card whose context and history came with the screen pop: the card sync need not load them. */
let primedCard: CustomerCard | null = null

/** Stores the context and history that arrived with a screen pop, for the card about to be shown. */
export function primeCustomerExtras(card: CustomerCard, context: CallContext, history: HistoryEntry[]): void {
  ++extrasSeq
  primedCard = card
  calls().setContext(context)
  calls().setHistory(card.customer.id, history)
}

/** Comment analysis, trends, tickets and the history of the customer on display. */
export async function loadCustomerExtras(customerId: number): Promise<void> {
  const seq = ++extrasSeq
  calls().setHistoryLoading(customerId)
  const [context, history] = await Promise.allSettled([
    call('calls.context', { customerId }),
    call('customers.history', { customerId, limit: HISTORY_LIMIT }),
  ])
  if (seq !== extrasSeq) return
  calls().setContext(context.status === 'fulfilled' ? context.value : null)
  calls().setHistory(customerId, history.status === 'fulfilled' ? history.value : [])
}

/**
 * A screen pop showed a caller's card: the call starts (or continues, when it is the same caller).
 * The number is kept only when the lookup was a phone number.
 */
export async function startCallFromScreenPop(customerId: number, query: string | undefined): Promise<void> {
  const callerNumber = query && looksLikePhone(query) ? query.trim().slice(0, 64) : undefined
  const current = calls().session
  try {
    const session =
      current && current.endedAt === null && current.customerId === null
        ? await call('calls.attach', { id: current.id, customerId })
        : await call('calls.start', { customerId, ...(callerNumber ? { callerNumber } : {}) })
    calls().setSession(session)
    void loadRecentCalls()
  } catch (err) {
    calls().setSave({ kind: 'failed', message: toFailure(err).message })
  }
}

/** An unknown number rang: the call starts without a customer; creating one attaches it. */
export async function startCallForUnknownCaller(number: string): Promise<void> {
  try {
    calls().setSession(await call('calls.start', { callerNumber: number.trim().slice(0, 64) }))
    void loadRecentCalls()
  } catch (err) {
    calls().setSave({ kind: 'failed', message: toFailure(err).message })
  }
}

/** The customer on display without a call (opened from the watchlist or the recent list): call them. */
export async function startOutboundCall(customerId: number): Promise<void> {
  await saving(async () => {
    calls().setSession(await call('calls.start', { customerId, direction: 'outbound' }))
  })
  void loadRecentCalls()
}

function openSession(): { id: number; customerId: number | null } {
  const session = calls().session
  if (!session || session.endedAt !== null) throw new Error('no call in progress')
  return session
}

function refreshHistory(): void {
  const id = main().card?.customer.id
  if (id !== undefined) void loadCustomerExtras(id)
}

export async function addCallNote(text: string): Promise<void> {
  const session = openSession()
  await saving(async () =>
    calls().setSession(await call('calls.event', { id: session.id, kind: 'note', text })),
  )
  refreshHistory()
}

/** The wrap-up code is saved the moment it is chosen, before the call ends. */
export async function setWrapUpCode(code: WrapUpCode): Promise<void> {
  const session = openSession()
  await saving(async () =>
    calls().setSession(await call('calls.event', { id: session.id, kind: 'wrap_up', code })),
  )
}

export async function endCall(wrapUp: WrapUpCode, note: string): Promise<void> {
  const session = openSession()
  const trimmed = note.trim()
  await saving(async () =>
    calls().setSession(
      await call('calls.end', { id: session.id, wrapUp, ...(trimmed !== '' ? { note: trimmed } : {}) }),
    ),
  )
  refreshHistory()
  void loadRecentCalls()
}

/** After a loop changed, the card's open loops and the history are read again. */
async function refreshCard(customerId: number): Promise<void> {
  const card = await call('customers.get', { id: customerId })
  main().replaceCard(card)
}

export type NewFollowUp = Omit<RequestOf<'loops.create'>, 'origin' | 'interactionId'>

export async function createFollowUp(input: NewFollowUp): Promise<string> {
  const session = calls().session
  const interactionId = session && session.customerId === input.customerId ? session.id : undefined
  const row = await saving(() =>
    call('loops.create', { ...input, origin: 'call', ...(interactionId ? { interactionId } : {}) }),
  )
  await refreshCard(input.customerId)
  return row.title
}

export async function addLoopAction(customerId: number, loopId: number, text: string): Promise<string> {
  const row = await saving(() => call('loops.addAction', { id: loopId, text }))
  await refreshCard(customerId)
  return row.title
}

export async function markLoopInformed(
  customerId: number,
  request: RequestOf<'loops.markInformed'>,
): Promise<string> {
  const row = await saving(() => call('loops.markInformed', request))
  await refreshCard(customerId)
  return row.title
}

/** Opens a call of the recent list again: the customer's card with its history (no new call). */
export function reopenRecentCall(customerId: number, customerNo: string): void {
  main().setQuery(customerNo)
  void openCustomer(customerId, customerNo)
}

let synced = false

/**
 * Keeps the call workspace in step with the card on display: a new customer loads their extras; a
 * fresher card of the same customer (an answer or an offer outcome was recorded) reloads the history,
 * so every action appears there at once. Also picks up a call left open when the app was closed.
 */
export function installCallSync(): () => void {
  const unsubscribe = useLoopdeskStore.subscribe((state, previous) => {
    if (state.card === previous.card || !state.card) return
    if (state.card === primedCard) {
      primedCard = null
      return
    }
    void loadCustomerExtras(state.card.customer.id)
  })
  if (!synced) {
    synced = true
    void loadRecentCalls()
    call('calls.active', {})
      .then((active) => {
        // The call goes on; it is first in the recent calls ("läuft"), one click brings the caller
        // back. Not opened by itself: the agent may already be typing the next search.
        if (active && !calls().session) calls().setSession(active)
      })
      .catch(() => {
        // Nothing to resume.
      })
  }
  return unsubscribe
}
