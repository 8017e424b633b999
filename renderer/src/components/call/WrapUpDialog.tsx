import { useEffect, useRef, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import { WRAP_UP_CODES, type CallSession, type WrapUpCode } from '../../../../shared/ipc/callsContract'
import { toFailure } from '../../actions'
import { endCall, setWrapUpCode } from './callActions'

/** End of call: the wrap-up code (saved as soon as it is picked; keys 1–7 pick it) and a closing note. */
export function WrapUpDialog({
  session,
  open,
  onClose,
}: {
  session: CallSession
  open: boolean
  onClose(): void
}) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="wrap-up-title" maxWidth="xs" fullWidth>
      {open && <WrapUpForm session={session} onClose={onClose} />}
    </Dialog>
  )
}

function WrapUpForm({ session, onClose }: { session: CallSession; onClose(): void }) {
  const { t } = useTranslation()
  // The code chosen earlier in the call (it was saved then) is preselected.
  const [code, setCode] = useState<WrapUpCode | null>(session.wrapUp)
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)

  // Focus starts on the code list, so arrows or the digits 1-7 pick a code straight away.
  useEffect(() => {
    const radios = formRef.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]')
    const checked = Array.from(radios ?? []).find((r) => r.checked)
    ;(checked ?? radios?.[0])?.focus()
  }, [])

  const pick = (next: WrapUpCode) => {
    setCode(next)
    setProblem(null)
    setWrapUpCode(next).catch((err: unknown) =>
      setProblem(t('calls.bar.failed', { message: toFailure(err).message })),
    )
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    if (!code) return setProblem(t('calls.wrapUp.required'))
    setSaving(true)
    try {
      await endCall(code, note)
      setNote('')
      onClose()
    } catch (err) {
      setProblem(t('calls.bar.failed', { message: toFailure(err).message }))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void submit(event)}
      data-testid="wrap-up-form"
      onKeyDown={(event) => {
        const target = event.target as HTMLElement
        if (target.tagName === 'TEXTAREA' || (target instanceof HTMLInputElement && target.type === 'text'))
          return
        const index = Number(event.key) - 1
        const next = WRAP_UP_CODES[index]
        if (Number.isInteger(index) && next) {
          event.preventDefault()
          pick(next)
        }
      }}
    >
      <DialogTitle id="wrap-up-title">{t('calls.wrapUp.title')}</DialogTitle>
      <DialogContent>
        <FormControl required error={problem !== null && code === null}>
          <FormLabel id="wrap-up-codes">{t('calls.wrapUp.code')}</FormLabel>
          <RadioGroup
            aria-labelledby="wrap-up-codes"
            value={code ?? ''}
            onChange={(event) => {
              const next = WRAP_UP_CODES.find((c) => c === event.target.value)
              if (next) pick(next)
            }}
          >
            {WRAP_UP_CODES.map((c, index) => (
              <FormControlLabel
                key={c}
                value={c}
                control={<Radio size="small" sx={{ py: 0.25 }} />}
                data-testid={`wrap-up-${c}`}
                label={
                  <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center' }}>
                    <kbd aria-hidden="true">{index + 1}</kbd>
                    {t(`calls.wrapUp.codes.${c}`)}
                  </Box>
                }
              />
            ))}
          </RadioGroup>
        </FormControl>
        <TextField
          label={t('calls.wrapUp.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={2}
          fullWidth
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'wrap-up-note' } }}
        />
        {problem && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="wrap-up-error">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calls.wrapUp.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={saving} data-testid="wrap-up-save">
          {t('calls.wrapUp.save')}
        </Button>
      </DialogActions>
    </form>
  )
}
