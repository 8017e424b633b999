import { useState, type FormEvent } from 'react'
import Dialog from '@mui/material/Dialog'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import MenuItem from '@mui/material/MenuItem'
import Stack from '@mui/material/Stack'
import { DialogFormActions, DialogProblem } from './DialogFormEnd'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import { INFORMED_CHANNELS, type InformedChannel } from '../../../../shared/domain/loopLifecycle'
import type { LoopSummary } from '../../../../shared/ipc/types'
import { toFailure } from '../../actions'
import { markLoopInformed } from './callActions'

/** "Customer informed" on an open loop: on a call the channel is the phone, the note says what was told. */
export function InformedDialog({
  customerId,
  loop,
  onClose,
  onDone,
}: {
  customerId: number
  loop: LoopSummary | null
  onClose(): void
  onDone(message: string): void
}) {
  return (
    <Dialog open={loop !== null} onClose={onClose} aria-labelledby="informed-title" maxWidth="sm" fullWidth>
      {loop && (
        <InformedForm key={loop.id} customerId={customerId} loop={loop} onClose={onClose} onDone={onDone} />
      )}
    </Dialog>
  )
}

function InformedForm({
  customerId,
  loop,
  onClose,
  onDone,
}: {
  customerId: number
  loop: LoopSummary
  onClose(): void
  onDone(message: string): void
}) {
  const { t } = useTranslation()
  const [channel, setChannel] = useState<InformedChannel>('phone')
  const [note, setNote] = useState('')
  const [action, setAction] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    if (note.trim().length < 2) return setProblem(t('calls.followUp.textTooShort'))
    setSaving(true)
    setProblem(null)
    try {
      const title = await markLoopInformed(customerId, {
        id: loop.id,
        channel,
        note: note.trim(),
        ...(action.trim().length >= 2 ? { action: action.trim() } : {}),
      })
      onDone(t('calls.informed.done', { title }))
    } catch (err) {
      setProblem(t('calls.followUp.failed', { message: toFailure(err).message }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} data-testid="informed-form">
      <DialogTitle id="informed-title">{t('calls.informed.title', { title: loop.title })}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 0.5 }}>
          <TextField
            select
            label={t('calls.informed.channel')}
            value={channel}
            onChange={(e) => setChannel(INFORMED_CHANNELS.find((c) => c === e.target.value) ?? 'phone')}
          >
            {INFORMED_CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {t(`calls.informed.channels.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('calls.informed.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            required
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'informed-note' } }}
          />
          <TextField
            label={t('calls.informed.action')}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            multiline
            minRows={1}
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'informed-action' } }}
          />
          <DialogProblem problem={problem} testId="informed-error" />
        </Stack>
      </DialogContent>
      <DialogFormActions
        onClose={onClose}
        saving={saving}
        saveLabel={t('calls.informed.save')}
        saveTestId="informed-save"
      />
    </form>
  )
}
