import Typography from '@mui/material/Typography'
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff'
import { useTranslation } from 'react-i18next'
import { ignoredFilters, type DashboardFilter, type TileArea } from '../../../../shared/ipc/dashboardContract'

/** The caption of a tile an active filter does not narrow ("Not filtered by Team, Agent"), or undefined. */
export function useIgnoredCaption(filter: DashboardFilter): (area: TileArea) => string | undefined {
  const { t } = useTranslation()
  return (area) => {
    const ignored = ignoredFilters(area, filter)
    if (ignored.length === 0) return undefined
    const names = ignored.map((k) => t(`dashboard.filters.${k === 'agentId' ? 'agent' : k}`))
    return t('dashboard.filters.ignored', { filters: names.join(', ') })
  }
}

/** The caption itself: an icon and the text (the icon alone would not say which filters). */
export function IgnoredFilters({ text, testId }: { text: string; testId: string }) {
  return (
    <Typography
      variant="caption"
      component="span"
      data-testid={testId}
      sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'warning.dark', mt: 0.5 }}
    >
      <FilterAltOffIcon fontSize="inherit" aria-hidden />
      {text}
    </Typography>
  )
}
