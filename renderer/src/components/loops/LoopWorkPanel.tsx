import { useState, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import {
  INFORMED_CHANNELS,
  isFinished,
  pathToInformed,
  type InformedChannel,
  type LoopStateName,
} from '../../../../shared/domain/loopLifecycle'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { afterLoopChange } from '../../loops/loopsActions'
import type { LoopDetail } from '../../loops/loopsStore'
import { FormButton, TextInput } from './FormFields'

/** Moves offered as plain buttons; informing and resolving have their own forms. */
const FORM_MOVES: readonly LoopStateName[] = ['customer_informed', 'resolved']

type Feedback = { severity: 'success' | 'error'; text: string } | null

/** Runs one save at a time and reports its outcome in a live region next to the form. */
function useSave() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<Feedback>(null)
  const run = async (work: () => Promise<unknown>, onDone?: () => void): Promise<void> => {
    setBusy(true)
    setFeedback(null)
    try {
      await work()
      onDone?.()
      setFeedback({ severity: 'success', text: t('loops.work.saved') })
      afterLoopChange()
    } catch (err) {
      setFeedback({ severity: 'error', text: t('loops.work.failed', { message: toFailure(err).message }) })
    } finally {
      setBusy(false)
    }
  }
  return { busy, feedback, run }
}

function Form({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Box component="section" data-testid={testId}>
      <Typography component="h3" variant="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Stack spacing={1}>{children}</Stack>
    </Box>
  )
}

/** What the signed-in user may do with the loop right now: log an action, inform, resolve, move. */
export function LoopWorkPanel({ detail }: { detail: LoopDetail }) {
  const { t } = useTranslation()
  const { busy, feedback, run } = useSave()
  const { loop, nextStates } = detail
  const [action, setAction] = useState('')
  const [channel, setChannel] = useState<InformedChannel>('phone')
  const [informNote, setInformNote] = useState('')
  const [informAction, setInformAction] = useState('')
  const [outcome, setOutcome] = useState('')
  const [overrideReason, setOverrideReason] = useState('')

  const mayWork = nextStates.length > 0
  const finished = isFinished(loop.state)
  const hasAction = detail.events.some((e) => e.kind === 'action')
  const canInform = mayWork && pathToInformed(loop.state) !== null
  const canResolve = nextStates.includes('resolved')
  const needsOverride = canResolve && loop.state !== 'customer_informed'
  const moves = nextStates.filter((s) => !FORM_MOVES.includes(s))

  if (!mayWork && !finished) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="loop-read-only">
        {t('loops.work.readOnly')}
      </Typography>
    )
  }
  if (!mayWork) return null

  return (
    <Stack spacing={2.5} data-testid="loop-work">
      {!finished && (
        <Form title={t('loops.work.addAction')} testId="loop-add-action">
          <TextInput
            multiline
            label={t('loops.work.action')}
            value={action}
            onChange={setAction}
            maxLength={4000}
          />
          <FormButton
            variant="outlined"
            disabled={busy || action.trim().length < 2}
            onClick={() =>
              void run(
                () => call('loops.addAction', { id: loop.id, text: action.trim() }),
                () => setAction(''),
              )
            }
            data-testid="loop-add-action-button"
          >
            {t('loops.work.addAction')}
          </FormButton>
        </Form>
      )}

      {canInform && (
        <Form title={t('loops.work.informTitle')} testId="loop-inform">
          <TextField
            select
            size="small"
            id={`loop-${loop.id}-channel`}
            label={t('loops.work.channel')}
            value={channel}
            onChange={(event) => {
              const next = INFORMED_CHANNELS.find((c) => c === event.target.value)
              if (next) setChannel(next)
            }}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {INFORMED_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`loops.channel.${c}`)}
              </option>
            ))}
          </TextField>
          <TextInput
            multiline
            label={t('loops.work.informNote')}
            value={informNote}
            onChange={setInformNote}
            maxLength={4000}
          />
          {!hasAction && (
            <TextInput
              label={t('loops.work.informAction')}
              value={informAction}
              onChange={setInformAction}
              maxLength={4000}
            />
          )}
          <FormButton
            variant="contained"
            disabled={busy || informNote.trim().length < 2 || (!hasAction && informAction.trim().length < 2)}
            onClick={() =>
              void run(
                () =>
                  call('loops.markInformed', {
                    id: loop.id,
                    channel,
                    note: informNote.trim(),
                    ...(informAction.trim() ? { action: informAction.trim() } : {}),
                  }),
                () => {
                  setInformNote('')
                  setInformAction('')
                },
              )
            }
            data-testid="loop-inform-button"
          >
            {t('loops.work.inform')}
          </FormButton>
        </Form>
      )}

      {canResolve && (
        <Form title={t('loops.work.resolveTitle')} testId="loop-resolve">
          <TextInput label={t('loops.work.outcome')} value={outcome} onChange={setOutcome} maxLength={2000} />
          {needsOverride && (
            <TextInput
              required
              label={t('loops.work.overrideReason')}
              value={overrideReason}
              onChange={setOverrideReason}
              maxLength={2000}
            />
          )}
          <FormButton
            variant="contained"
            color="success"
            disabled={busy || (needsOverride && overrideReason.trim().length < 5)}
            onClick={() =>
              void run(() =>
                call('loops.transition', {
                  id: loop.id,
                  to: 'resolved',
                  ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
                  ...(needsOverride ? { overrideReason: overrideReason.trim() } : {}),
                }),
              )
            }
            data-testid="loop-resolve-button"
          >
            {t('loops.work.resolve')}
          </FormButton>
        </Form>
      )}

      {moves.length > 0 && (
        <Form title={t('loops.work.moveTitle')} testId="loop-moves">
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {moves.map((to) => (
              <Button
                key={to}
                size="small"
                variant="outlined"
                color={to === 'cancelled' ? 'error' : 'primary'}
                disabled={busy}
                onClick={() => void run(() => call('loops.transition', { id: loop.id, to }))}
                data-testid={`loop-move-${to}`}
              >
                {t(`loops.moveTo.${to}`)}
              </Button>
            ))}
          </Stack>
        </Form>
      )}

      <Box role="status" aria-live="polite">
        {feedback && (
          <Alert
            severity={feedback.severity}
            variant="outlined"
            sx={{ py: 0 }}
            data-testid="loop-save-feedback"
          >
            {feedback.text}
          </Alert>
        )}
      </Box>
    </Stack>
  )
}
