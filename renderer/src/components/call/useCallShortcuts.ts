import { useEffect } from 'react'
import { useCallStore } from './callStore'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target.tagName === 'INPUT' &&
      (target as HTMLInputElement).type !== 'radio' &&
      (target as HTMLInputElement).type !== 'checkbox')
  )
}

const OFFER_KEYS: Record<string, 'presented' | 'accepted' | 'declined'> = {
  Digit1: 'presented',
  Digit2: 'accepted',
  Digit3: 'declined',
}

/** The offer the agent is on (focus inside it), else the top-ranked one. */
function clickOfferOutcome(outcome: 'presented' | 'accepted' | 'declined'): void {
  const active = document.activeElement
  const focused = active instanceof HTMLElement ? active.closest<HTMLElement>('[data-testid="offer"]') : null
  const offer = focused ?? document.querySelector<HTMLElement>('[data-testid="offer"]')
  offer?.querySelector<HTMLButtonElement>(`[data-testid="offer-${outcome}"]`)?.click()
}

/**
 * Alt+letter shortcuts of the call workspace (by physical key, so they work on any keyboard layout)
 * and "?" for the overview. Ctrl+K (search) lives in the app shell. Inactive while a dialog is open.
 */
export function useCallShortcuts(enabled: boolean, canWrapUp: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      const store = useCallStore.getState()
      if (
        store.dialog !== 'none' ||
        document.querySelector('[role="dialog"], [role="presentation"].MuiModal-root')
      )
        return
      if (
        event.key === '?' &&
        !event.ctrlKey &&
        !event.altKey &&
        !event.metaKey &&
        !isEditable(event.target)
      ) {
        event.preventDefault()
        store.openDialog('shortcuts')
        return
      }
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
      const outcome = OFFER_KEYS[event.code]
      if (outcome) {
        event.preventDefault()
        clickOfferOutcome(outcome)
        return
      }
      switch (event.code) {
        case 'KeyA':
          store.requestFocus('answers')
          break
        case 'KeyN':
          store.requestFocus('note')
          break
        case 'KeyH':
          store.requestFocus('history')
          break
        case 'KeyG':
          store.requestFocus('risk')
          break
        case 'KeyF':
          store.openDialog('followUp')
          break
        case 'KeyW':
          if (canWrapUp) store.openDialog('wrapUp')
          break
        default:
          return
      }
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [enabled, canWrapUp])
}
