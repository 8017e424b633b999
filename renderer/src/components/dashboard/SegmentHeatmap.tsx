import ButtonBase from '@mui/material/ButtonBase'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import { alpha, useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import type { DrillableSectionProps } from './useDashboard'

const GROUPS = ['promoter', 'passive', 'detractor'] as const
const BANDS = ['high', 'medium', 'low'] as const

/**
 * The NPS group x intent band matrix as a heat map. A table of buttons rather than a canvas: every
 * cell is reachable by keyboard and read with its row and column by screen readers.
 */
export function SegmentHeatmap({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const theme = useTheme()
  const m = summary.current.matrix
  const max = Math.max(1, ...GROUPS.flatMap((g) => BANDS.map((b) => m[g][b])))
  return (
    <ChartCard id="chart-matrix" title={t('dashboard.charts.matrix')} ignored={ignored}>
      <Table size="small" aria-labelledby="chart-matrix-title">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {t('matrix.corner')}
            </TableCell>
            {BANDS.map((b) => (
              <TableCell key={b} component="th" scope="col" align="center">
                {t('matrix.band', { band: t(`intentBand.${b}`) })}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {GROUPS.map((g) => (
            <TableRow key={g}>
              <TableCell component="th" scope="row">
                {t(`matrix.group.${g}`)}
              </TableCell>
              {BANDS.map((b) => {
                const count = m[g][b]
                const previous = summary.previous.matrix[g][b]
                const strength = count / max
                return (
                  <TableCell key={b} align="center" sx={{ p: 0.5 }}>
                    <ButtonBase
                      data-testid={`matrix-${g}-${b}`}
                      aria-label={t('dashboard.charts.matrixCell', {
                        group: t(`npsGroup.${g}`),
                        band: t(`intentBand.${b}`),
                        count: f.number(count),
                      })}
                      onClick={() =>
                        onDrill({
                          label: `${t(`npsGroup.${g}`)} × ${t(`intentBand.${b}`)}`,
                          target: { kind: 'cell', group: g, band: b },
                          period: 'current',
                        })
                      }
                      sx={{
                        width: '100%',
                        py: 1,
                        borderRadius: 1,
                        flexDirection: 'column',
                        // Light tints only, so the text keeps its contrast in both themes.
                        bgcolor: alpha(theme.palette.primary.main, 0.06 + 0.3 * strength),
                        color: 'text.primary',
                      }}
                    >
                      <strong>{f.number(count)}</strong>
                      <span style={{ fontSize: '0.75rem' }}>{f.signed(count - previous)}</span>
                    </ButtonBase>
                  </TableCell>
                )
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  )
}
