import { BarChart } from '@mui/x-charts/BarChart'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import { dayStart } from './format'
import type { DrillableSectionProps } from './useDashboard'

const STAGES = ['opened', 'assigned', 'firstAction', 'informed', 'resolved'] as const
const HEIGHT = 240

/** How far the period's loops got: opened -> assigned -> first action -> informed -> resolved. */
export function LoopFunnelChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const l = summary.current.loops
  const labels = STAGES.map((s) => t(`dashboard.charts.funnelStage.${s}`))
  const values = [l.opened, l.assigned, l.firstAction, l.informed, l.resolvedOfOpened]
  return (
    <ChartCard id="chart-funnel" title={t('dashboard.charts.funnel')} ignored={ignored}>
      <BarChart
        height={HEIGHT}
        skipAnimation
        layout="horizontal"
        yAxis={[{ scaleType: 'band', data: labels, width: 120 }]}
        series={[{ id: 'funnel', data: values, label: t('dashboard.kpi.loopsOpened') }]}
        hideLegend
        onItemClick={(_event, item) => {
          const stage = STAGES[item.dataIndex]
          if (!stage) return
          // "Resolved" in the funnel means: opened in the period and resolved since.
          onDrill({
            label: labels[item.dataIndex] ?? stage,
            target: { kind: 'loops', stage: stage === 'resolved' ? 'resolvedOfOpened' : stage },
            period: 'current',
          })
        }}
      />
    </ChartCard>
  )
}

/**
 * SLA compliance and closure rate per trend bucket, in percent. A point opens that bucket's loops:
 * those that missed the SLA, or those opened and resolved.
 */
export function SlaTrendChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const theme = useTheme()
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 100))
  const labels = summary.trend.map((b) => f.date(dayStart(b.fromDay)))
  return (
    <ChartCard
      id="chart-sla"
      title={t('dashboard.charts.slaTrend')}
      hint={t('dashboard.charts.slaTrendHint')}
      ignored={ignored}
    >
      <LineChart
        onMarkClick={(_event, item) => {
          const bucket = summary.trend[item.dataIndex ?? -1]
          if (!bucket) return
          const sla = item.seriesId === 'sla'
          const date = labels[item.dataIndex ?? 0] ?? ''
          onDrill({
            label: t(sla ? 'dashboard.charts.slaPoint' : 'dashboard.charts.closurePoint', { date }),
            target: { kind: 'loops', stage: sla ? 'slaMissed' : 'resolvedOfOpened' },
            period: 'current',
            fromDay: bucket.fromDay,
            toDay: bucket.toDay,
          })
        }}
        height={HEIGHT}
        skipAnimation
        xAxis={[{ scaleType: 'point', data: labels }]}
        yAxis={[{ min: 0, max: 100 }]}
        series={[
          {
            id: 'sla',
            data: summary.trend.map((b) => pct(b.slaCompliance)),
            label: t('dashboard.charts.sla'),
            color: theme.palette.success.dark,
            connectNulls: true,
          },
          {
            id: 'closure',
            data: summary.trend.map((b) => pct(b.closureRate)),
            label: t('dashboard.charts.closure'),
            color: theme.palette.primary.dark,
            connectNulls: true,
          },
        ]}
      />
    </ChartCard>
  )
}
