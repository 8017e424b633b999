/** NPS answer groups as defined in the design notes: promoter 9-10, passive 7-8, detractor 0-6. */
export type NpsGroup = 'promoter' | 'passive' | 'detractor'

export function isNpsScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10
}

export function npsGroup(score: number): NpsGroup {
  if (!isNpsScore(score)) throw new RangeError(`NPS answer must be an integer 0-10, got ${String(score)}`)
  if (score >= 9) return 'promoter'
  if (score >= 7) return 'passive'
  return 'detractor'
}
