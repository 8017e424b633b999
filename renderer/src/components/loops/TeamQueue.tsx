import { useMemo, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { openLoop } from '../../loops/loopsActions'
import { useCan, useLoopsStore, type LoopRow } from '../../loops/loopsStore'
import { useQueuePages } from '../../loops/useQueuePages'
import { useLoopdeskStore } from '../../store'
import { BulkAssignBar } from './BulkAssignBar'
import { NO_FILTERS, toQueueQuery, type FilterValues } from '../../loops/queueQuery'
import { QueueFilters } from './QueueFilters'
import { QueueTable } from './QueueTable'
import { WorkloadPanel } from './WorkloadPanel'

/** The contract takes at most this many ids per bulk request. */
const MAX_SELECTION = 5000

/** The team lead's queue: every open loop, filtered and sorted, with bulk and automatic assignment. */
export function TeamQueue() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const revision = useLoopsStore((s) => s.revision)
  const canAssign = useCan('loop.assign_others')
  const [values, setValues] = useState<FilterValues>(NO_FILTERS)
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  const query = useMemo(() => toQueueQuery(values), [values])
  const pages = useQueuePages(query, revision)

  const changeFilters = (next: FilterValues) => {
    setValues(next)
    // A selection made under other filters would assign rows the user no longer sees.
    setSelected(new Set())
  }
  const toggle = (row: LoopRow) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (next.has(row.id)) next.delete(row.id)
      else if (next.size < MAX_SELECTION) next.add(row.id)
      return next
    })
  const selectLoaded = () => setSelected(new Set(pages.loadedRows.slice(0, MAX_SELECTION).map((r) => r.id)))

  return (
    <Box
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 1fr) 300px' } }}
      data-testid="team-queue"
    >
      <Paper component="section" variant="outlined" aria-labelledby="queue-title" sx={{ p: 2, minWidth: 0 }}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
            <Typography component="h2" variant="h2" id="queue-title" sx={{ fontSize: '1.15rem' }}>
              {t('loops.queue.title')}
            </Typography>
            {pages.total !== null && (
              <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="queue-total">
                {t('loops.queue.count', { count: pages.total, formatted: fmt.number(pages.total) })}
              </Typography>
            )}
            <Link
              component="button"
              type="button"
              variant="body2"
              sx={{ ml: 'auto' }}
              onClick={() => useLoopdeskStore.getState().setView('watchlist')}
              data-testid="queue-watchlist"
            >
              {t('loops.queue.watchlist')}
            </Link>
          </Stack>
          <QueueFilters values={values} onChange={changeFilters} />
          {canAssign && (
            <BulkAssignBar
              selectedIds={[...selected]}
              totalLoaded={Math.min(pages.loadedRows.length, MAX_SELECTION)}
              onSelectLoaded={selectLoaded}
              onClear={() => setSelected(new Set())}
            />
          )}
          {pages.error && (
            <Alert severity="error" variant="outlined" sx={{ py: 0 }} data-testid="queue-error">
              {t('loops.failed', { message: pages.error.message })}
            </Alert>
          )}
          <QueueTable
            pages={pages}
            label={t('loops.queue.table')}
            selection={canAssign ? { selected, toggle } : undefined}
            showAssignee
            onOpen={(row) => openLoop(row.id)}
            testId="queue-table"
          />
        </Stack>
      </Paper>
      {canAssign && (
        <Paper variant="outlined" sx={{ p: 2, alignSelf: 'start' }}>
          <WorkloadPanel />
        </Paper>
      )}
    </Box>
  )
}
