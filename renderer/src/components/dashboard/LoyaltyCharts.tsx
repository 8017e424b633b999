import { BarChart } from '@mui/x-charts/BarChart'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import { dayStart } from './format'
import type { DrillableSectionProps } from './useDashboard'

const GROUPS = ['promoter', 'passive', 'detractor'] as const
const HEIGHT = 240

/** NPS per trend bucket with its 95 % interval drawn as a band (stacked areas: low, then high - low). */
export function NpsTrendChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const theme = useTheme()
  const labels = summary.trend.map((b) => f.date(dayStart(b.fromDay)))
  const low = summary.trend.map((b) => (b.low === null ? null : Math.round(b.low)))
  const band = summary.trend.map((b) =>
    b.low === null || b.high === null ? null : Math.round(b.high - b.low),
  )
  return (
    <ChartCard
      id="chart-nps-trend"
      title={t('dashboard.charts.npsTrend')}
      hint={t('dashboard.charts.npsTrendHint')}
      ignored={ignored}
    >
      <LineChart
        height={HEIGHT}
        skipAnimation
        xAxis={[{ scaleType: 'point', data: labels }]}
        yAxis={[{ min: -100, max: 100 }]}
        series={[
          {
            id: 'low',
            data: low,
            stack: 'band',
            area: true,
            showMark: false,
            color: 'transparent',
            label: t('dashboard.charts.npsLow'),
          },
          {
            id: 'band',
            data: band,
            stack: 'band',
            area: true,
            showMark: false,
            color: theme.palette.primary.light,
            label: t('dashboard.charts.npsBand'),
          },
          {
            id: 'nps',
            data: summary.trend.map((b) => (b.nps === null ? null : Math.round(b.nps))),
            color: theme.palette.primary.dark,
            label: t('dashboard.charts.npsLine'),
          },
        ]}
        hideLegend
        onAxisClick={(_event, data) => {
          const bucket = data ? summary.trend[data.dataIndex] : undefined
          if (bucket)
            onDrill({
              label: t('dashboard.charts.npsTrendPoint', { date: labels[data?.dataIndex ?? 0] ?? '' }),
              target: { kind: 'answers' },
              period: 'current',
              fromDay: bucket.fromDay,
              toDay: bucket.toDay,
            })
        }}
      />
    </ChartCard>
  )
}

/** Promoters, passives and detractors of the period; a bar click lists those customers. */
export function NpsGroupsChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const theme = useTheme()
  const labels = GROUPS.map((g) => t(`npsGroup.${g}`))
  const k = summary.current.nps
  return (
    <ChartCard
      id="chart-nps-groups"
      title={t('dashboard.charts.npsGroups')}
      hint={t('dashboard.charts.npsGroupsHint')}
      ignored={ignored}
    >
      <BarChart
        height={HEIGHT}
        skipAnimation
        xAxis={[
          {
            scaleType: 'band',
            data: labels,
            colorMap: {
              type: 'ordinal',
              values: labels,
              colors: [theme.palette.success.main, theme.palette.grey[500], theme.palette.error.main],
            },
          },
        ]}
        series={[
          {
            id: 'groups',
            data: [k.promoters, k.passives, k.detractors],
            label: t('dashboard.charts.answers'),
          },
        ]}
        hideLegend
        onItemClick={(_event, item) => {
          const group = GROUPS[item.dataIndex]
          if (group)
            onDrill({
              label: labels[item.dataIndex] ?? group,
              target: { kind: 'nps', group },
              period: 'current',
            })
        }}
      />
    </ChartCard>
  )
}

/** Purchase intent answers per tenth (0-10 %, ..., 100 %). */
export function IntentChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const labels = summary.current.intent.distribution.map((_n, i) =>
    i === 10 ? '100 %' : t('dashboard.charts.intentBucket', { from: i * 10, to: i * 10 + 9 }),
  )
  return (
    <ChartCard id="chart-intent" title={t('dashboard.charts.intent')} ignored={ignored}>
      <BarChart
        height={HEIGHT}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: labels, tickLabelStyle: { fontSize: 10 } }]}
        series={[
          { id: 'intent', data: summary.current.intent.distribution, label: t('dashboard.charts.answers') },
        ]}
        hideLegend
        onItemClick={(_event, item) =>
          onDrill({
            label: `${t('dashboard.kpi.intentAvg')} ${labels[item.dataIndex] ?? ''}`,
            target: { kind: 'intent', bucket: item.dataIndex },
            period: 'current',
          })
        }
      />
    </ChartCard>
  )
}
