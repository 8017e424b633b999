import Button from '@mui/material/Button'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { LineChart } from '@mui/x-charts/LineChart'
import { useTranslation } from 'react-i18next'
import { rate } from '../../../../shared/domain/kpi'
import { useFormat } from '../../i18n/format'
import { TableHeader } from '../common/TableHeader'
import { ChartCard } from './ChartCard'
import { ChartDataTable } from './ChartDataTable'
import { dayStart, isTopic } from './format'
import type { DrillableSectionProps, DrillRequest } from './useDashboard'

/** Top root-cause topics of the comments with the previous period and their trend (the outer loop). */
export function TopicSection({ summary, onDrill, ignored }: DrillableSectionProps) {
  const { t } = useTranslation()
  const f = useFormat()
  const name = (topic: string) => (isTopic(topic) ? t(`dashboard.topic.${topic}`) : topic)
  const top = summary.topics.slice(0, 5)
  const labels = summary.trend.map((b) => f.date(dayStart(b.fromDay)))
  const drillPoint = (topic: string, i: number): DrillRequest | undefined => {
    const bucket = summary.trend[i]
    if (!bucket || !top.some((x) => x.topic === topic)) return undefined
    return {
      label: t('dashboard.charts.topicPoint', { topic: name(topic), date: labels[i] ?? '' }),
      target: { kind: 'topic', topic },
      period: 'current',
      fromDay: bucket.fromDay,
      toDay: bucket.toDay,
    }
  }
  // The trend lines' points by stretch (rows) and topic (columns), each count a button.
  const table = top.length > 0 && (
    <ChartDataTable
      testId="chart-topics-values"
      onDrill={onDrill}
      spec={{
        columns: [
          { label: t('dashboard.charts.colStart') },
          ...top.map((x) => ({ label: name(x.topic), align: 'right' as const })),
        ],
        rows: summary.trend.map((b, i) => ({
          key: String(b.fromDay),
          cells: [
            { text: labels[i] ?? '' },
            ...top.map((x) => {
              const n = x.trend[i] ?? 0
              const drill = n > 0 ? drillPoint(x.topic, i) : undefined
              return { text: f.number(n), ...(drill ? { drill } : {}) }
            }),
          ],
        })),
      }}
    />
  )
  return (
    <ChartCard
      id="chart-topics"
      title={t('dashboard.charts.topics')}
      hint={t('dashboard.charts.topicsHint')}
      ignored={ignored}
      table={table || undefined}
    >
      {summary.topics.length === 0 ? (
        <Typography variant="body2">{t('dashboard.charts.noData')}</Typography>
      ) : (
        <>
          <LineChart
            height={220}
            skipAnimation
            xAxis={[{ scaleType: 'point', data: labels }]}
            series={top.map((topic) => ({
              id: topic.topic,
              data: topic.trend,
              label: name(topic.topic),
            }))}
            onMarkClick={(_event, item) => {
              const drill = drillPoint(String(item.seriesId), item.dataIndex ?? -1)
              if (drill) onDrill(drill)
            }}
          />
          <Table size="small">
            <TableHeader
              columns={[
                { label: t('dashboard.charts.topicCol') },
                { label: t('dashboard.charts.mentions'), align: 'right' },
                { label: t('dashboard.charts.previous'), align: 'right' },
                { label: t('dashboard.charts.detractorShare'), align: 'right' },
              ]}
            />
            <TableBody>
              {summary.topics.map((topic) => {
                const share = rate(topic.detractors, topic.mentions)
                return (
                  <TableRow key={topic.topic}>
                    <TableCell>
                      <Button
                        size="small"
                        sx={{ p: 0, minWidth: 0, textTransform: 'none' }}
                        onClick={() =>
                          onDrill({
                            label: name(topic.topic),
                            target: { kind: 'topic', topic: topic.topic },
                            period: 'current',
                          })
                        }
                      >
                        {name(topic.topic)}
                      </Button>
                    </TableCell>
                    <TableCell align="right">{f.number(topic.mentions)}</TableCell>
                    <TableCell align="right">{f.number(topic.previous)}</TableCell>
                    <TableCell align="right">{share === null ? '–' : f.percent(share)}</TableCell>
                  </TableRow>
                )
              })}
            </TableBody>
          </Table>
        </>
      )}
    </ChartCard>
  )
}
