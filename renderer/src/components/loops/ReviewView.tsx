import { useEffect, useState } from 'react'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { useFormat } from '../../i18n/format'
import { afterLoopChange } from '../../loops/loopsActions'
import { useLoopsStore, type LoopDetail, type LoopRow } from '../../loops/loopsStore'
import type { LookupFailure } from '../../store'
import { LoopStory, useLoopDetail } from './LoopStory'
import { FormButton, TextInput } from './FormFields'
import { SlaChip } from './SlaChip'

/** How many loops waiting for review are listed; the sample button draws from all of them. */
const REVIEW_LIST_LIMIT = 200
const SAMPLE_SIZE = 10
const MIN_REASON = 5

type ReviewList =
  | { state: 'loading' }
  | { state: 'ok'; rows: LoopRow[]; total: number; sample: boolean }
  | { state: 'error'; error: LookupFailure }

/** Loops waiting for review (or a quality sample of them), reloaded after each decision. */
function useReviewList(sampleSeed: number | null): ReviewList {
  const revision = useLoopsStore((s) => s.revision)
  const [loaded, setLoaded] = useState<{ key: string; list: ReviewList } | null>(null)
  const key = `${revision}:${sampleSeed}`
  useEffect(() => {
    let live = true
    const k = `${revision}:${sampleSeed}`
    const request =
      sampleSeed === null
        ? call('loops.queue', {
            filter: { states: ['resolved'], reviewState: 'pending' },
            sort: 'updated',
            limit: REVIEW_LIST_LIMIT,
          }).then(({ rows, total }) => ({ state: 'ok' as const, rows, total, sample: false }))
        : call('loops.reviewSample', { size: SAMPLE_SIZE, seed: sampleSeed }).then((rows) => ({
            state: 'ok' as const,
            // A decided loop drops out of the sample when it reloads.
            rows: rows.filter((r) => r.reviewState === 'pending'),
            total: rows.length,
            sample: true,
          }))
    request.then(
      (list) => live && setLoaded({ key: k, list }),
      (err: unknown) => live && setLoaded({ key: k, list: { state: 'error', error: toFailure(err) } }),
    )
    return () => {
      live = false
    }
  }, [revision, sampleSeed])
  if (!loaded) return { state: 'loading' }
  // Keep the old list on screen while the next revision loads.
  return loaded.key === key || loaded.key.endsWith(`:${sampleSeed}`) ? loaded.list : { state: 'loading' }
}

function ReviewDecision({ detail, onDecided }: { detail: LoopDetail; onDecided(message: string): void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { loop } = detail
  if (loop.state !== 'resolved' || loop.reviewState !== 'pending') return null

  const decide = async (decision: 'approve' | 'reopen') => {
    setBusy(true)
    setError(null)
    try {
      const text = decision === 'approve' ? note.trim() : reason.trim()
      await call('loops.review', { id: loop.id, decision, ...(text ? { reason: text } : {}) })
      onDecided(
        t(decision === 'approve' ? 'loops.review.approved' : 'loops.review.reopened', { title: loop.title }),
      )
      afterLoopChange()
    } catch (err) {
      setError(t('loops.review.failed', { message: toFailure(err).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box component="section" aria-labelledby="review-decision-title" data-testid="review-decision">
      <Typography component="h3" variant="h3" id="review-decision-title" sx={{ mb: 1 }}>
        {t('loops.review.decision')}
      </Typography>
      <Stack spacing={1.5}>
        <TextInput label={t('loops.review.note')} value={note} onChange={setNote} maxLength={2000} />
        <FormButton
          variant="contained"
          color="success"
          disabled={busy}
          onClick={() => void decide('approve')}
          data-testid="review-approve"
        >
          {t('loops.review.approve')}
        </FormButton>
        <TextInput
          required
          multiline
          label={t('loops.review.reason')}
          helperText={t('loops.review.reasonHelp')}
          value={reason}
          onChange={setReason}
          maxLength={2000}
        />
        <FormButton
          variant="outlined"
          color="error"
          disabled={busy || reason.trim().length < MIN_REASON}
          onClick={() => void decide('reopen')}
          data-testid="review-reopen"
        >
          {t('loops.review.reopen')}
        </FormButton>
        {error && (
          <Alert severity="error" variant="outlined" sx={{ py: 0 }} role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Box>
  )
}

/** The supervisor's review: resolved loops waiting for a decision, with the full story beside. */
export function ReviewView() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [sampleSeed, setSampleSeed] = useState<number | null>(null)
  const [picked, setPicked] = useState<number | null>(null)
  const [decided, setDecided] = useState<string | null>(null)
  const list = useReviewList(sampleSeed)
  const detail = useLoopDetail(picked)

  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr', md: 'minmax(280px, 1fr) minmax(0, 2fr)' },
      }}
      data-testid="review-view"
    >
      <Paper component="section" variant="outlined" aria-labelledby="review-title" sx={{ p: 2, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
          <Typography component="h2" variant="h2" id="review-title" sx={{ fontSize: '1.15rem' }}>
            {t('loops.review.title')}
          </Typography>
          <Box sx={{ ml: 'auto' }}>
            {sampleSeed === null ? (
              <Button
                size="small"
                variant="outlined"
                onClick={() => setSampleSeed(Date.now() % 2_147_483_647)}
                data-testid="review-sample"
              >
                {t('loops.review.sample')}
              </Button>
            ) : (
              <Button size="small" onClick={() => setSampleSeed(null)} data-testid="review-show-all">
                {t('loops.review.showAll')}
              </Button>
            )}
          </Box>
        </Stack>
        {list.state === 'loading' && <LinearProgress aria-label={t('loops.loading')} />}
        {list.state === 'error' && (
          <Alert severity="error" variant="outlined" sx={{ py: 0 }}>
            {t('loops.failed', { message: list.error.message })}
          </Alert>
        )}
        {list.state === 'ok' && (
          <>
            <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="review-count">
              {list.sample
                ? t('loops.review.sampleActive', { count: list.rows.length })
                : t('loops.queue.count', { count: list.total, formatted: fmt.number(list.total) })}
            </Typography>
            {list.rows.length === 0 ? (
              <Typography variant="body2" sx={{ mt: 1 }} data-testid="review-empty">
                {t('loops.review.empty')}
              </Typography>
            ) : (
              <List
                dense
                aria-labelledby="review-title"
                sx={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}
              >
                {list.rows.map((row) => (
                  <ListItem key={row.id} disablePadding>
                    <ListItemButton
                      selected={row.id === picked}
                      aria-current={row.id === picked ? 'true' : undefined}
                      onClick={() => {
                        setPicked(row.id)
                        setDecided(null)
                      }}
                      data-testid="review-row"
                      data-loop-id={row.id}
                    >
                      <ListItemText
                        primary={row.title}
                        secondary={
                          <>
                            {row.customerName} · {row.assigneeName ?? t('loops.queue.unassigned')} ·{' '}
                            {row.resolvedAt !== null &&
                              t('loops.review.resolvedAt', { date: fmt.dateTime(row.resolvedAt) })}{' '}
                            <SlaChip state={row.slaState} />
                          </>
                        }
                      />
                    </ListItemButton>
                  </ListItem>
                ))}
              </List>
            )}
          </>
        )}
      </Paper>
      <Paper
        component="section"
        variant="outlined"
        aria-label={t('loops.review.story')}
        sx={{ p: 2, minWidth: 0 }}
      >
        <Box role="status" aria-live="polite">
          {decided && (
            <Alert severity="success" variant="outlined" sx={{ py: 0, mb: 1.5 }} data-testid="review-outcome">
              {decided}
            </Alert>
          )}
        </Box>
        {picked === null && <Typography variant="body2">{t('loops.review.pick')}</Typography>}
        {picked !== null && detail.state === 'loading' && <LinearProgress aria-label={t('loops.loading')} />}
        {picked !== null && detail.state === 'error' && (
          <Alert severity="error" variant="outlined">
            {t('loops.failed', { message: detail.error.message })}
          </Alert>
        )}
        {picked !== null && detail.state === 'ok' && (
          <Stack spacing={2}>
            <LoopStory detail={detail.detail} headingId="review-story-heading" />
            <ReviewDecision key={detail.detail.loop.id} detail={detail.detail} onDecided={setDecided} />
          </Stack>
        )}
      </Paper>
    </Box>
  )
}
