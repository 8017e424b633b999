import Box from '@mui/material/Box'
import { alpha, type SxProps, type Theme } from '@mui/material/styles'
import CheckCircleIcon from '@mui/icons-material/CheckCircle'
import HighlightOffIcon from '@mui/icons-material/HighlightOff'
import ScheduleIcon from '@mui/icons-material/Schedule'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import { useTranslation } from 'react-i18next'
import type { LoopRow } from '../../loops/loopsStore'

type SlaState = LoopRow['slaState']

const SLA_COLOR: Record<SlaState, string> = {
  ok: 'text.secondary',
  due_soon: 'warning.main',
  breached: 'error.main',
  met: 'success.main',
  missed: 'error.main',
}

const SLA_ICON = {
  ok: ScheduleIcon,
  due_soon: WarningAmberIcon,
  breached: HighlightOffIcon,
  met: CheckCircleIcon,
  missed: HighlightOffIcon,
} as const

/** Whether a row needs attention: due soon or already past its SLA. */
export function slaNeedsAttention(state: SlaState): boolean {
  return state === 'due_soon' || state === 'breached'
}

/** Row accent for rows that need attention; the chip's icon and word say the same without colour. */
export function slaRowSx(state: SlaState): SxProps<Theme> {
  if (!slaNeedsAttention(state)) return {}
  const tone = state === 'breached' ? 'error' : 'warning'
  return (theme: Theme) => ({
    bgcolor: alpha(theme.palette[tone].main, 0.07),
    '& > td:first-of-type': { boxShadow: `inset 4px 0 0 ${theme.palette[tone].main}` },
  })
}

/** Icon + word for the SLA state: colour is never the only signal. */
export function SlaChip({ state }: { state: SlaState }) {
  const { t } = useTranslation()
  const Icon = SLA_ICON[state]
  return (
    <Box
      component="span"
      data-testid="sla-state"
      data-sla={state}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        whiteSpace: 'nowrap',
        fontWeight: slaNeedsAttention(state) ? 700 : 400,
        color: SLA_COLOR[state],
      }}
    >
      <Icon aria-hidden="true" sx={{ fontSize: '1.05rem' }} />
      {t(`loops.sla.${state}`)}
    </Box>
  )
}
