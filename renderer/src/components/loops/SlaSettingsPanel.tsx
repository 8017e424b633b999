import { useEffect, useMemo, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { ResponseOf } from '../../../../shared/ipc/contract'
import { LOOP_TYPES, type LoopType } from '../../../../shared/domain/loopLifecycle'
import { SLA_CAUSES, policyFor, type SlaCause, type Weekday } from '../../../../shared/domain/sla'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { useCan } from '../../loops/loopsStore'
import { PRIORITIES } from '../../loops/queueQuery'

type Settings = ResponseOf<'loops.slaSettings'>

const WEEKDAYS: readonly Weekday[] = ['1', '2', '3', '4', '5', '6', '7']
const MAX_HOURS = 2000

/** The form's state: numbers as typed, so a half-typed field is not thrown away. */
interface Draft {
  hours: Record<string, string>
  businessOnly: Record<string, boolean>
  caps: Record<SlaCause, string>
  timeZone: string
  days: Record<Weekday, { open: boolean; from: string; to: string }>
  publicHolidays: '' | 'DE'
  holidays: string
}

const cellKey = (type: LoopType, priority: number) => `${type}:${priority}`
const pad = (n: number) => String(n).padStart(2, '0')
const toClock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
const fromClock = (text: string): number | null => {
  const match = /^(\d{2}):(\d{2})$/.exec(text)
  if (!match) return null
  return Number(match[1]) * 60 + Number(match[2])
}
const hoursOf = (text: string): number | null => {
  const n = Number(text.replace(',', '.'))
  return text.trim() !== '' && Number.isFinite(n) && n > 0 && n <= MAX_HOURS ? n : null
}
const isIsoDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

function toDraft(s: Settings): Draft {
  const hours: Record<string, string> = {}
  const businessOnly: Record<string, boolean> = {}
  for (const type of LOOP_TYPES) {
    for (const priority of PRIORITIES) {
      const policy = policyFor(s.policies, type, priority)
      hours[cellKey(type, priority)] = String(policy.businessHours)
      businessOnly[cellKey(type, priority)] = policy.businessHoursOnly !== false
    }
  }
  const caps = Object.fromEntries(
    SLA_CAUSES.map((cause) => [cause, String(s.caps.find((c) => c.cause === cause)?.businessHours ?? '')]),
  ) as Record<SlaCause, string>
  const days = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const range = s.calendar.hours[day]
      return [
        day,
        range
          ? { open: true, from: toClock(range[0]), to: toClock(range[1]) }
          : { open: false, from: '08:00', to: '18:00' },
      ]
    }),
  ) as Draft['days']
  return {
    hours,
    businessOnly,
    caps,
    timeZone: s.calendar.timeZone,
    days,
    publicHolidays: s.calendar.publicHolidays ?? '',
    holidays: s.calendar.holidays.join('\n'),
  }
}

/** The request for loops.setSlaSettings, or null while a field is not valid. */
function toRequest(d: Draft) {
  const policies = []
  for (const type of LOOP_TYPES) {
    for (const priority of PRIORITIES) {
      const hours = hoursOf(d.hours[cellKey(type, priority)] ?? '')
      if (hours === null) return null
      policies.push({
        type,
        priority,
        businessHours: hours,
        businessHoursOnly: d.businessOnly[cellKey(type, priority)] !== false,
      })
    }
  }
  const caps = []
  for (const cause of SLA_CAUSES) {
    const text = d.caps[cause].trim()
    if (text === '') continue
    const hours = hoursOf(text)
    if (hours === null) return null
    caps.push({ cause, businessHours: hours })
  }
  const hours: Partial<Record<Weekday, [number, number]>> = {}
  for (const day of WEEKDAYS) {
    const { open, from, to } = d.days[day]
    if (!open) continue
    const start = fromClock(from)
    const end = fromClock(to)
    if (start === null || end === null || start >= end) return null
    hours[day] = [start, end]
  }
  const holidays = d.holidays
    .split(/\s+/)
    .map((h) => h.trim())
    .filter(Boolean)
  if (holidays.some((h) => !isIsoDate(h))) return null
  return {
    policies,
    caps,
    calendar: {
      timeZone: d.timeZone,
      hours,
      holidays,
      ...(d.publicHolidays ? { publicHolidays: d.publicHolidays } : {}),
    },
  }
}

function timeZones(current: string): string[] {
  const supported =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [current]
  return supported.includes(current) ? supported : [current, ...supported]
}

/**
 * SLA policies per loop type and priority (hours, business hours or around the clock), caps per
 * cause and the business calendar. Team leads and supervisors edit; the core refuses anyone else
 * (loops.setSlaSettings), so the form is read-only for them.
 */
export function SlaSettingsPanel() {
  const { t } = useTranslation()
  const mayEdit = useCan('sla.configure')
  const [stored, setStored] = useState<Settings | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<{ severity: 'success' | 'error'; text: string } | null>(null)

  useEffect(() => {
    let live = true
    call('loops.slaSettings', {}).then(
      (s) => {
        if (!live) return
        setStored(s)
        setDraft(toDraft(s))
      },
      (err: unknown) => live && setLoadError(toFailure(err).message),
    )
    return () => {
      live = false
    }
  }, [])

  const zones = useMemo(() => timeZones(draft?.timeZone ?? 'Europe/Berlin'), [draft?.timeZone])

  if (loadError)
    return (
      <Alert severity="error" variant="outlined">
        {t('loops.failed', { message: loadError })}
      </Alert>
    )
  if (!draft || !stored) return <LinearProgress aria-label={t('loops.loading')} />

  const request = toRequest(draft)
  const changed = JSON.stringify(toDraft(stored)) !== JSON.stringify(draft)
  const update = (next: Partial<Draft>) => {
    setFeedback(null)
    setDraft({ ...draft, ...next })
  }
  const badDates = draft.holidays
    .split(/\s+/)
    .filter(Boolean)
    .filter((h) => !isIsoDate(h))

  const save = async () => {
    if (!request) {
      setFeedback({ severity: 'error', text: t('loops.slaSettings.invalid') })
      return
    }
    setBusy(true)
    setFeedback(null)
    try {
      const saved = await call('loops.setSlaSettings', request)
      setStored(saved)
      setDraft(toDraft(saved))
      setFeedback({ severity: 'success', text: t('loops.slaSettings.saved') })
    } catch (err) {
      setFeedback({ severity: 'error', text: t('loops.work.failed', { message: toFailure(err).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box component="section" aria-labelledby="sla-settings-title" data-testid="sla-settings">
      <Typography component="h2" variant="h2" id="sla-settings-title" sx={{ mb: 0.5 }}>
        {t('loops.slaSettings.title')}
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1.5 }}>
        {t('loops.slaSettings.intro')}
      </Typography>
      {!mayEdit && (
        <Alert severity="info" variant="outlined" sx={{ mb: 1.5 }} data-testid="sla-settings-readonly">
          {t('loops.slaSettings.readOnly')}
        </Alert>
      )}
      <Box component="fieldset" disabled={!mayEdit} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <Typography component="h3" variant="h3" id="sla-policies-title" sx={{ mb: 1 }}>
          {t('loops.slaSettings.policies')}
        </Typography>
        <Box sx={{ overflowX: 'auto', mb: 2 }}>
          <Table size="small" aria-label={t('loops.slaSettings.policiesTable')} data-testid="sla-policies">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  {t('loops.slaSettings.type')}
                </TableCell>
                {PRIORITIES.map((p) => (
                  <TableCell key={p} component="th" scope="col">
                    {t('loops.slaSettings.priority', { priority: p })}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {LOOP_TYPES.map((type) => (
                <TableRow key={type}>
                  <TableCell component="th" scope="row">
                    {t(`loops.type.${type}`)}
                  </TableCell>
                  {PRIORITIES.map((priority) => {
                    const key = cellKey(type, priority)
                    const text = draft.hours[key] ?? ''
                    const names = { type: t(`loops.type.${type}`), priority }
                    return (
                      <TableCell key={priority} sx={{ verticalAlign: 'top', minWidth: 120 }}>
                        <TextField
                          size="small"
                          type="number"
                          id={`sla-hours-${type}-${priority}`}
                          value={text}
                          error={hoursOf(text) === null}
                          onChange={(event) =>
                            update({ hours: { ...draft.hours, [key]: event.target.value } })
                          }
                          slotProps={{
                            htmlInput: {
                              min: 0,
                              max: MAX_HOURS,
                              step: 'any',
                              'aria-label': t('loops.slaSettings.hours', names),
                              'data-testid': `sla-hours-${type}-${priority}`,
                            },
                          }}
                          sx={{ width: 96 }}
                        />
                        <FormControlLabel
                          sx={{ mr: 0, mt: 0.25, '& .MuiFormControlLabel-label': { fontSize: '0.75rem' } }}
                          control={
                            <Checkbox
                              size="small"
                              checked={draft.businessOnly[key] !== false}
                              onChange={(event) =>
                                update({
                                  businessOnly: { ...draft.businessOnly, [key]: event.target.checked },
                                })
                              }
                              slotProps={{
                                input: { 'aria-label': t('loops.slaSettings.businessOnlyLabel', names) },
                              }}
                            />
                          }
                          label={t('loops.slaSettings.businessOnly')}
                        />
                      </TableCell>
                    )
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>

        <Typography component="h3" variant="h3" sx={{ mb: 1 }}>
          {t('loops.slaSettings.caps')}
        </Typography>
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
          {SLA_CAUSES.map((cause) => {
            const text = draft.caps[cause]
            return (
              <TextField
                key={cause}
                size="small"
                type="number"
                id={`sla-cap-${cause}`}
                label={t(`loops.slaSettings.cause.${cause}`)}
                value={text}
                error={text.trim() !== '' && hoursOf(text) === null}
                onChange={(event) => update({ caps: { ...draft.caps, [cause]: event.target.value } })}
                slotProps={{
                  inputLabel: { shrink: true },
                  htmlInput: {
                    min: 0,
                    max: MAX_HOURS,
                    step: 'any',
                    'aria-label': t('loops.slaSettings.capHours', {
                      cause: t(`loops.slaSettings.cause.${cause}`),
                    }),
                  },
                }}
                sx={{ width: 200 }}
              />
            )
          })}
        </Stack>

        <Typography component="h3" variant="h3" sx={{ mb: 1 }}>
          {t('loops.slaSettings.calendar')}
        </Typography>
        <Stack spacing={1.25} sx={{ mb: 2 }}>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <TextField
              select
              size="small"
              id="sla-time-zone"
              label={t('loops.slaSettings.timeZone')}
              value={draft.timeZone}
              onChange={(event) => update({ timeZone: event.target.value })}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              sx={{ minWidth: 240 }}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              id="sla-public-holidays"
              label={t('loops.slaSettings.publicHolidays')}
              value={draft.publicHolidays}
              onChange={(event) => update({ publicHolidays: event.target.value === 'DE' ? 'DE' : '' })}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              sx={{ minWidth: 220 }}
            >
              <option value="">{t('loops.slaSettings.publicHolidaysNone')}</option>
              <option value="DE">{t('loops.slaSettings.publicHolidaysDE')}</option>
            </TextField>
          </Stack>
          {WEEKDAYS.map((day) => {
            const d = draft.days[day]
            const name = t(`loops.slaSettings.weekday.${day}`)
            const setDay = (next: Partial<typeof d>) =>
              update({ days: { ...draft.days, [day]: { ...d, ...next } } })
            const wrong = d.open && (fromClock(d.from) ?? 0) >= (fromClock(d.to) ?? 0)
            return (
              <Stack
                key={day}
                direction="row"
                spacing={1.5}
                useFlexGap
                sx={{ alignItems: 'center', flexWrap: 'wrap' }}
              >
                <FormControlLabel
                  sx={{ minWidth: 150 }}
                  control={
                    <Checkbox
                      size="small"
                      checked={d.open}
                      onChange={(event) => setDay({ open: event.target.checked })}
                      slotProps={{ input: { 'aria-label': t('loops.slaSettings.open', { day: name }) } }}
                    />
                  }
                  label={name}
                />
                <TextField
                  size="small"
                  type="time"
                  id={`sla-from-${day}`}
                  label={t('loops.slaSettings.from', { day: name })}
                  value={d.from}
                  disabled={!d.open}
                  error={wrong}
                  onChange={(event) => setDay({ from: event.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                  sx={{ width: 150 }}
                />
                <TextField
                  size="small"
                  type="time"
                  id={`sla-to-${day}`}
                  label={t('loops.slaSettings.to', { day: name })}
                  value={d.to}
                  disabled={!d.open}
                  error={wrong}
                  onChange={(event) => setDay({ to: event.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                  sx={{ width: 150 }}
                />
              </Stack>
            )
          })}
          <TextField
            size="small"
            multiline
            minRows={2}
            id="sla-holidays"
            label={t('loops.slaSettings.holidays')}
            value={draft.holidays}
            error={badDates.length > 0}
            helperText={
              badDates.length > 0
                ? t('loops.slaSettings.invalidDates', { dates: badDates.join(', ') })
                : t('loops.slaSettings.holidaysHelp')
            }
            onChange={(event) => update({ holidays: event.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ maxWidth: 320 }}
          />
        </Stack>
      </Box>
      {mayEdit && (
        <Stack direction="row" spacing={1}>
          <Button
            variant="contained"
            size="small"
            disabled={busy || !changed}
            onClick={() => void save()}
            data-testid="sla-settings-save"
          >
            {t('loops.slaSettings.save')}
          </Button>
          <Button
            size="small"
            disabled={busy || !changed}
            onClick={() => {
              setFeedback(null)
              setDraft(toDraft(stored))
            }}
          >
            {t('loops.slaSettings.reset')}
          </Button>
        </Stack>
      )}
      <Box role="status" aria-live="polite" sx={{ mt: 1 }}>
        {feedback && (
          <Alert
            severity={feedback.severity}
            variant="outlined"
            sx={{ py: 0 }}
            data-testid="sla-settings-feedback"
          >
            {feedback.text}
          </Alert>
        )}
        {changed && !request && !feedback && (
          <Typography variant="body2" sx={{ color: 'error.main' }}>
            {t('loops.slaSettings.invalid')} ({t('loops.slaSettings.invalidHours')})
          </Typography>
        )}
      </Box>
    </Box>
  )
}
