import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type {
  DashboardFilter,
  DashboardSummary,
  DrillTarget,
  PeriodKpis,
  TileArea,
} from '../../../../shared/ipc/dashboardContract'
import { rate } from '../../../../shared/domain/kpi'
import { useFormat } from '../../i18n/format'
import { dayStart, hoursOf } from './format'
import { KpiTile } from './KpiTile'
import { useIgnoredCaption } from './IgnoredFilters'

type NpsGroupKey = 'promoters' | 'passives' | 'detractors'
type NpsGroup = Extract<DrillTarget, { kind: 'nps' }>['group']
type DurationKey = 'firstAction' | 'informed' | 'resolve'
type LoopDuration = 'timeToFirstAction' | 'timeToInformed' | 'timeToResolve'
type LoopStage = Extract<DrillTarget, { kind: 'loops' }>['stage']

export type OnDrill = (label: string, target: DrillTarget) => void

interface Tile {
  key: string
  label: string
  value: (k: PeriodKpis) => string
  detail?: (k: PeriodKpis) => string
  target?: DrillTarget
  /** which rows it counts, so which filters apply (FILTERS_APPLIED) */
  area: TileArea
}

/** The KPI tiles in three groups, each with the previous period's value and a drill-down. */
export function KpiSection({
  summary,
  filter,
  onDrill,
}: {
  summary: DashboardSummary
  filter: DashboardFilter
  onDrill: OnDrill
}) {
  const { t } = useTranslation()
  const f = useFormat()
  const ignoredCaption = useIgnoredCaption(filter)
  const none = t('dashboard.kpi.none')
  const pct = (x: number | null) => (x === null ? none : f.percent(x))
  const num = (x: number | null, digits = 0) =>
    x === null ? none : digits ? f.decimal(x, digits) : f.number(x)
  const hours = (ms: number | null) => {
    const h = hoursOf(ms)
    return h === null ? none : t('dashboard.hours', { value: f.decimal(h, 1) })
  }
  const share = (k: PeriodKpis, n: number) => pct(rate(n, k.nps.n))
  const duration = (d: PeriodKpis['loops']['timeToResolve']) =>
    t('dashboard.kpi.durationDetail', { median: hours(d.medianMs), p90: hours(d.p90Ms) })
  /** Share of one NPS group among the answers, its count beside, drilling into that group. */
  const npsGroupTile = (key: NpsGroupKey, group: NpsGroup): Tile => ({
    key,
    label: t(`dashboard.kpi.${key}`),
    value: (k) => share(k, k.nps[key]),
    detail: (k) => f.number(k.nps[key]),
    target: { kind: 'nps', group },
    area: 'feedback',
  })
  /** Median time to a loop milestone, median and p90 beside, drilling into the loops of that stage. */
  const durationTile = (key: DurationKey, measure: LoopDuration, stage: LoopStage): Tile => ({
    key,
    label: t(`dashboard.kpi.${key}`),
    value: (k) => hours(k.loops[measure].medianMs),
    detail: (k) => duration(k.loops[measure]),
    target: { kind: 'loops', stage },
    area: 'loops',
  })

  const groups: { key: string; title: string; tiles: Tile[] }[] = [
    {
      key: 'loyalty',
      title: t('dashboard.groups.loyalty'),
      tiles: [
        {
          key: 'nps',
          label: t('dashboard.kpi.nps'),
          value: (k) => (k.nps.nps === null ? none : f.signed(Math.round(k.nps.nps))),
          detail: (k) =>
            t('dashboard.kpi.npsMoe', { moe: num(k.nps.marginOfError, 1), n: f.number(k.nps.n) }),
          target: { kind: 'answers' },
          area: 'feedback',
        },
        npsGroupTile('promoters', 'promoter'),
        npsGroupTile('passives', 'passive'),
        npsGroupTile('detractors', 'detractor'),
        {
          key: 'intent',
          label: t('dashboard.kpi.intentAvg'),
          value: (k) => pct(k.intent.avg),
          detail: (k) => `n = ${f.number(k.intent.n)}`,
          target: { kind: 'intent' },
          area: 'feedback',
        },
        {
          key: 'churn',
          label: t('dashboard.kpi.churnRate'),
          value: (k) => (k.churn.churnRate === null ? none : f.percentPrecise(k.churn.churnRate)),
          detail: (k) =>
            t('dashboard.kpi.churnDetail', {
              lost: f.number(k.churn.lost),
              atStart: f.number(k.churn.atStart),
            }),
          target: { kind: 'churned' },
          area: 'churn',
        },
        {
          key: 'retention',
          label: t('dashboard.kpi.retentionRate'),
          value: (k) => (k.churn.retentionRate === null ? none : f.percentPrecise(k.churn.retentionRate)),
          detail: (k) => f.number(k.churn.atStart - k.churn.lost),
          target: { kind: 'retained' },
          area: 'churn',
        },
      ],
    },
    {
      key: 'loops',
      title: t('dashboard.groups.loops'),
      tiles: [
        {
          key: 'loopsOpened',
          label: t('dashboard.kpi.loopsOpened'),
          value: (k) => f.number(k.loops.opened),
          target: { kind: 'loops', stage: 'opened' },
          area: 'loops',
        },
        {
          key: 'loopsResolved',
          label: t('dashboard.kpi.loopsResolved'),
          value: (k) => f.number(k.loops.resolved),
          target: { kind: 'loops', stage: 'resolved' },
          area: 'loops',
        },
        {
          key: 'closure',
          label: t('dashboard.kpi.closureRate'),
          value: (k) => pct(k.loops.closureRate),
          detail: (k) => `${f.number(k.loops.resolvedOfOpened)} / ${f.number(k.loops.opened)}`,
          target: { kind: 'loops', stage: 'resolvedOfOpened' },
          area: 'loops',
        },
        durationTile('firstAction', 'timeToFirstAction', 'firstAction'),
        durationTile('informed', 'timeToInformed', 'informed'),
        durationTile('resolve', 'timeToResolve', 'resolved'),
        {
          key: 'sla',
          label: t('dashboard.kpi.slaCompliance'),
          value: (k) => pct(k.loops.slaCompliance),
          detail: (k) => `${f.number(k.loops.slaMet)} / ${f.number(k.loops.slaDue)}`,
          target: { kind: 'loops', stage: 'slaMissed' },
          area: 'loops',
        },
        {
          key: 'reopen',
          label: t('dashboard.kpi.reopenRate'),
          value: (k) => pct(k.loops.reopenRate),
          detail: (k) => f.number(k.loops.reopened),
          target: { kind: 'loops', stage: 'reopened' },
          area: 'loops',
        },
      ],
    },
    {
      key: 'offers',
      title: t('dashboard.groups.offers'),
      tiles: [
        {
          key: 'presented',
          label: t('dashboard.kpi.offersPresented'),
          value: (k) => f.number(k.offers.presented),
          target: { kind: 'offers', outcome: 'presented' },
          area: 'offers',
        },
        {
          key: 'presentation',
          label: t('dashboard.kpi.presentationRate'),
          value: (k) => pct(k.offers.presentationRate),
          detail: (k) =>
            t('dashboard.kpi.presentationDetail', {
              withOffer: f.number(k.offers.callsWithOffer),
              calls: f.number(k.offers.calls),
            }),
          target: { kind: 'offers', outcome: 'callsWithOffer' },
          area: 'calls',
        },
        {
          key: 'acceptance',
          label: t('dashboard.kpi.acceptanceRate'),
          value: (k) => pct(k.offers.acceptanceRate),
          detail: (k) =>
            t('dashboard.kpi.acceptanceDetail', {
              accepted: f.number(k.offers.accepted),
              declined: f.number(k.offers.declined),
            }),
          target: { kind: 'offers', outcome: 'accepted' },
          area: 'offers',
        },
        {
          key: 'declined',
          label: t('dashboard.kpi.declined'),
          value: (k) => f.number(k.offers.declined),
          target: { kind: 'offers', outcome: 'declined' },
          area: 'offers',
        },
        {
          key: 'saves',
          label: t('dashboard.kpi.saves'),
          value: (k) => f.number(k.offers.saves),
          detail: () => t('dashboard.kpi.savesDetail'),
          target: { kind: 'offers', outcome: 'saves' },
          area: 'offers',
        },
      ],
    },
  ]

  return (
    <>
      {groups.map((g) => (
        <Box component="section" key={g.key} aria-labelledby={`dash-group-${g.key}`}>
          <Typography id={`dash-group-${g.key}`} variant="h6" component="h2" sx={{ mb: 1 }}>
            {g.title}
          </Typography>
          <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))' }}>
            {g.tiles.map((tile) => (
              <KpiTile
                key={tile.key}
                testId={`kpi-${tile.key}`}
                label={tile.label}
                value={tile.value(summary.current)}
                {...(tile.detail ? { detail: tile.detail(summary.current) } : {})}
                previous={tile.value(summary.previous)}
                ignored={ignoredCaption(tile.area)}
                {...(tile.target ? { onDrill: () => onDrill(tile.label, tile.target as DrillTarget) } : {})}
              />
            ))}
            {g.key === 'loyalty' && (
              <KpiTile
                testId="kpi-watchlist"
                label={t('dashboard.kpi.watchlist')}
                value={f.number(summary.watchlistSize)}
                previous={summary.watchlistPrevious ? f.number(summary.watchlistPrevious.size) : null}
                detail={
                  summary.watchlistPrevious
                    ? t('dashboard.kpi.watchlistDetailSnapshot', {
                        date: f.date(dayStart(summary.watchlistPrevious.day)),
                      })
                    : t('dashboard.kpi.watchlistDetailNoSnapshot')
                }
                ignored={ignoredCaption('watchlist')}
                onDrill={() => onDrill(t('dashboard.kpi.watchlist'), { kind: 'watchlist' })}
              />
            )}
          </Box>
        </Box>
      ))}
    </>
  )
}
