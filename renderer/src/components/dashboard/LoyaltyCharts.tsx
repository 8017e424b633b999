import { BarChart } from '@mui/x-charts/BarChart'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import { ChartDataTable } from './ChartDataTable'
import { dayStart } from './format'
import type { DrillableSectionProps, DrillRequest } from './useDashboard'

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
  const drillBucket = (i: number): DrillRequest | undefined => {
    const bucket = summary.trend[i]
    if (!bucket) return undefined
    return {
      label: t('dashboard.charts.npsTrendPoint', { date: labels[i] ?? '' }),
      target: { kind: 'answers' },
      period: 'current',
      fromDay: bucket.fromDay,
      toDay: bucket.toDay,
    }
  }
  const none = t('dashboard.kpi.none')
  const whole = (x: number | null) => (x === null ? none : f.number(Math.round(x)))
  const table = (
    <ChartDataTable
      testId="chart-nps-trend-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colStart') },
          { label: t('dashboard.charts.answers'), align: 'right' },
          { label: t('dashboard.charts.npsLine'), align: 'right' },
          { label: t('dashboard.charts.colInterval'), align: 'right' },
        ],
        rows: summary.trend.map((b, i) => {
          const drill = drillBucket(i)
          return {
            key: String(b.fromDay),
            cells: [
              { text: labels[i] ?? '' },
              { text: f.number(b.n), ...(drill && b.n > 0 ? { drill } : {}) },
              { text: whole(b.nps) },
              { text: b.low === null || b.high === null ? none : `${whole(b.low)} – ${whole(b.high)}` },
            ],
          }
        }),
      }}
    />
  )
  return (
    <ChartCard
      id="chart-nps-trend"
      title={t('dashboard.charts.npsTrend')}
      hint={t('dashboard.charts.npsTrendHint')}
      ignored={ignored}
      table={table}
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
          const drill = data ? drillBucket(data.dataIndex) : undefined
          if (drill) onDrill(drill)
        }}
      />
    </ChartCard>
  )
}

/** Promoters, passives and detractors of the period; a bar click lists those customers. */
export function NpsGroupsChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const theme = useTheme()
  const labels = GROUPS.map((g) => t(`npsGroup.${g}`))
  const k = summary.current.nps
  const counts = [k.promoters, k.passives, k.detractors]
  const drillGroup = (i: number): DrillRequest | undefined => {
    const group = GROUPS[i]
    return group && { label: labels[i] ?? group, target: { kind: 'nps', group }, period: 'current' }
  }
  const table = (
    <ChartDataTable
      testId="chart-nps-groups-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colGroup') },
          { label: t('dashboard.charts.answers'), align: 'right' },
          { label: t('dashboard.charts.colShare'), align: 'right' },
        ],
        rows: GROUPS.map((g, i) => {
          const drill = drillGroup(i)
          const n = counts[i] ?? 0
          return {
            key: g,
            cells: [
              { text: labels[i] ?? g, ...(drill ? { drill } : {}) },
              { text: f.number(n) },
              { text: k.n > 0 ? f.percent(n / k.n) : t('dashboard.kpi.none') },
            ],
          }
        }),
      }}
    />
  )
  return (
    <ChartCard
      id="chart-nps-groups"
      title={t('dashboard.charts.npsGroups')}
      hint={t('dashboard.charts.npsGroupsHint')}
      ignored={ignored}
      table={table}
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
            data: counts,
            label: t('dashboard.charts.answers'),
          },
        ]}
        hideLegend
        onItemClick={(_event, item) => {
          const drill = drillGroup(item.dataIndex)
          if (drill) onDrill(drill)
        }}
      />
    </ChartCard>
  )
}

/** Purchase intent answers per tenth (0-10 %, ..., 100 %). */
export function IntentChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const labels = summary.current.intent.distribution.map((_n, i) =>
    i === 10 ? '100 %' : t('dashboard.charts.intentBucket', { from: i * 10, to: i * 10 + 9 }),
  )
  const drillBucket = (i: number): DrillRequest => ({
    label: `${t('dashboard.kpi.intentAvg')} ${labels[i] ?? ''}`,
    target: { kind: 'intent', bucket: i },
    period: 'current',
  })
  const table = (
    <ChartDataTable
      testId="chart-intent-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colIntent') },
          { label: t('dashboard.charts.answers'), align: 'right' },
        ],
        rows: summary.current.intent.distribution.map((n, i) => ({
          key: String(i),
          cells: [
            { text: labels[i] ?? '' },
            { text: f.number(n), ...(n > 0 ? { drill: drillBucket(i) } : {}) },
          ],
        })),
      }}
    />
  )
  return (
    <ChartCard id="chart-intent" title={t('dashboard.charts.intent')} ignored={ignored} table={table}>
      <BarChart
        height={HEIGHT}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: labels, tickLabelStyle: { fontSize: 10 } }]}
        series={[
          { id: 'intent', data: summary.current.intent.distribution, label: t('dashboard.charts.answers') },
        ]}
        hideLegend
        onItemClick={(_event, item) => onDrill(drillBucket(item.dataIndex))}
      />
    </ChartCard>
  )
}
