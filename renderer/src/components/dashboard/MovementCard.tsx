import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import TrendingDownIcon from '@mui/icons-material/TrendingDown'
import TrendingFlatIcon from '@mui/icons-material/TrendingFlat'
import TrendingUpIcon from '@mui/icons-material/TrendingUp'
import SwapVertIcon from '@mui/icons-material/SwapVert'
import { useTranslation } from 'react-i18next'
import type { MatrixMove } from '../../../../shared/ipc/dashboardContract'
import { useFormat } from '../../i18n/format'
import { TableHeader } from '../common/TableHeader'
import { ChartCard } from './ChartCard'
import { moveDirection, movementTotals, type MoveDirection } from './movementDirection'
import type { DrillableSectionProps } from './useDashboard'

/** Rows shown before "show all": the largest steps say most; the rest is one click away. */
const FIRST_ROWS = 8

type Selection = 'changes' | MoveDirection
const SELECTIONS: readonly Selection[] = ['changes', 'worsened', 'improved', 'mixed', 'unchanged']

/** The icon is a second signal beside the word; its colour a third. */
const DIRECTION_ICON: Record<MoveDirection, { Icon: typeof TrendingUpIcon; color: string }> = {
  improved: { Icon: TrendingUpIcon, color: 'success.main' },
  worsened: { Icon: TrendingDownIcon, color: 'error.main' },
  mixed: { Icon: SwapVertIcon, color: 'warning.main' },
  unchanged: { Icon: TrendingFlatIcon, color: 'text.secondary' },
}

const keyOf = (m: MatrixMove) => `${m.from.group}-${m.from.band}-${m.to.group}-${m.to.band}`

/**
 * How customers moved between the NPS group x intent band cells in the period (movement.ts), as a
 * ranked table rather than a flow chart: every row is a button for keyboard and screen-reader users,
 * and its direction is a word, not only a colour.
 */
export function MovementCard({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const [selection, setSelection] = useState<Selection>('changes')
  const [all, setAll] = useState(false)
  const cell = (c: MatrixMove['from']) =>
    t('dashboard.movement.cell', { group: t(`npsGroup.${c.group}`), band: t(`intentBand.${c.band}`) })
  const totals = movementTotals(summary.movement)
  const total = totals.improved + totals.worsened + totals.mixed + totals.unchanged
  const chosen = summary.movement.filter((m) => {
    const direction = moveDirection(m.from, m.to)
    return selection === 'changes' ? direction !== 'unchanged' : direction === selection
  })
  const shown = all ? chosen : chosen.slice(0, FIRST_ROWS)
  const open = (m: MatrixMove) =>
    onDrill({
      label: t('dashboard.movement.step', { from: cell(m.from), to: cell(m.to) }),
      target: { kind: 'movement', from: m.from, to: m.to },
      period: 'current',
    })

  return (
    <ChartCard
      id="chart-movement"
      title={t('dashboard.movement.title')}
      hint={t('dashboard.movement.hint')}
      ignored={ignored}
    >
      {summary.movement.length === 0 ? (
        <Typography variant="body2" data-testid="movement-empty" sx={{ mt: 1 }}>
          {t('dashboard.movement.empty')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" data-testid="movement-totals" sx={{ mt: 1 }}>
            {t('dashboard.movement.totals', {
              total: f.number(total),
              worsened: f.number(totals.worsened),
              improved: f.number(totals.improved),
              mixed: f.number(totals.mixed),
              unchanged: f.number(totals.unchanged),
            })}
          </Typography>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={selection}
            onChange={(_event, next: Selection | null) => {
              if (next) setSelection(next)
            }}
            aria-label={t('dashboard.movement.show')}
            sx={{ my: 1, flexWrap: 'wrap' }}
            data-print-hide
          >
            {SELECTIONS.map((s) => (
              <ToggleButton
                key={s}
                value={s}
                data-testid={`movement-show-${s}`}
                sx={{ textTransform: 'none' }}
              >
                {s === 'changes'
                  ? t('dashboard.movement.showChanges')
                  : t(`dashboard.movement.direction.${s}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          {chosen.length === 0 ? (
            <Typography variant="body2" data-testid="movement-empty-selection">
              {t('dashboard.movement.emptyFiltered')}
            </Typography>
          ) : (
            <Table size="small" aria-labelledby="chart-movement-title">
              <TableHeader
                columns={[
                  { label: t('dashboard.movement.colStep') },
                  { label: t('dashboard.movement.colDirection') },
                  { label: t('dashboard.movement.colCount'), align: 'right' },
                ]}
              />
              <TableBody>
                {shown.map((m) => {
                  const direction = moveDirection(m.from, m.to)
                  const { Icon, color } = DIRECTION_ICON[direction]
                  return (
                    <TableRow
                      key={keyOf(m)}
                      hover
                      onClick={() => open(m)}
                      sx={{ cursor: 'pointer' }}
                      data-testid="movement-row"
                      data-from={`${m.from.group}.${m.from.band}`}
                      data-to={`${m.to.group}.${m.to.band}`}
                      data-direction={direction}
                      data-count={m.n}
                    >
                      <TableCell>
                        <Button
                          size="small"
                          sx={{ p: 0, minWidth: 0, textTransform: 'none', textAlign: 'left' }}
                          onClick={(event) => {
                            // The row opens it too (mouse); once is enough.
                            event.stopPropagation()
                            open(m)
                          }}
                        >
                          {t('dashboard.movement.step', { from: cell(m.from), to: cell(m.to) })}
                        </Button>
                      </TableCell>
                      <TableCell title={t(`dashboard.movement.directionHint.${direction}`)}>
                        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                          <Icon fontSize="small" aria-hidden sx={{ color }} />
                          {t(`dashboard.movement.direction.${direction}`)}
                        </Box>
                      </TableCell>
                      <TableCell align="right">{f.number(m.n)}</TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          )}
          {chosen.length > FIRST_ROWS && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
              <Typography variant="caption" sx={{ color: 'text.secondary' }} data-testid="movement-shown">
                {t('dashboard.movement.shown', { shown: shown.length, total: chosen.length })}
              </Typography>
              <Button
                size="small"
                onClick={() => setAll((a) => !a)}
                data-print-hide
                data-testid="movement-all"
              >
                {all
                  ? t('dashboard.movement.showFewer')
                  : t('dashboard.movement.showAll', { count: chosen.length })}
              </Button>
            </Box>
          )}
        </>
      )}
    </ChartCard>
  )
}
