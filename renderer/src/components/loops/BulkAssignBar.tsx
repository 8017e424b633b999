import { useState } from 'react'
import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { afterLoopChange } from '../../loops/loopsActions'
import { useLoopsStore } from '../../loops/loopsStore'
import type { SKIP_CODES } from '../../../../shared/ipc/loopsContract'

const STRATEGIES = ['round_robin', 'language', 'workload'] as const
type Strategy = (typeof STRATEGIES)[number]

type Outcome = { severity: 'success' | 'warning' | 'error'; text: string } | null

/** Skip reasons are short English phrases from the core; the first few are enough to act on. */
type Skipped = Array<{ id: number; reason: string; code?: (typeof SKIP_CODES)[number] | undefined }>

const MAX_REASONS_SHOWN = 3

/** Assigns the selected loops to one agent, or spreads them automatically by a strategy. */
export function BulkAssignBar({
  selectedIds,
  totalLoaded,
  onSelectLoaded,
  onClear,
}: {
  selectedIds: number[]
  totalLoaded: number
  onSelectLoaded(): void
  onClear(): void
}) {
  const { t } = useTranslation()
  const agents = useLoopsStore((s) => s.users).filter((u) => u.role === 'agent')
  const [assignee, setAssignee] = useState('')
  const [strategy, setStrategy] = useState<Strategy>('round_robin')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const none = selectedIds.length === 0

  const report = (updated: number, skipped: Skipped) => {
    const done = t('loops.bulk.done', { count: updated })
    if (skipped.length === 0) return setOutcome({ severity: 'success', text: done })
    const reasons = [...new Set(skipped.map((s) => (s.code ? t(`loops.bulk.skip.${s.code}`) : s.reason)))]
      .slice(0, MAX_REASONS_SHOWN)
      .join('; ')
    setOutcome({
      severity: 'warning',
      text: `${done} ${t('loops.bulk.skipped', { count: skipped.length, reasons })}`,
    })
  }

  const run = async (work: () => Promise<{ updated: number; skipped: Skipped }>) => {
    setBusy(true)
    setOutcome(null)
    try {
      const result = await work()
      report(result.updated, result.skipped)
      onClear()
      afterLoopChange()
    } catch (err) {
      setOutcome({ severity: 'error', text: t('loops.bulk.failed', { message: toFailure(err).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack spacing={1} component="section" aria-label={t('loops.bulk.label')} data-testid="bulk-assign">
      <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, minWidth: 110 }}
          data-testid="bulk-count"
          aria-live="polite"
        >
          {t('loops.queue.selected', { count: selectedIds.length })}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={onSelectLoaded}
          disabled={totalLoaded === 0}
          data-testid="select-loaded"
        >
          {t('loops.queue.selectLoaded', { count: totalLoaded })}
        </Button>
        <Button size="small" onClick={onClear} disabled={none} data-testid="clear-selection">
          {t('loops.queue.clearSelection')}
        </Button>
        <TextField
          select
          size="small"
          id="bulk-assignee"
          label={t('loops.bulk.assignee')}
          value={assignee}
          onChange={(event) => setAssignee(event.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 180 }}
        >
          <option value="">{t('loops.bulk.choose')}</option>
          {agents.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </TextField>
        <Button
          variant="contained"
          size="small"
          disabled={none || assignee === '' || busy}
          onClick={() =>
            void run(() => call('loops.assign', { ids: selectedIds, assigneeId: Number(assignee) }))
          }
          data-testid="bulk-assign-button"
        >
          {t('loops.bulk.assign')}
        </Button>
        <TextField
          select
          size="small"
          id="bulk-strategy"
          label={t('loops.bulk.strategy')}
          value={strategy}
          onChange={(event) => {
            const next = STRATEGIES.find((s) => s === event.target.value)
            if (next) setStrategy(next)
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 150 }}
        >
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t(`loops.strategy.${s}`)}
            </option>
          ))}
        </TextField>
        <Button
          variant="outlined"
          size="small"
          disabled={none || busy}
          onClick={() => void run(() => call('loops.autoAssign', { ids: selectedIds, strategy }))}
          data-testid="auto-assign-button"
        >
          {t('loops.bulk.auto')}
        </Button>
      </Stack>
      {outcome && (
        <Alert
          severity={outcome.severity}
          variant="outlined"
          sx={{ py: 0 }}
          data-testid="bulk-outcome"
          role="status"
        >
          {outcome.text}
        </Alert>
      )}
    </Stack>
  )
}
