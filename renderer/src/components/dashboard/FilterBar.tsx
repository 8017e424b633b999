import Button from '@mui/material/Button'
import FormControl from '@mui/material/FormControl'
import InputLabel from '@mui/material/InputLabel'
import MenuItem from '@mui/material/MenuItem'
import Select from '@mui/material/Select'
import Stack from '@mui/material/Stack'
import { useTranslation } from 'react-i18next'
import type { DashboardFilter, DashboardSummary } from '../../../../shared/ipc/dashboardContract'
import { PERIOD_DAYS, type PeriodDays } from '../../../../shared/domain/kpi'
import { SEGMENTS } from '../../../../shared/domain/segment'
import { isKnownChannel } from './format'

const VERTICALS = ['telecom', 'ecommerce', 'saas'] as const
const LANGUAGES = ['de', 'en'] as const
const ALL = ''

interface Option {
  value: string
  label: string
}

function FilterSelect(props: {
  id: string
  label: string
  value: string
  options: Option[]
  onChange(value: string): void
  allLabel: string
  disabled?: boolean
}) {
  return (
    <FormControl size="small" sx={{ minWidth: 150 }} disabled={props.disabled ?? false}>
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        data-testid={props.id}
        label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <MenuItem value={ALL}>{props.allLabel}</MenuItem>
        {props.options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  )
}

/** Period and the six filters; a team lead's team is fixed by the core and shown as such. */
export function FilterBar(props: {
  days: PeriodDays
  filter: DashboardFilter
  facets: DashboardSummary['facets'] | null
  lockedTeam: string | null
  onDays(days: PeriodDays): void
  onFilter(filter: DashboardFilter): void
}) {
  const { t } = useTranslation()
  const { filter, facets } = props
  const all = t('dashboard.filters.all')
  const set = (patch: Partial<Record<keyof DashboardFilter, string>>) => {
    const next: Record<string, string | number> = { ...filter }
    for (const [key, value] of Object.entries(patch)) {
      if (value === ALL || value === undefined) delete next[key]
      else next[key] = key === 'agentId' ? Number(value) : value
    }
    props.onFilter(next as DashboardFilter)
  }
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      role="group"
      aria-label={t('dashboard.filters.label')}
    >
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="dash-period-label">{t('dashboard.period.label')}</InputLabel>
        <Select
          labelId="dash-period-label"
          id="dash-period"
          data-testid="dash-period"
          label={t('dashboard.period.label')}
          value={props.days}
          onChange={(e) => props.onDays(Number(e.target.value) as PeriodDays)}
        >
          {PERIOD_DAYS.map((d) => (
            <MenuItem key={d} value={d} data-testid={`dash-period-${d}`}>
              {t(`dashboard.period.days${d}`)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FilterSelect
        id="dash-filter-team"
        label={t('dashboard.filters.team')}
        allLabel={all}
        value={props.lockedTeam ?? filter.team ?? ALL}
        disabled={props.lockedTeam !== null}
        options={(facets?.teams ?? []).map((team) => ({ value: team, label: team }))}
        onChange={(team) => set({ team, agentId: ALL })}
      />
      <FilterSelect
        id="dash-filter-agent"
        label={t('dashboard.filters.agent')}
        allLabel={all}
        value={filter.agentId === undefined ? ALL : String(filter.agentId)}
        options={(facets?.agents ?? [])
          .filter((a) => !(props.lockedTeam ?? filter.team) || a.team === (props.lockedTeam ?? filter.team))
          .map((a) => ({ value: String(a.id), label: a.name }))}
        onChange={(agentId) => set({ agentId })}
      />
      <FilterSelect
        id="dash-filter-segment"
        label={t('dashboard.filters.segment')}
        allLabel={all}
        value={filter.segment ?? ALL}
        options={SEGMENTS.map((s) => ({ value: s, label: t(`segment.${s}`) }))}
        onChange={(segment) => set({ segment })}
      />
      <FilterSelect
        id="dash-filter-vertical"
        label={t('dashboard.filters.vertical')}
        allLabel={all}
        value={filter.vertical ?? ALL}
        options={VERTICALS.map((v) => ({ value: v, label: t(`vertical.${v}`) }))}
        onChange={(vertical) => set({ vertical })}
      />
      <FilterSelect
        id="dash-filter-channel"
        label={t('dashboard.filters.channel')}
        allLabel={all}
        value={filter.channel ?? ALL}
        options={(facets?.channels ?? []).map((c) => ({
          value: c,
          label: isKnownChannel(c) ? t(`dashboard.channel.${c}`) : c,
        }))}
        onChange={(channel) => set({ channel })}
      />
      <FilterSelect
        id="dash-filter-language"
        label={t('dashboard.filters.language')}
        allLabel={all}
        value={filter.language ?? ALL}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        onChange={(language) => set({ language })}
      />
      <Button size="small" onClick={() => props.onFilter({})} disabled={Object.keys(filter).length === 0}>
        {t('dashboard.filters.reset')}
      </Button>
    </Stack>
  )
}
