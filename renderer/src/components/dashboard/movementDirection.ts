import type { MatrixMove } from '../../../../shared/ipc/dashboardContract'

export type MoveDirection = 'improved' | 'worsened' | 'mixed' | 'unchanged'
export const MOVE_DIRECTIONS: readonly MoveDirection[] = ['worsened', 'improved', 'mixed', 'unchanged']

type Cell = MatrixMove['from']

/** Higher is better: a promoter over a passive over a detractor, high intent over medium over low. */
const GROUP_RANK: Record<Cell['group'], number> = { detractor: 0, passive: 1, promoter: 2 }
const BAND_RANK: Record<Cell['band'], number> = { low: 0, medium: 1, high: 2 }

/**
 * Which way a step between two matrix cells went. Both axes are ordered (NPS group, intent band),
 * so a step is better only when neither axis fell; one up and the other down is "mixed", because
 * whether a promoter with low intent beats a passive with high intent is a business question.
 */
export function moveDirection(from: Cell, to: Cell): MoveDirection {
  const group = Math.sign(GROUP_RANK[to.group] - GROUP_RANK[from.group])
  const band = Math.sign(BAND_RANK[to.band] - BAND_RANK[from.band])
  if (group === 0 && band === 0) return 'unchanged'
  if (group >= 0 && band >= 0) return 'improved'
  if (group <= 0 && band <= 0) return 'worsened'
  return 'mixed'
}

/** Steps of the period per direction. */
export function movementTotals(moves: readonly MatrixMove[]): Record<MoveDirection, number> {
  const totals: Record<MoveDirection, number> = { improved: 0, worsened: 0, mixed: 0, unchanged: 0 }
  for (const m of moves) totals[moveDirection(m.from, m.to)] += m.n
  return totals
}
