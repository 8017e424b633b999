import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import TextField from '@mui/material/TextField'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import Typography from '@mui/material/Typography'
import CheckIcon from '@mui/icons-material/Check'
import SaveOutlinedIcon from '@mui/icons-material/SaveOutlined'
import { useTranslation } from 'react-i18next'
import { useLoopdeskStore } from '../store'
import { intentBand, normalizeIntent } from '../../../shared/domain/intent'
import { npsGroup } from '../../../shared/domain/nps'
import { recordSurveyAnswer, toFailure } from '../actions'
import type { LookupFailure } from '../store'
import { useCallStore } from './call/callStore'

const SCORES = Array.from({ length: 11 }, (_, i) => i)
const COMMENT_MAX = 10_000

function ScaleQuestion({
  question,
  hintId,
  value,
  onChange,
  testIdPrefix,
  summary,
}: {
  question: string
  /** id of the scale explanation shown once above both questions */
  hintId: string
  value: number | null
  onChange(value: number | null): void
  testIdPrefix: string
  summary: string
}) {
  const id = useId()
  return (
    <Box sx={{ mb: 0.75 }}>
      <Typography id={`${id}-q`} variant="body2" sx={{ fontWeight: 600, mb: 0.25 }}>
        {question}
      </Typography>
      <ToggleButtonGroup
        exclusive
        color="primary"
        size="small"
        value={value}
        onChange={(_event, next: unknown) => onChange(typeof next === 'number' ? next : null)}
        aria-labelledby={`${id}-q`}
        aria-describedby={`${hintId} ${id}-summary`}
        data-testid={`${testIdPrefix}-options`}
        sx={{ flexWrap: 'wrap' }}
      >
        {SCORES.map((score) => (
          <ToggleButton
            key={score}
            value={score}
            data-testid={`${testIdPrefix}-option-${score}`}
            sx={{ minWidth: 26, px: 0.5, py: 0.25, fontVariantNumeric: 'tabular-nums' }}
          >
            {score}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1.5 }}>
        <Typography
          id={`${id}-summary`}
          variant="caption"
          sx={{
            fontWeight: value === null ? 400 : 700,
            color: value === null ? 'text.secondary' : 'text.primary',
          }}
          data-testid={`${testIdPrefix}-selected`}
        >
          {summary}
        </Typography>
      </Box>
    </Box>
  )
}

/** Records the two survey answers (and an optional comment) given on the phone. */
export function AnswerForm({ customerId }: { customerId: number }) {
  const { t } = useTranslation()
  // The bands in force (configurable per installation), as the core reported them at start.
  const cutoffs = useLoopdeskStore((s) => s.appInfo?.intentCutoffs ?? null)
  const [nps, setNps] = useState<number | null>(null)
  const [intent, setIntent] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)
  const [problem, setProblem] = useState<LookupFailure | 'empty' | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const hintId = useId()
  const focusRequest = useCallStore((s) => s.focusRequest)

  // Alt+A: straight to the recommendation question (the selected score, else 0).
  useEffect(() => {
    if (focusRequest?.target !== 'answers') return
    const group = formRef.current?.querySelector('[data-testid="nps-options"]')
    const target =
      group?.querySelector<HTMLButtonElement>('button[tabindex="0"]') ??
      group?.querySelector<HTMLButtonElement>('button')
    target?.focus()
  }, [focusRequest])

  const npsSummary =
    nps === null
      ? t('answer.notSelected')
      : t('answer.selectedNps', { score: nps, group: t(`npsGroup.${npsGroup(nps)}`) })
  const intentSummary =
    intent === null
      ? t('answer.notSelected')
      : t('answer.selectedIntent', {
          score: intent,
          band: t(`intentBand.${intentBand(normalizeIntent(intent, '0-10'), cutoffs ?? undefined)}`),
        })

  const touched = () => {
    setSaved(false)
    if (problem === 'empty') setProblem(null)
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    if (nps === null && intent === null && comment.trim() === '') {
      setProblem('empty')
      setSaved(false)
      return
    }
    setSaving(true)
    setProblem(null)
    setSaved(false)
    try {
      await recordSurveyAnswer({ customerId, nps, intent, comment })
      setNps(null)
      setIntent(null)
      setComment('')
      setSaved(true)
    } catch (err) {
      setProblem(toFailure(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Box
      component="form"
      ref={formRef}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      data-testid="answer-form"
      aria-keyshortcuts="Alt+A"
    >
      <Typography
        id={hintId}
        variant="caption"
        component="p"
        sx={{ color: 'text.secondary', mt: -0.5, mb: 0.5 }}
      >
        {t('answer.scale')}
      </Typography>
      <ScaleQuestion
        question={t('answer.npsQuestion')}
        hintId={hintId}
        value={nps}
        onChange={(value) => {
          setNps(value)
          touched()
        }}
        testIdPrefix="nps"
        summary={npsSummary}
      />
      <ScaleQuestion
        question={t('answer.intentQuestion')}
        hintId={hintId}
        value={intent}
        onChange={(value) => {
          setIntent(value)
          touched()
        }}
        testIdPrefix="intent"
        summary={intentSummary}
      />
      <TextField
        label={t('answer.comment')}
        value={comment}
        onChange={(event) => {
          setComment(event.target.value)
          touched()
        }}
        multiline
        fullWidth
        // A plain two-row textarea: MUI's auto-growing one measures its text on every mount, a
        // forced layout of the whole card that showed up in the screen-pop latency profile.
        slotProps={{
          input: { inputComponent: 'textarea' },
          htmlInput: { rows: 2, maxLength: COMMENT_MAX, 'data-testid': 'answer-comment' },
        }}
      />
      {problem !== null && problem !== 'empty' && (
        <Alert severity="error" sx={{ mt: 1, py: 0 }} data-testid="answer-error">
          {t('answer.failed')}: {problem.message}
          {problem.issues.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {problem.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        <Button
          type="submit"
          variant="contained"
          startIcon={<SaveOutlinedIcon aria-hidden="true" />}
          disabled={saving}
          data-testid="answer-save"
        >
          {saving ? t('answer.saving') : t('answer.save')}
        </Button>
        <Box
          role="status"
          data-testid="answer-status"
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            typography: 'body2',
            fontWeight: 600,
            color: problem === 'empty' ? 'error.main' : 'success.main',
          }}
        >
          {saved && (
            <>
              <CheckIcon fontSize="small" aria-hidden="true" />
              {t('answer.saved')}
            </>
          )}
          {problem === 'empty' && t('answer.nothing')}
        </Box>
      </Box>
    </Box>
  )
}
