import { useEffect, useState, type FormEvent } from 'react'
import Dialog from '@mui/material/Dialog'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControl from '@mui/material/FormControl'
import FormControlLabel from '@mui/material/FormControlLabel'
import FormLabel from '@mui/material/FormLabel'
import MenuItem from '@mui/material/MenuItem'
import Radio from '@mui/material/Radio'
import RadioGroup from '@mui/material/RadioGroup'
import Stack from '@mui/material/Stack'
import { DialogFormActions, DialogProblem } from './DialogFormEnd'
import TextField from '@mui/material/TextField'
import { useTranslation } from 'react-i18next'
import { LOOP_TYPES, type LoopType } from '../../../../shared/domain/loopLifecycle'
import type { CustomerCard } from '../../../../shared/ipc/types'
import type { FollowUpDefaults } from '../../../../shared/ipc/callsContract'
import { call } from '../../api/transport'
import { toFailure } from '../../actions'
import { useLoopsStore } from '../../loops/loopsStore'
import { addLoopAction, createFollowUp } from './callActions'
import { actionLock, type LoopLock } from './loopPermissions'
import { useFormatters } from './useFormatters'

/** yyyy-mm-dd of a local date (the value format of <input type="date">). */
export function localDateValue(epochMs: number): string {
  const d = new Date(epochMs)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** A due date means "by the end of that working day" (17:00 local). */
export function dueAtFromDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 17, 0).getTime()
}

type Assignee = 'suggested' | 'me' | 'team'

/** A follow-up loop from the call: a new one (type, title, due date, suggested assignee) or an action on an open one. */
export function FollowUpDialog({
  card,
  open,
  onClose,
  onDone,
}: {
  card: CustomerCard
  open: boolean
  onClose(): void
  onDone(message: string): void
}) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="follow-up-title" maxWidth="sm" fullWidth>
      {/* Mounted per opening: every opening starts from a fresh form. */}
      {open && <FollowUpForm card={card} onClose={onClose} onDone={onDone} />}
    </Dialog>
  )
}

function FollowUpForm({
  card,
  onClose,
  onDone,
}: {
  card: CustomerCard
  onClose(): void
  onDone(message: string): void
}) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const session = useLoopsStore((s) => s.session)
  const openLoops = card.openLoops
  const lockOf = (id: number): LoopLock => {
    const loop = openLoops.find((l) => l.id === id)
    return loop ? actionLock(loop, session) : null
  }
  const [mode, setMode] = useState<'new' | 'existing'>('new')
  const [type, setType] = useState<LoopType>('callback')
  const [title, setTitle] = useState(() =>
    t('calls.followUp.titleDefault', { name: card.customer.displayName }),
  )
  // Empty until the core's SLA date arrives; a date the agent typed is kept when the type changes.
  const [due, setDue] = useState('')
  const [dueEdited, setDueEdited] = useState(false)
  const [assignee, setAssignee] = useState<Assignee>('me')
  const [assigneeEdited, setAssigneeEdited] = useState(false)
  const [note, setNote] = useState('')
  const [loopId, setLoopId] = useState<number | ''>(
    () => openLoops.find((l) => actionLock(l, session) === null)?.id ?? '',
  )
  const [defaults, setDefaults] = useState<FollowUpDefaults | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const suggestion = defaults?.suggestion ?? null

  useEffect(() => {
    let live = true
    // The SLA due date for this type (business hours, holidays) and who should do it, from the core.
    call('calls.followUpDefaults', { customerId: card.customer.id, type })
      .then((next) => {
        if (!live) return
        setDefaults(next)
        if (!dueEdited) setDue(localDateValue(next.dueAt))
        if (!assigneeEdited && next.suggestion?.assignable) setAssignee('suggested')
      })
      .catch(() => {
        // Without defaults the loop still gets its SLA date in the core; the agent may pick one.
        if (live) setDefaults(null)
      })
    return () => {
      live = false
    }
    // Only a new customer or type asks again; the edited flags are read at answer time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card.customer.id, type])

  const slaDate = defaults ? localDateValue(defaults.dueAt) : null
  // A date other than the SLA's is the agent's own: due by the end of that day.
  const customDue = due !== '' && due !== slaDate

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    setProblem(null)
    if (mode === 'new' && title.trim().length < 3) return setProblem(t('calls.followUp.titleTooShort'))
    if (mode === 'existing' && note.trim().length < 2) return setProblem(t('calls.followUp.textTooShort'))
    if (mode === 'existing' && loopId === '') return setProblem(t('calls.followUp.noWorkableLoop'))
    setSaving(true)
    try {
      if (mode === 'existing' && loopId !== '') {
        const loopTitle = await addLoopAction(card.customer.id, loopId, note.trim())
        onDone(t('calls.followUp.added', { title: loopTitle }))
      } else {
        // Left at the SLA date, the core sets the exact SLA instant itself.
        const dueAt = customDue ? dueAtFromDate(due) : null
        const created = await createFollowUp({
          customerId: card.customer.id,
          type,
          title: title.trim(),
          ...(dueAt !== null ? { dueAt } : {}),
          ...(assignee === 'me' ? { assignee: 'me' as const } : {}),
          ...(assignee === 'suggested' && suggestion ? { assignee: suggestion.userId } : {}),
          ...(note.trim() !== '' ? { note: note.trim() } : {}),
        })
        onDone(t('calls.followUp.created', { title: created }))
      }
    } catch (err) {
      setProblem(t('calls.followUp.failed', { message: toFailure(err).message }))
    } finally {
      setSaving(false)
    }
  }

  function lockText(lock: LoopLock): string {
    if (!lock) return ''
    return lock.kind === 'colleague'
      ? t('calls.followUp.loopColleague', { name: lock.name })
      : t('calls.followUp.loopUnassigned')
  }

  function dueHelp(): string {
    if (!defaults) return t('calls.followUp.dueLoading')
    const sla = { hours: fmt.number(defaults.businessHours), date: fmt.dateTime(defaults.dueAt) }
    return customDue ? t('calls.followUp.dueCustom', sla) : t('calls.followUp.dueSla', sla)
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} data-testid="follow-up-form">
      <DialogTitle id="follow-up-title">{t('calls.followUp.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 0.5 }}>
          {openLoops.length > 0 && (
            <FormControl>
              <FormLabel id="follow-up-mode">{t('calls.followUp.mode')}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="follow-up-mode"
                value={mode}
                onChange={(e) => setMode(e.target.value === 'existing' ? 'existing' : 'new')}
              >
                <FormControlLabel value="new" control={<Radio />} label={t('calls.followUp.modeNew')} />
                <FormControlLabel
                  value="existing"
                  control={<Radio />}
                  label={t('calls.followUp.modeExisting')}
                />
              </RadioGroup>
            </FormControl>
          )}
          {mode === 'existing' ? (
            <TextField
              select
              label={t('calls.followUp.loop')}
              value={loopId}
              onChange={(e) => setLoopId(Number(e.target.value))}
              helperText={loopId === '' ? t('calls.followUp.noWorkableLoop') : lockText(lockOf(loopId))}
              slotProps={{ htmlInput: { 'data-testid': 'follow-up-loop' } }}
            >
              {openLoops.map((loop) => {
                const lock = actionLock(loop, session)
                return (
                  <MenuItem
                    key={loop.id}
                    value={loop.id}
                    disabled={lock !== null}
                    data-testid="follow-up-loop-option"
                  >
                    {loop.title} ({t(`loopState.${loop.state}`)}){lock ? ` – ${lockText(lock)}` : ''}
                  </MenuItem>
                )
              })}
            </TextField>
          ) : (
            <>
              <TextField
                select
                label={t('calls.followUp.type')}
                value={type}
                onChange={(e) => setType(LOOP_TYPES.find((v) => v === e.target.value) ?? 'callback')}
                slotProps={{ htmlInput: { 'data-testid': 'follow-up-type' } }}
              >
                {LOOP_TYPES.map((v) => (
                  <MenuItem key={v} value={v}>
                    {t(`calls.followUp.types.${v}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('calls.followUp.titleField')}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                required
                slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'follow-up-title-field' } }}
              />
              <TextField
                type="date"
                id="follow-up-due"
                label={t('calls.followUp.due')}
                value={due}
                onChange={(e) => {
                  setDue(e.target.value)
                  setDueEdited(true)
                }}
                helperText={dueHelp()}
                slotProps={{
                  inputLabel: { shrink: true },
                  htmlInput: { 'data-testid': 'follow-up-due' },
                }}
              />
              <FormControl>
                <FormLabel id="follow-up-assignee">{t('calls.followUp.assignee')}</FormLabel>
                <RadioGroup
                  aria-labelledby="follow-up-assignee"
                  value={assignee}
                  onChange={(e) => {
                    setAssigneeEdited(true)
                    setAssignee(
                      e.target.value === 'suggested'
                        ? 'suggested'
                        : e.target.value === 'team'
                          ? 'team'
                          : 'me',
                    )
                  }}
                >
                  {suggestion?.assignable && (
                    <FormControlLabel
                      value="suggested"
                      control={<Radio />}
                      data-testid="follow-up-suggested"
                      label={t('calls.followUp.suggestionReason', {
                        name: suggestion.name,
                        reason: t(`calls.followUp.reasons.${suggestion.reason}`),
                      })}
                    />
                  )}
                  <FormControlLabel value="me" control={<Radio />} label={t('calls.followUp.assigneeMe')} />
                  <FormControlLabel
                    value="team"
                    control={<Radio />}
                    label={
                      suggestion && !suggestion.assignable
                        ? `${t('calls.followUp.assigneeTeam')} – ${t('calls.followUp.assigneeSuggested', { name: suggestion.name })}`
                        : t('calls.followUp.assigneeTeam')
                    }
                  />
                </RadioGroup>
              </FormControl>
            </>
          )}
          <TextField
            label={mode === 'existing' ? t('calls.followUp.action') : t('calls.followUp.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'follow-up-note' } }}
          />
          <DialogProblem problem={problem} testId="follow-up-error" />
        </Stack>
      </DialogContent>
      <DialogFormActions
        onClose={onClose}
        saving={saving}
        saveLabel={t('calls.followUp.save')}
        saveTestId="follow-up-save"
      />
    </form>
  )
}
