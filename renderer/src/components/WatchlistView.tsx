import { useEffect, useState, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import RefreshIcon from '@mui/icons-material/Refresh'
import { useTranslation } from 'react-i18next'
import { SEGMENTS, segmentOf, type Segment } from '../../../shared/domain/segment'
import type { Method, RequestOf, ResponseOf } from '../../../shared/ipc/contract'
import { openFromWatchlist, toFailure } from '../actions'
import { call } from '../api/transport'
import { useFormat } from '../i18n/format'
import type { LookupFailure } from '../store'
import { visuallyHidden } from '../theme'
import { RiskBadge, SEGMENT_COLOR, isRiskFactor, isSegment } from './insight'

const WATCHLIST_THRESHOLD = 60
const WATCHLIST_REQUEST = { threshold: WATCHLIST_THRESHOLD, limit: 50 } as const
const MATRIX_REQUEST = {} as const
const CHURN_MONTHS = 6
const CHURN_REQUEST = { unit: 'month', count: CHURN_MONTHS } as const

const NPS_GROUPS = ['promoter', 'passive', 'detractor'] as const
const INTENT_BANDS = ['high', 'medium', 'low'] as const

type WatchlistEntry = ResponseOf<'insights.watchlist'>[number]
type SegmentMatrix = ResponseOf<'insights.segmentMatrix'>
type ChurnPeriod = ResponseOf<'insights.churn'>[number]

type Remote<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: LookupFailure }

/** Loads one method's answer; `nonce` changes to load it again. The payload must be a stable constant. */
function useRemote<M extends Method>(method: M, payload: RequestOf<M>, nonce: number): Remote<ResponseOf<M>> {
  const [result, setResult] = useState<{ nonce: number; remote: Remote<ResponseOf<M>> } | null>(null)
  useEffect(() => {
    let live = true
    call(method, payload).then(
      (value) => {
        if (live) setResult({ nonce, remote: { state: 'ok', value } })
      },
      (err: unknown) => {
        if (live) setResult({ nonce, remote: { state: 'error', error: toFailure(err) } })
      },
    )
    return () => {
      live = false
    }
  }, [method, payload, nonce])
  return result && result.nonce === nonce ? result.remote : { state: 'loading' }
}

function Panel({
  id,
  title,
  testId,
  children,
  action,
}: {
  id: string
  title: string
  testId?: string
  children: ReactNode
  action?: ReactNode
}) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={id}
      data-testid={testId}
      sx={{ p: { xs: 1.5, md: 2 }, minWidth: 0 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography component="h2" variant="h2" id={id} sx={{ fontSize: '1.15rem' }}>
          {title}
        </Typography>
        {action && <Box sx={{ ml: 'auto' }}>{action}</Box>}
      </Stack>
      {children}
    </Paper>
  )
}

function Loading() {
  const { t } = useTranslation()
  return (
    <Box sx={{ py: 1 }}>
      <LinearProgress aria-label={t('watchlist.loading')} />
    </Box>
  )
}

function Failed({ error }: { error: LookupFailure }) {
  const { t } = useTranslation()
  return (
    <Alert severity="error" variant="outlined" sx={{ py: 0 }} data-testid="insights-error">
      {t('watchlist.failed', { message: error.message })}
    </Alert>
  )
}

function SegmentLabel({ segment }: { segment: string | null }) {
  const { t } = useTranslation()
  if (!isSegment(segment)) {
    return (
      <Box component="span" sx={{ color: 'text.secondary' }}>
        {t('watchlist.noSegment')}
      </Box>
    )
  }
  return <Chip variant="outlined" color={SEGMENT_COLOR[segment]} label={t(`segment.${segment}`)} />
}

function WatchlistTable({ entries, captionId }: { entries: WatchlistEntry[]; captionId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  if (entries.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="watchlist-empty">
        {t('watchlist.empty')}
      </Typography>
    )
  }
  return (
    // At most about ten rows high, so the reports below stay in reach; the header stays in view.
    <Box sx={{ overflow: 'auto', maxHeight: { lg: 440 } }}>
      <Table size="small" stickyHeader aria-labelledby={captionId} data-testid="watchlist-table">
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('watchlist.name')}</TableCell>
            <TableCell scope="col">{t('watchlist.customerNo')}</TableCell>
            <TableCell scope="col">{t('watchlist.segment')}</TableCell>
            <TableCell scope="col">{t('watchlist.risk')}</TableCell>
            <TableCell scope="col" align="right">
              {t('watchlist.value')}
            </TableCell>
            <TableCell scope="col">{t('watchlist.reasons')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => {
            const open = () => openFromWatchlist(entry.customerId, entry.customerNo)
            return (
              <TableRow
                key={entry.customerId}
                hover
                data-testid="watchlist-row"
                data-customer-id={entry.customerId}
                data-score={entry.riskScore}
                onClick={open}
                sx={{ cursor: 'pointer', '& td': { py: 0.5 } }}
              >
                <TableCell component="th" scope="row">
                  <Link
                    component="button"
                    type="button"
                    variant="body2"
                    title={t('watchlist.open', { name: entry.displayName })}
                    onClick={(event: React.MouseEvent) => {
                      event.stopPropagation()
                      open()
                    }}
                    sx={{ fontWeight: 600, textAlign: 'left' }}
                    data-testid="watchlist-open"
                  >
                    {entry.displayName}
                  </Link>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{entry.customerNo}</TableCell>
                <TableCell>
                  <SegmentLabel segment={entry.segment} />
                </TableCell>
                <TableCell>
                  <RiskBadge score={entry.riskScore} />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {fmt.money(entry.valueCents)}
                </TableCell>
                <TableCell>
                  <Box
                    component="ul"
                    sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.5 }}
                  >
                    {entry.topFlags.filter(isRiskFactor).map((factor) => (
                      <li key={factor}>
                        <Chip variant="outlined" label={t(`risk.factor.${factor}`)} data-factor={factor} />
                      </li>
                    ))}
                  </Box>
                </TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </Box>
  )
}

const SEGMENT_BORDER: Record<Segment, string> = {
  loyal_advocate: 'success.main',
  at_risk_promoter: 'warning.main',
  captive_critic: 'warning.main',
  churn_risk: 'error.main',
  undecided: 'divider',
}

function MatrixTable({ matrix }: { matrix: SegmentMatrix }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const total = NPS_GROUPS.reduce(
    (sum, g) => sum + INTENT_BANDS.reduce((s, b) => s + matrix.counts[g][b], 0),
    0,
  )
  return (
    <>
      <Table
        size="small"
        data-testid="segment-matrix"
        sx={{ tableLayout: 'fixed', '& th, & td': { px: 0.75 } }}
      >
        <caption>{t('matrix.caption')}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col" sx={{ width: '15%' }}>
              {t('matrix.corner')}
            </TableCell>
            {INTENT_BANDS.map((band) => (
              <TableCell scope="col" key={band}>
                {t('matrix.band', { band: t(`intentBand.${band}`) })}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {NPS_GROUPS.map((group) => (
            <TableRow key={group}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                {t(`matrix.group.${group}`)}
              </TableCell>
              {INTENT_BANDS.map((band) => {
                const segment = segmentOf(group, band)
                const count = matrix.counts[group][band]
                return (
                  <TableCell
                    key={band}
                    data-testid="segment-matrix-cell"
                    data-segment={segment}
                    data-count={count}
                    sx={{
                      borderLeft: '4px solid',
                      borderLeftColor: SEGMENT_BORDER[segment],
                      verticalAlign: 'top',
                    }}
                  >
                    <Box
                      sx={{
                        fontWeight: 600,
                        fontSize: '0.8125rem',
                        lineHeight: 1.3,
                        overflowWrap: 'anywhere',
                      }}
                    >
                      {t(`segment.${segment}`)}
                    </Box>
                    <Box sx={{ color: 'text.secondary' }}>
                      {t('matrix.customers', { count, formatted: fmt.number(count) })}
                      {total > 0 ? ` · ${fmt.percent(count / total)}` : ''}
                    </Box>
                  </TableCell>
                )
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 0.5, mb: 0, px: 2 }}>
        {t('matrix.unassessed', { count: fmt.number(matrix.unassessed) })}
      </Typography>
    </>
  )
}

const CHURN_ROWS = ['overall', ...SEGMENTS, 'none'] as const
type ChurnRow = (typeof CHURN_ROWS)[number]

function ChurnTable({ periods }: { periods: ChurnPeriod[] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const label = (row: ChurnRow) =>
    row === 'overall' ? t('churn.overall') : row === 'none' ? t('churn.none') : t(`segment.${row}`)
  const stats = (period: ChurnPeriod, row: ChurnRow) =>
    row === 'overall' ? period.overall : (period.bySegment[row] ?? null)
  return (
    <>
      {/* Focusable so keyboard users can scroll it when the columns do not fit. */}
      <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="churn-heading">
        <Table size="small" data-testid="churn-table" sx={{ '& th, & td': { px: 1 } }}>
          <caption>
            {t('churn.caption', { count: periods.length })}. {t('churn.note')}
          </caption>
          <TableHead>
            <TableRow>
              <TableCell scope="col">{t('churn.segment')}</TableCell>
              {periods.map((p) => (
                <TableCell scope="col" key={p.label} align="right">
                  <time dateTime={p.label}>{fmt.monthYear(p.start)}</time>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {CHURN_ROWS.map((row) => (
              <TableRow key={row} data-testid="churn-row" data-row={row}>
                <TableCell component="th" scope="row" sx={{ fontWeight: row === 'overall' ? 700 : 400 }}>
                  {label(row)}
                </TableCell>
                {periods.map((p) => {
                  const s = stats(p, row)
                  const rate = s?.churnRate ?? null
                  return (
                    <TableCell
                      key={p.label}
                      align="right"
                      data-rate={rate ?? ''}
                      sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: row === 'overall' ? 700 : 400 }}
                    >
                      {rate === null ? (
                        <>
                          <span aria-hidden="true">–</span>
                          <Box component="span" sx={visuallyHidden}>
                            {t('churn.noCustomers')}
                          </Box>
                        </>
                      ) : (
                        fmt.percentPrecise(rate)
                      )}
                    </TableCell>
                  )
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  )
}

/** Customers worth a call before they leave, the segment matrix and the churn rate per month. */
export function WatchlistView() {
  const { t } = useTranslation()
  const [nonce, setNonce] = useState(0)
  const watchlist = useRemote('insights.watchlist', WATCHLIST_REQUEST, nonce)
  const matrix = useRemote('insights.segmentMatrix', MATRIX_REQUEST, nonce)
  const churn = useRemote('insights.churn', CHURN_REQUEST, nonce)
  const loading = watchlist.state === 'loading' || matrix.state === 'loading' || churn.state === 'loading'

  return (
    <Stack spacing={2} data-testid="watchlist-view" aria-busy={loading}>
      <Panel
        id="watchlist-heading"
        title={t('watchlist.title')}
        testId="watchlist"
        action={
          <Button
            variant="outlined"
            startIcon={<RefreshIcon aria-hidden="true" />}
            onClick={() => setNonce((n) => n + 1)}
            disabled={loading}
            data-testid="watchlist-refresh"
          >
            {t('watchlist.refresh')}
          </Button>
        }
      >
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
          {t('watchlist.intro', { threshold: WATCHLIST_THRESHOLD, segment: t('segment.at_risk_promoter') })}
        </Typography>
        {watchlist.state === 'loading' && <Loading />}
        {watchlist.state === 'error' && <Failed error={watchlist.error} />}
        {watchlist.state === 'ok' && (
          <WatchlistTable entries={watchlist.value} captionId="watchlist-heading" />
        )}
      </Panel>

      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' },
          alignItems: 'start',
        }}
      >
        <Panel id="segment-matrix-heading" title={t('matrix.title')} testId="segment-matrix-section">
          {matrix.state === 'loading' && <Loading />}
          {matrix.state === 'error' && <Failed error={matrix.error} />}
          {matrix.state === 'ok' && <MatrixTable matrix={matrix.value} />}
        </Panel>
        <Panel id="churn-heading" title={t('churn.title')} testId="churn-section">
          {churn.state === 'loading' && <Loading />}
          {churn.state === 'error' && <Failed error={churn.error} />}
          {churn.state === 'ok' && <ChurnTable periods={churn.value} />}
        </Panel>
      </Box>
    </Stack>
  )
}
