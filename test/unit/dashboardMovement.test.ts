import { describe, expect, it } from 'vitest'
import { moveDirection, movementTotals } from '../../renderer/src/components/dashboard/movementDirection'
import type { MatrixMove } from '../../shared/ipc/dashboardContract'

type Group = MatrixMove['from']['group']
type Band = MatrixMove['from']['band']
const cell = (group: Group, band: Band) => ({ group, band })

describe('movement direction between NPS group x intent band cells', () => {
  it('calls a step better only when neither axis fell, mixed when one rose and the other fell', () => {
    expect(moveDirection(cell('passive', 'high'), cell('promoter', 'high'))).toBe('improved')
    expect(moveDirection(cell('detractor', 'low'), cell('detractor', 'medium'))).toBe('improved')
    expect(moveDirection(cell('detractor', 'low'), cell('promoter', 'high'))).toBe('improved')
    expect(moveDirection(cell('promoter', 'high'), cell('detractor', 'low'))).toBe('worsened')
    expect(moveDirection(cell('promoter', 'high'), cell('passive', 'high'))).toBe('worsened')
    expect(moveDirection(cell('passive', 'medium'), cell('passive', 'low'))).toBe('worsened')
    // A promoter whose intent fell to low: the group rose from passive, the band fell.
    expect(moveDirection(cell('passive', 'high'), cell('promoter', 'low'))).toBe('mixed')
    expect(moveDirection(cell('promoter', 'low'), cell('detractor', 'high'))).toBe('mixed')
    expect(moveDirection(cell('detractor', 'medium'), cell('detractor', 'medium'))).toBe('unchanged')
  })

  it('sums the steps of each direction', () => {
    const moves: MatrixMove[] = [
      { from: cell('promoter', 'high'), to: cell('promoter', 'high'), n: 71 },
      { from: cell('passive', 'high'), to: cell('promoter', 'high'), n: 33 },
      { from: cell('promoter', 'high'), to: cell('passive', 'high'), n: 31 },
      { from: cell('passive', 'high'), to: cell('detractor', 'high'), n: 15 },
      { from: cell('detractor', 'high'), to: cell('promoter', 'medium'), n: 2 },
      { from: cell('detractor', 'low'), to: cell('promoter', 'low'), n: 2 },
    ]
    // improved: 33 + 2 (detractor/low -> promoter/low); worsened: 31 + 15; mixed: 2; unchanged: 71.
    expect(movementTotals(moves)).toEqual({ improved: 35, worsened: 46, mixed: 2, unchanged: 71 })
    expect(movementTotals([])).toEqual({ improved: 0, worsened: 0, mixed: 0, unchanged: 0 })
  })
})
