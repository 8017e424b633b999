/**
 * Performance marks for `npm run bench:ui`: one before the screen-pop request leaves, one once the
 * card that answers it has been painted. Only a lookup arms the second mark, so re-renders of a card
 * (a recorded answer) never produce a stray measurement.
 */
export const LOOKUP_MARK = 'loopdesk:lookup'
export const PAINT_MARK = 'loopdesk:card-painted'

let armed = false

export function markLookupStart(): void {
  armed = true
  performance.mark(LOOKUP_MARK)
}

/** Called from a layout effect of the card: the next animation frame comes after the paint. */
export function markCardPainted(): void {
  if (!armed) return
  armed = false
  requestAnimationFrame(() => performance.mark(PAINT_MARK))
}
