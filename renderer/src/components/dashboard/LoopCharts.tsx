import { BarChart } from '@mui/x-charts/BarChart'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTheme } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ChartCard } from './ChartCard'
import { ChartDataTable } from './ChartDataTable'
import { dayStart } from './format'
import type { DrillableSectionProps, DrillRequest } from './useDashboard'

const STAGES = ['opened', 'assigned', 'firstAction', 'informed', 'resolved'] as const
const HEIGHT = 240

/** How far the period's loops got: opened -> assigned -> first action -> informed -> resolved. */
export function LoopFunnelChart({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const l = summary.current.loops
  const labels = STAGES.map((s) => t(`dashboard.charts.funnelStage.${s}`))
  const values = [l.opened, l.assigned, l.firstAction, l.informed, l.resolvedOfOpened]
  const drillStage = (i: number): DrillRequest | undefined => {
    const stage = STAGES[i]
    if (!stage) return undefined
    // "Resolved" in the funnel means: opened in the period and resolved since.
    return {
      label: labels[i] ?? stage,
      target: { kind: 'loops', stage: stage === 'resolved' ? 'resolvedOfOpened' : stage },
      period: 'current',
    }
  }
  const table = (
    <ChartDataTable
      testId="chart-funnel-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colStage') },
          { label: t('dashboard.charts.colLoops'), align: 'right' },
          { label: t('dashboard.charts.colShare'), align: 'right' },
        ],
        rows: STAGES.map((s, i) => {
          const drill = drillStage(i)
          const n = values[i] ?? 0
          return {
            key: s,
            cells: [
              { text: labels[i] ?? s, ...(drill ? { drill } : {}) },
              { text: f.number(n) },
              { text: l.opened > 0 ? f.percent(n / l.opened) : t('dashboard.kpi.none') },
            ],
          }
        }),
      }}
    />
  )
  return (
    <ChartCard id="chart-funnel" title={t('dashboard.charts.funnel')} ignored={ignored} table={table}>
      <BarChart
        height={HEIGHT}
        skipAnimation
        layout="horizontal"
        yAxis={[{ scaleType: 'band', data: labels, width: 120 }]}
        series={[{ id: 'funnel', data: values, label: t('dashboard.kpi.loopsOpened') }]}
        hideLegend
        onItemClick={(_event, item) => {
          const drill = drillStage(item.dataIndex)
          if (drill) onDrill(drill)
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
  const drillPoint = (i: number, sla: boolean): DrillRequest | undefined => {
    const bucket = summary.trend[i]
    if (!bucket) return undefined
    const date = labels[i] ?? ''
    return {
      label: t(sla ? 'dashboard.charts.slaPoint' : 'dashboard.charts.closurePoint', { date }),
      target: { kind: 'loops', stage: sla ? 'slaMissed' : 'resolvedOfOpened' },
      period: 'current',
      fromDay: bucket.fromDay,
      toDay: bucket.toDay,
    }
  }
  const none = t('dashboard.kpi.none')
  // A value opens its point's list, as a click on the point does; no point, no button.
  const cell = (share: number | null, i: number, sla: boolean) => {
    const drill = share === null ? undefined : drillPoint(i, sla)
    return { text: share === null ? none : f.percent(share), ...(drill ? { drill } : {}) }
  }
  const table = (
    <ChartDataTable
      testId="chart-sla-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colStart') },
          { label: t('dashboard.charts.sla'), align: 'right' },
          { label: t('dashboard.charts.closure'), align: 'right' },
        ],
        rows: summary.trend.map((b, i) => ({
          key: String(b.fromDay),
          cells: [{ text: labels[i] ?? '' }, cell(b.slaCompliance, i, true), cell(b.closureRate, i, false)],
        })),
      }}
    />
  )
  return (
    <ChartCard
      id="chart-sla"
      title={t('dashboard.charts.slaTrend')}
      hint={t('dashboard.charts.slaTrendHint')}
      ignored={ignored}
      table={table}
    >
      <LineChart
        onMarkClick={(_event, item) => {
          const drill = drillPoint(item.dataIndex ?? -1, item.seriesId === 'sla')
          if (drill) onDrill(drill)
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
