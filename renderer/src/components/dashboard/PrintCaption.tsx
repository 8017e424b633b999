import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DashboardFilter, DashboardSummary } from '../../../../shared/ipc/dashboardContract'
import type { PeriodDays } from '../../../../shared/domain/kpi'
import { isKnownChannel } from './format'

/**
 * The period and the active filters as one line, printed instead of the filter bar (which is hidden
 * on paper): a report without them could not be read correctly.
 */
export function PrintCaption({
  days,
  filter,
  facets,
  lockedTeam,
}: {
  days: PeriodDays
  filter: DashboardFilter
  facets: DashboardSummary['facets']
  lockedTeam: string | null
}) {
  const { t } = useTranslation()
  const parts: string[] = []
  const team = lockedTeam ?? filter.team
  if (team) parts.push(`${t('dashboard.filters.team')}: ${team}`)
  if (filter.agentId !== undefined) {
    const agent = facets.agents.find((a) => a.id === filter.agentId)
    parts.push(`${t('dashboard.filters.agent')}: ${agent?.name ?? `#${filter.agentId}`}`)
  }
  if (filter.segment) parts.push(`${t('dashboard.filters.segment')}: ${t(`segment.${filter.segment}`)}`)
  if (filter.vertical) parts.push(`${t('dashboard.filters.vertical')}: ${t(`vertical.${filter.vertical}`)}`)
  if (filter.channel)
    parts.push(
      `${t('dashboard.filters.channel')}: ${isKnownChannel(filter.channel) ? t(`dashboard.channel.${filter.channel}`) : filter.channel}`,
    )
  if (filter.language) parts.push(`${t('dashboard.filters.language')}: ${t(`languages.${filter.language}`)}`)
  return (
    <Typography variant="body2" component="p" data-print-only data-testid="dash-print-caption" sx={{ m: 0 }}>
      {t('dashboard.print.caption', {
        period: t(`dashboard.period.days${days}`),
        filters: parts.length ? parts.join(', ') : t('dashboard.print.noFilters'),
      })}
    </Typography>
  )
}
