import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import LinearProgress from '@mui/material/LinearProgress'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { DashboardFilter, DrillResult } from '../../../../shared/ipc/dashboardContract'
import type { PeriodDays } from '../../../../shared/domain/kpi'
import { isSegment } from '../insight'
import { openCustomer, toFailure } from '../../actions'
import { call } from '../../api/transport'
import { useFormat } from '../../i18n/format'
import { useLoopdeskStore } from '../../store'
import { TableHeader } from '../common/TableHeader'
import { dayStart } from './format'
import type { DrillRequest, Remote } from './useDashboard'

type CustomerRef = { customerId: number; customerNo: string; displayName: string }

/** The customer's name as a link-like button that opens the customer card. */
function CustomerLink({ row, onOpen }: { row: CustomerRef; onOpen(id: number, customerNo: string): void }) {
  return (
    <Button
      size="small"
      sx={{ p: 0, minWidth: 0, textTransform: 'none', textAlign: 'left' }}
      onClick={() => onOpen(row.customerId, row.customerNo)}
    >
      {row.displayName}
    </Button>
  )
}

interface Props {
  request: DrillRequest | null
  days: PeriodDays
  filter: DashboardFilter
  onClose(): void
}

function useDrill(
  request: DrillRequest | null,
  days: PeriodDays,
  filter: DashboardFilter,
): Remote<DrillResult> {
  const key = request ? JSON.stringify({ request, days, filter }) : null
  const [result, setResult] = useState<{ key: string; remote: Remote<DrillResult> } | null>(null)
  useEffect(() => {
    if (!key || !request) return
    let live = true
    call('dashboard.drill', {
      days,
      filter,
      period: request.period,
      target: request.target,
      ...(request.fromDay !== undefined && request.toDay !== undefined
        ? { fromDay: request.fromDay, toDay: request.toDay }
        : {}),
    }).then(
      (value) => live && setResult({ key, remote: { state: 'ok', value } }),
      (err: unknown) => live && setResult({ key, remote: { state: 'error', error: toFailure(err) } }),
    )
    return () => {
      live = false
    }
    // The key stands for request, days and filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return result && result.key === key ? result.remote : { state: 'loading' }
}

/** The customers or loops behind a number: opening a customer shows their card in the call view. */
export function DrillDialog({ request, days, filter, onClose }: Props) {
  const { t } = useTranslation()
  const f = useFormat()
  const remote = useDrill(request, days, filter)
  const open = (customerId: number, customerNo: string) => {
    onClose()
    useLoopdeskStore.getState().setView('call')
    void openCustomer(customerId, customerNo)
  }
  const period =
    request?.fromDay !== undefined && request.toDay !== undefined
      ? t('dashboard.drill.bucket', {
          from: f.date(dayStart(request.fromDay)),
          to: f.date(dayStart(request.toDay - 1)),
        })
      : request?.period === 'previous'
        ? t('dashboard.drill.previousPeriod')
        : t('dashboard.drill.current')
  return (
    <Dialog open={request !== null} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="drill-title">
      <DialogTitle id="drill-title">
        {t('dashboard.drill.title', { label: request?.label ?? '', period })}
      </DialogTitle>
      <DialogContent data-testid="drill-list">
        {remote.state === 'loading' && <LinearProgress aria-label={t('dashboard.drill.loading')} />}
        {remote.state === 'error' && <Alert severity="error">{remote.error.message}</Alert>}
        {remote.state === 'ok' && remote.value.rows.length === 0 && (
          <Typography variant="body2">{t('dashboard.drill.empty')}</Typography>
        )}
        {remote.state === 'ok' && remote.value.kind === 'customers' && remote.value.rows.length > 0 && (
          <Table size="small">
            <TableHeader
              columns={[
                { label: t('dashboard.drill.customer') },
                { label: t('dashboard.drill.segment') },
                { label: t('dashboard.drill.when') },
                { label: t('dashboard.drill.score') },
              ]}
            />
            <TableBody>
              {remote.value.rows.map((r, i) => (
                <TableRow
                  // one row per answer or offer: a customer can appear more than once
                  key={`${r.customerId}-${r.at ?? ''}-${i}`}
                  data-testid="drill-customer"
                  data-customer-id={r.customerId}
                  data-nps={r.nps ?? ''}
                >
                  <TableCell>
                    <CustomerLink row={r} onOpen={open} />{' '}
                    <Typography component="span" variant="caption">
                      {r.customerNo}
                    </Typography>
                  </TableCell>
                  <TableCell>{r.segment && isSegment(r.segment) ? t(`segment.${r.segment}`) : '–'}</TableCell>
                  <TableCell>{r.at === null ? '–' : f.date(r.at)}</TableCell>
                  <TableCell>
                    {r.nps ?? '–'} / {r.intent === null ? '–' : f.percent(r.intent)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {remote.state === 'ok' && remote.value.kind === 'loops' && remote.value.rows.length > 0 && (
          <Table size="small">
            <TableHeader
              columns={[
                { label: t('dashboard.drill.loop') },
                { label: t('dashboard.drill.customer') },
                { label: t('dashboard.drill.state') },
                { label: t('dashboard.drill.assignee') },
                { label: t('dashboard.drill.created') },
              ]}
            />
            <TableBody>
              {remote.value.rows.map((r) => (
                <TableRow key={r.loopId} data-testid="drill-loop">
                  <TableCell>{r.title}</TableCell>
                  <TableCell>
                    <CustomerLink row={r} onOpen={open} />
                  </TableCell>
                  <TableCell>{t(`loopState.${r.state}`)}</TableCell>
                  <TableCell>{r.assignee ?? '–'}</TableCell>
                  <TableCell>{f.date(r.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {remote.state === 'ok' && remote.value.truncated && (
          <Typography variant="caption">
            {t('dashboard.drill.truncated', { count: remote.value.rows.length })}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('dashboard.drill.close')}</Button>
      </DialogActions>
    </Dialog>
  )
}
