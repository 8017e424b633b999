import { BarChart } from '@mui/x-charts/BarChart'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import type { DashboardSummary } from '../../../../shared/ipc/dashboardContract'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import { dayStart } from './format'
import type { DrillableSectionProps } from './useDashboard'

const STAGES = ['opened', 'assigned', 'firstAction', 'informed', 'resolved'] as const
const HEIGHT = 240

/** How far the period's loops got: opened -> assigned -> first action -> informed -> resolved. */
export function LoopFunnelChart({ summary, onDrill }: DrillableSectionProps) {
  const { t } = useTranslation()
  const l = summary.current.loops
  const labels = STAGES.map((s) => t(`dashboard.charts.funnelStage.${s}`))
  const values = [l.opened, l.assigned, l.firstAction, l.informed, l.resolvedOfOpened]
  return (
    <ChartCard id="chart-funnel" title={t('dashboard.charts.funnel')}>
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
            target: { kind: 'loops', stage: stage === 'resolved' ? 'opened' : stage },
            period: 'current',
          })
        }}
      />
    </ChartCard>
  )
}

/** SLA compliance and closure rate per trend bucket, in percent. */
export function SlaTrendChart({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation()
  const f = useFormat()
  const theme = useTheme()
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 100))
  return (
    <ChartCard id="chart-sla" title={t('dashboard.charts.slaTrend')}>
      <LineChart
        height={HEIGHT}
        skipAnimation
        xAxis={[{ scaleType: 'point', data: summary.trend.map((b) => f.date(dayStart(b.fromDay))) }]}
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
