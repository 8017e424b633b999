import { useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Stack from '@mui/material/Stack'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { ROOT_CAUSES } from '../../../../shared/domain/loopLifecycle'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { afterLoopChange } from '../../loops/loopsActions'
import { useCan, type LoopDetail } from '../../loops/loopsStore'
import { PRIORITIES } from '../../loops/queueQuery'
import { FormButton } from './FormFields'
import { rootCauseName } from './LoopStory'
import { MultiFilterSelect } from './QueueFilters'

/** 'YYYY-MM-DDTHH:mm' in the browser's time zone, as a datetime-local input shows it. */
function toLocalInput(ms: number | null): string {
  if (ms === null) return ''
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function fromLocalInput(value: string): number | null {
  if (!value) return null
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) && ms >= 0 ? ms : null
}

/**
 * Priority, due date and root-cause tags of a loop, for team leads and supervisors (loops.update;
 * the core checks the role again). Only changed fields are sent, so each change is one audit event.
 */
export function LoopFieldsEditor({ detail }: { detail: LoopDetail }) {
  const { t } = useTranslation()
  const mayEdit = useCan('loop.work_any')
  const { loop } = detail
  const [priority, setPriority] = useState(String(loop.priority))
  const [due, setDue] = useState(toLocalInput(loop.dueAt))
  const [rootCauses, setRootCauses] = useState<string[]>(detail.rootCauses)
  const [busy, setBusy] = useState(false)
  const [feedback, setFeedback] = useState<{ severity: 'success' | 'error'; text: string } | null>(null)
  if (!mayEdit || loop.state === 'cancelled') return null

  const dueAt = fromLocalInput(due)
  const changes = {
    ...(Number(priority) !== loop.priority ? { priority: Number(priority) } : {}),
    ...(dueAt !== null && dueAt !== loop.dueAt && due !== toLocalInput(loop.dueAt) ? { dueAt } : {}),
    ...(JSON.stringify(rootCauses) !== JSON.stringify(detail.rootCauses) ? { rootCauses } : {}),
  }
  const changed = Object.keys(changes).length > 0
  // Tags typed elsewhere (not in the offered list) stay choosable, so saving never drops them.
  const tags = [
    ...ROOT_CAUSES,
    ...detail.rootCauses.filter((c) => !(ROOT_CAUSES as readonly string[]).includes(c)),
  ]

  const save = async () => {
    setBusy(true)
    setFeedback(null)
    try {
      await call('loops.update', { id: loop.id, ...changes })
      setFeedback({ severity: 'success', text: t('loops.work.saved') })
      afterLoopChange()
    } catch (err) {
      setFeedback({ severity: 'error', text: t('loops.work.failed', { message: toFailure(err).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box component="section" data-testid="loop-fields" aria-labelledby={`loop-${loop.id}-fields`}>
      <Typography component="h3" variant="h3" id={`loop-${loop.id}-fields`} sx={{ mb: 1 }}>
        {t('loops.fields.title')}
      </Typography>
      <Stack spacing={1.25}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField
            select
            size="small"
            id={`loop-${loop.id}-priority`}
            label={t('loops.fields.priority')}
            value={priority}
            onChange={(event) => setPriority(event.target.value)}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            sx={{ minWidth: 130 }}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={String(p)}>
                {t('loops.priorityLong', { priority: p })}
              </option>
            ))}
          </TextField>
          <TextField
            size="small"
            type="datetime-local"
            id={`loop-${loop.id}-due`}
            label={t('loops.fields.due')}
            value={due}
            onChange={(event) => setDue(event.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            error={due !== '' && dueAt === null}
          />
        </Stack>
        <MultiFilterSelect
          id={`loop-${loop.id}-root-causes`}
          label={t('loops.fields.rootCauses')}
          values={rootCauses}
          onChange={setRootCauses}
          options={tags.map((c) => ({ value: c, label: rootCauseName(t, c) }))}
          emptyLabel={t('loops.fields.noRootCauses')}
        />
        <FormButton
          variant="outlined"
          disabled={busy || !changed}
          onClick={() => void save()}
          data-testid="loop-fields-save"
        >
          {t('loops.fields.save')}
        </FormButton>
        <Box role="status" aria-live="polite">
          {feedback && (
            <Alert
              severity={feedback.severity}
              variant="outlined"
              sx={{ py: 0 }}
              data-testid="loop-fields-feedback"
            >
              {feedback.text}
            </Alert>
          )}
        </Box>
      </Stack>
    </Box>
  )
}
