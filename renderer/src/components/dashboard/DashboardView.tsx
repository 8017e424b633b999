import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import GlobalStyles from '@mui/material/GlobalStyles'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import DownloadIcon from '@mui/icons-material/Download'
import PrintIcon from '@mui/icons-material/Print'
import RefreshIcon from '@mui/icons-material/Refresh'
import { useTranslation } from 'react-i18next'
import type { DashboardFilter, DashboardSummary, DrillTarget } from '../../../../shared/ipc/dashboardContract'
import type { PeriodDays } from '../../../../shared/domain/kpi'
import { call } from '../../api/transport'
import { printReport } from '../../api/printReport'
import { useFormat } from '../../i18n/format'
import { dashboardCsv, downloadText } from './dashboardCsv'
import { DrillDialog } from './DrillDialog'
import { FilterBar } from './FilterBar'
import { dayStart } from './format'
import { KpiSection } from './KpiSection'
import { IntentChart, NpsGroupsChart, NpsTrendChart } from './LoyaltyCharts'
import { LoopFunnelChart, SlaTrendChart } from './LoopCharts'
import { MovementCard } from './MovementCard'
import { PrintCaption } from './PrintCaption'
import { SegmentHeatmap } from './SegmentHeatmap'
import { TopicSection } from './TopicSection'
import { useDashboardSummary, type DrillRequest } from './useDashboard'
import { useIgnoredCaption } from './IgnoredFilters'

/**
 * Printing (the PDF report, and the browser's print in headless mode): only the dashboard, no app
 * chrome, no buttons or filter controls; the period and filters as a printed caption instead.
 */
const PRINT_STYLES = (
  <GlobalStyles
    styles={{
      '[data-print-only]': { display: 'none' },
      '@page': { size: 'A4 landscape', margin: '10mm' },
      '@media print': {
        'header, nav, footer, [data-print-hide], .MuiDialog-root, .MuiDrawer-root, .MuiLinearProgress-root': {
          display: 'none !important',
        },
        '[data-print-only]': { display: 'block !important' },
        'body, main': { background: '#fff !important' },
        main: { marginRight: '0 !important', paddingTop: '0 !important' },
        '[role="tabpanel"][hidden]': { display: 'none !important' },
        // Keep the colour tints of the heat map and charts on paper.
        body: { printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' },
      },
    }}
  />
)

/** The team a team lead is held to (the core enforces it; the filter bar shows it). */
function useLockedTeam(): string | null {
  const [team, setTeam] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    call('session.current', {}).then(
      (s) => live && setTeam(s.user.role === 'team_lead' ? s.user.team : null),
      () => live && setTeam(null),
    )
    return () => {
      live = false
    }
  }, [])
  return team
}

function Header({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation()
  const f = useFormat()
  const { current, previous } = summary
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="dash-range">
      {t('dashboard.period.range', {
        from: f.date(dayStart(current.fromDay)),
        to: f.date(dayStart(current.toDay - 1)),
        prevFrom: f.date(dayStart(previous.fromDay)),
        prevTo: f.date(dayStart(previous.toDay - 1)),
      })}{' '}
      · {t('dashboard.computedIn', { ms: Math.round(summary.computedMs) })}
    </Typography>
  )
}

/** Supervisor and team-lead dashboard: KPIs with comparison, charts, drill-down, CSV and print. */
export function DashboardView() {
  const { t } = useTranslation()
  const [days, setDays] = useState<PeriodDays>(30)
  const [filter, setFilter] = useState<DashboardFilter>({})
  const [nonce, setNonce] = useState(0)
  const [printError, setPrintError] = useState<string | null>(null)
  const [drill, setDrill] = useState<DrillRequest | null>(null)
  const lockedTeam = useLockedTeam()
  const remote = useDashboardSummary(days, filter, nonce)
  const summary = remote.state === 'ok' ? remote.value : null
  const onTile = (label: string, target: DrillTarget) => setDrill({ label, target, period: 'current' })
  // A team lead's team is applied by the core, not chosen here: the tiles that cannot narrow to a
  // team (survey answers have no agent) must still say so.
  const applied = lockedTeam ? { ...filter, team: lockedTeam } : filter
  const ignored = useIgnoredCaption(applied)

  const exportCsv = () => {
    if (!summary) return
    const csv = dashboardCsv(summary, {
      metric: t('dashboard.csv.metric'),
      current: t('dashboard.csv.current'),
      previous: t('dashboard.csv.previous'),
    })
    downloadText(`${t('dashboard.csv.fileName')}-${days}d.csv`, csv)
  }

  return (
    <Stack
      spacing={2}
      data-testid="dashboard"
      data-days={summary?.days ?? ''}
      data-state={remote.state === 'ok' && !remote.stale ? 'ready' : 'loading'}
    >
      {PRINT_STYLES}
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2" sx={{ mr: 'auto' }}>
          {t('dashboard.heading')}
        </Typography>
        <Box data-print-hide sx={{ display: 'flex', gap: 1 }}>
          <Button startIcon={<RefreshIcon />} onClick={() => setNonce((n) => n + 1)}>
            {t('dashboard.actions.refresh')}
          </Button>
          <Button startIcon={<DownloadIcon />} onClick={exportCsv} disabled={!summary} data-testid="dash-csv">
            {t('dashboard.actions.csv')}
          </Button>
          <Button
            startIcon={<PrintIcon />}
            onClick={() => {
              setPrintError(null)
              printReport(`LoopDesk-Dashboard-${new Date().toISOString().slice(0, 10)}.pdf`).catch(
                (err: unknown) => setPrintError(err instanceof Error ? err.message : String(err)),
              )
            }}
            disabled={!summary}
            data-testid="dash-print"
          >
            {t('dashboard.actions.print')}
          </Button>
        </Box>
      </Stack>
      <Box data-print-hide>
        <FilterBar
          days={days}
          filter={filter}
          facets={summary?.facets ?? null}
          lockedTeam={lockedTeam}
          onDays={setDays}
          onFilter={setFilter}
        />
        <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 0.5 }}>
          {t('dashboard.filters.note')}
          {lockedTeam && ` ${t('dashboard.filters.teamLocked', { team: lockedTeam })}`}
        </Typography>
      </Box>
      {(remote.state === 'loading' || (remote.state === 'ok' && remote.stale)) && (
        <LinearProgress aria-label={t('dashboard.loading')} />
      )}
      {printError && (
        <Alert severity="error" onClose={() => setPrintError(null)} data-testid="dash-print-error">
          {printError}
        </Alert>
      )}
      {remote.state === 'error' && (
        <Alert
          severity={remote.error.code === 'FORBIDDEN' ? 'info' : 'error'}
          action={<Button onClick={() => setNonce((n) => n + 1)}>{t('dashboard.retry')}</Button>}
          data-testid="dash-error"
        >
          {remote.error.code === 'FORBIDDEN' ? t('dashboard.forbidden') : remote.error.message}
        </Alert>
      )}
      {summary && (
        <>
          <Header summary={summary} />
          <PrintCaption days={days} filter={filter} facets={summary.facets} lockedTeam={lockedTeam} />
          <KpiSection summary={summary} filter={applied} onDrill={onTile} />
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
            <NpsTrendChart summary={summary} onDrill={setDrill} ignored={ignored('feedback')} />
            <NpsGroupsChart summary={summary} onDrill={setDrill} ignored={ignored('feedback')} />
            <IntentChart summary={summary} onDrill={setDrill} ignored={ignored('feedback')} />
            <SegmentHeatmap summary={summary} onDrill={setDrill} ignored={ignored('feedback')} />
            <LoopFunnelChart summary={summary} onDrill={setDrill} ignored={ignored('loops')} />
            <SlaTrendChart summary={summary} onDrill={setDrill} ignored={ignored('loops')} />
          </Box>
          <MovementCard summary={summary} onDrill={setDrill} ignored={ignored('movement')} />
          <TopicSection summary={summary} onDrill={setDrill} ignored={ignored('topics')} />
        </>
      )}
      <DrillDialog request={drill} days={days} filter={filter} onClose={() => setDrill(null)} />
    </Stack>
  )
}
