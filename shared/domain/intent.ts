/** Scales on which a purchase (repurchase) intent answer arrives. */
export const INTENT_SCALES = ['0-10', '1-5', 'percent'] as const
export type IntentScale = (typeof INTENT_SCALES)[number]
export type IntentBand = 'high' | 'medium' | 'low'

export interface IntentBandCutoffs {
  /** normalised value at or above which intent is "high" */
  high: number
  /** normalised value at or above which intent is "medium" (below: "low") */
  medium: number
}

export const DEFAULT_INTENT_CUTOFFS: IntentBandCutoffs = { high: 0.7, medium: 0.4 }

const RANGES: Record<IntentScale, { min: number; max: number; integer: boolean }> = {
  '0-10': { min: 0, max: 10, integer: true },
  '1-5': { min: 1, max: 5, integer: true },
  percent: { min: 0, max: 100, integer: false },
}

export function isIntentScale(value: string): value is IntentScale {
  return (INTENT_SCALES as readonly string[]).includes(value)
}

/** Maps a raw answer on its scale to 0-1; refuses values outside the scale instead of clamping them. */
export function normalizeIntent(raw: number, scale: IntentScale): number {
  const range = RANGES[scale]
  if (
    !Number.isFinite(raw) ||
    raw < range.min ||
    raw > range.max ||
    (range.integer && !Number.isInteger(raw))
  ) {
    throw new RangeError(`intent answer ${String(raw)} is outside the ${scale} scale`)
  }
  return (raw - range.min) / (range.max - range.min)
}

export function intentBand(
  normalised: number,
  cutoffs: IntentBandCutoffs = DEFAULT_INTENT_CUTOFFS,
): IntentBand {
  if (!(normalised >= 0 && normalised <= 1))
    throw new RangeError(`normalised intent must be 0-1, got ${normalised}`)
  if (normalised >= cutoffs.high) return 'high'
  if (normalised >= cutoffs.medium) return 'medium'
  return 'low'
}
