/**
 * Performance marks for `npm run bench:ui`: one before the screen-pop request leaves, one once the
 * card that answers it has been painted (first pass: call bar, header, scores, risk, offers), and
 * one once the complete card is painted (the deferred sections with the call context: comment
 * analysis, sparklines, tickets, and the history). Only a lookup arms the later marks, so
 * re-renders of a card (a recorded answer) never produce a stray measurement.
 */
export const LOOKUP_MARK = 'loopdesk:lookup'
export const PAINT_MARK = 'loopdesk:card-painted'
export const COMPLETE_MARK = 'loopdesk:card-complete'

let armedPaint = false
let armedComplete = false

export function markLookupStart(): void {
  armedPaint = true
  armedComplete = true
  performance.mark(LOOKUP_MARK)
}

/** Called from a layout effect of the card: the next animation frame comes after the paint. */
export function markCardPainted(): void {
  if (!armedPaint) return
  armedPaint = false
  requestAnimationFrame(() => performance.mark(PAINT_MARK))
}

/** Called from a layout effect once every section and the call context are in the DOM. */
export function markCardComplete(): void {
  if (!armedComplete) return
  armedComplete = false
  requestAnimationFrame(() => performance.mark(COMPLETE_MARK))
}
