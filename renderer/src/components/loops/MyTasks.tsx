import Alert from '@mui/material/Alert'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { openLoop, openLoopCustomer } from '../../loops/loopsActions'
import { useLoopsStore } from '../../loops/loopsStore'
import { useQueuePages, type QueueQuery } from '../../loops/useQueuePages'
import { QueueTable } from './QueueTable'

/** An agent's own open loops, the most urgent due date first. */
const MY_TASKS: QueueQuery = { filter: { states: 'open', assignee: 'me' }, sort: 'due' }

/** "Meine Aufgaben": one click opens the customer card in the call view and the loop beside it. */
export function MyTasks() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const revision = useLoopsStore((s) => s.revision)
  const pages = useQueuePages(MY_TASKS, revision)
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="my-tasks-title"
      sx={{ p: 2 }}
      data-testid="my-tasks"
    >
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
          <Typography component="h2" variant="h2" id="my-tasks-title" sx={{ fontSize: '1.15rem' }}>
            {t('loops.mine.title')}
          </Typography>
          {pages.total !== null && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="my-tasks-total">
              {t('loops.queue.count', { count: pages.total, formatted: fmt.number(pages.total) })}
            </Typography>
          )}
        </Stack>
        {pages.error && (
          <Alert severity="error" variant="outlined" sx={{ py: 0 }}>
            {t('loops.failed', { message: pages.error.message })}
          </Alert>
        )}
        {pages.total === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="my-tasks-empty">
            {t('loops.mine.empty')}
          </Typography>
        ) : (
          <QueueTable
            pages={pages}
            label={t('loops.mine.title')}
            showAssignee={false}
            onOpen={(row) => {
              openLoop(row.id)
              openLoopCustomer(row.customerId, row.customerNo)
            }}
            testId="my-tasks-table"
          />
        )}
      </Stack>
    </Paper>
  )
}
