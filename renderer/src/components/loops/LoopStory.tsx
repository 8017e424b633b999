import { useEffect, useState, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { INFORMED_CHANNELS, isRootCause, LOOP_STATES } from '../../../../shared/domain/loopLifecycle'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import { useFormat, type Formatters } from '../../i18n/format'
import { openLoopCustomer } from '../../loops/loopsActions'
import { useLoopsStore, type LoopDetail, type LoopUser } from '../../loops/loopsStore'
import type { LookupFailure } from '../../store'
import { SlaChip } from './SlaChip'

type LoopEvent = LoopDetail['events'][number]

export type DetailState =
  { state: 'loading' } | { state: 'ok'; detail: LoopDetail } | { state: 'error'; error: LookupFailure }

/** Loads loops.get for the id, again after every change made in this tab. */
export function useLoopDetail(id: number | null): DetailState {
  const revision = useLoopsStore((s) => s.revision)
  const [loaded, setLoaded] = useState<{ key: string; value: DetailState } | null>(null)
  useEffect(() => {
    if (id === null) return
    let live = true
    call('loops.get', { id }).then(
      (detail) => live && setLoaded({ key: `${id}:${revision}`, value: { state: 'ok', detail } }),
      (err: unknown) =>
        live && setLoaded({ key: `${id}:${revision}`, value: { state: 'error', error: toFailure(err) } }),
    )
    return () => {
      live = false
    }
  }, [id, revision])
  // While a newer revision loads, keep showing the loop as it was (no flicker after each save).
  if (loaded && loaded.key.startsWith(`${id}:`)) return loaded.value
  return { state: 'loading' }
}

function text(detail: LoopEvent['detail'], field: string): string {
  const value = detail?.[field]
  return typeof value === 'string' ? value : ''
}

function isState(value: string | null): value is (typeof LOOP_STATES)[number] {
  return value !== null && (LOOP_STATES as readonly string[]).includes(value)
}

function isChannel(value: string | null): value is (typeof INFORMED_CHANNELS)[number] {
  return value !== null && (INFORMED_CHANNELS as readonly string[]).includes(value)
}

/** A known root-cause tag in the UI language; a tag someone typed is shown as typed. */
export function rootCauseName(t: TFunction, tag: string): string {
  return isRootCause(tag) ? t(`loops.rootCause.${tag}`) : tag
}

function rootCauseList(t: TFunction, json: string | null): string {
  if (!json) return '–'
  try {
    const tags = JSON.parse(json) as unknown
    return Array.isArray(tags) ? tags.map((tag) => rootCauseName(t, String(tag))).join(', ') : '–'
  } catch {
    return json
  }
}

function stateName(t: TFunction, value: string | null): string {
  return isState(value) ? t(`loopState.${value}`) : (value ?? '–')
}

/** One audit event as a sentence. */
export function describeEvent(t: TFunction, fmt: Formatters, users: LoopUser[], e: LoopEvent): string {
  switch (e.kind) {
    case 'created':
      return t('loops.event.created')
    case 'state':
      return t('loops.event.state', { from: stateName(t, e.oldValue), to: stateName(t, e.newValue) })
    case 'assignee': {
      if (e.newValue === null) return t('loops.event.unassigned')
      const name = users.find((u) => String(u.id) === e.newValue)?.name ?? e.newValue
      return t('loops.event.assigned', { name })
    }
    case 'action':
      return t('loops.event.action', { text: text(e.detail, 'text') })
    case 'informed':
      return t('loops.event.informed', {
        channel: isChannel(e.newValue) ? t(`loops.channel.${e.newValue}`) : (e.newValue ?? ''),
        note: text(e.detail, 'note'),
      })
    case 'note':
      return t('loops.event.note', { text: text(e.detail, 'text') })
    case 'override':
      return t('loops.event.override', { reason: text(e.detail, 'reason') })
    case 'review':
      return e.newValue === 'approved'
        ? t('loops.event.reviewApproved')
        : t('loops.event.reviewReopened', { reason: text(e.detail, 'reason') })
    case 'priority':
      return t('loops.event.priority', { from: e.oldValue ?? '–', to: e.newValue ?? '–' })
    case 'due':
      return t('loops.event.due', { date: e.newValue ? fmt.dateTime(Number(e.newValue)) : '–' })
    case 'root_causes':
      return t('loops.event.rootCauses', { list: rootCauseList(t, e.newValue) })
    case 'outcome':
      return t('loops.event.outcome', { text: e.newValue ?? '' })
    default:
      return t('loops.event.other', { kind: e.kind })
  }
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" data-testid={testId}>
      <Typography component="h3" variant="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary', fontSize: '0.85rem' }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, fontSize: '0.9rem', minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </>
  )
}

/** The full story of a loop: facts, the customer's feedback, actions, what they were told, timeline. */
export function LoopStory({ detail, headingId }: { detail: LoopDetail; headingId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const users = useLoopsStore((s) => s.users)
  const { loop } = detail
  const actions = detail.events.filter((e) => e.kind === 'action')
  const none = t('loops.detail.none')
  return (
    <Stack spacing={2} data-testid="loop-story" data-loop-id={loop.id} data-state={loop.state}>
      <Box>
        <Typography component="h2" variant="h2" id={headingId} sx={{ fontSize: '1.15rem' }} tabIndex={-1}>
          {loop.title}
        </Typography>
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap' }}
          useFlexGap
        >
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {loop.customerName} ({loop.customerNo})
          </Typography>
          <Button
            size="small"
            onClick={() => openLoopCustomer(loop.customerId, loop.customerNo)}
            data-testid="loop-open-card"
          >
            {t('loops.detail.openCard')}
          </Button>
        </Stack>
      </Box>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        <Fact label={t('loops.detail.state')}>
          <span data-testid="loop-state">{t(`loopState.${loop.state}`)}</span>
        </Fact>
        <Fact label={t('loops.detail.due')}>
          <SlaChip state={loop.slaState} />{' '}
          {loop.dueAt === null ? t('loops.queue.noDue') : fmt.dateTime(loop.dueAt)}
        </Fact>
        <Fact label={t('loops.detail.priority')}>{t('loops.priorityLong', { priority: loop.priority })}</Fact>
        <Fact label={t('loops.detail.assignee')}>
          <span data-testid="loop-assignee">{loop.assigneeName ?? t('loops.queue.unassigned')}</span>
        </Fact>
        <Fact label={t('loops.detail.type')}>{t(`loops.type.${loop.type}`)}</Fact>
        <Fact label={t('loops.detail.origin')}>{t(`loops.origin.${loop.origin}`)}</Fact>
        <Fact label={t('loops.detail.created')}>{fmt.dateTime(loop.createdAt)}</Fact>
        <Fact label={t('loops.detail.risk')}>
          {loop.riskScore === null ? none : fmt.number(loop.riskScore)}
        </Fact>
        <Fact label={t('loops.detail.value')}>
          {loop.valueCents === null ? none : fmt.money(loop.valueCents)}
        </Fact>
        {loop.reviewState && (
          <Fact label={t('loops.detail.review')}>{t(`loops.reviewState.${loop.reviewState}`)}</Fact>
        )}
      </Box>

      <Section title={t('loops.detail.feedback')} testId="loop-feedback">
        {detail.feedback ? (
          <>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t('loops.detail.feedbackScores', {
                nps: detail.feedback.nps ?? none,
                intent: detail.feedback.intent === null ? none : fmt.percent(detail.feedback.intent),
                date: fmt.date(detail.feedback.answeredAt),
              })}
            </Typography>
            <Typography variant="body2" component="blockquote" sx={{ m: 0, mt: 0.5, fontStyle: 'italic' }}>
              {detail.feedback.comment ?? t('loops.detail.noComment')}
            </Typography>
          </>
        ) : (
          <Typography variant="body2">{t('loops.detail.noFeedback')}</Typography>
        )}
      </Section>

      <Section title={t('loops.detail.actions')} testId="loop-actions">
        {actions.length === 0 ? (
          <Typography variant="body2">{t('loops.detail.noActions')}</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {actions.map((a) => (
              <li key={a.id}>
                <Typography variant="body2">
                  {text(a.detail, 'text')}{' '}
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    ({fmt.dateTime(a.at)}
                    {a.userName ? `, ${a.userName}` : ''})
                  </Box>
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Section>

      <Section title={t('loops.detail.told')} testId="loop-told">
        {loop.informedAt !== null && detail.informedChannel ? (
          <>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t('loops.detail.toldVia', {
                channel: t(`loops.channel.${detail.informedChannel}`),
                date: fmt.dateTime(loop.informedAt),
              })}
            </Typography>
            <Typography variant="body2">{detail.informedNote}</Typography>
          </>
        ) : (
          <Typography variant="body2">{t('loops.detail.notTold')}</Typography>
        )}
      </Section>

      {(detail.rootCauses.length > 0 || detail.outcome || detail.overrideReason || detail.reviewNote) && (
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, m: 0 }}
        >
          {detail.rootCauses.length > 0 && (
            <Fact label={t('loops.detail.rootCauses')}>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {detail.rootCauses.map((c) => (
                  <Chip key={c} size="small" variant="outlined" label={rootCauseName(t, c)} />
                ))}
              </Stack>
            </Fact>
          )}
          {detail.outcome && <Fact label={t('loops.detail.outcome')}>{detail.outcome}</Fact>}
          {detail.overrideReason && <Fact label={t('loops.detail.override')}>{detail.overrideReason}</Fact>}
          {detail.reviewNote && <Fact label={t('loops.detail.reviewNote')}>{detail.reviewNote}</Fact>}
        </Box>
      )}

      <Section title={t('loops.detail.timeline')} testId="loop-timeline">
        <Box component="ol" sx={{ m: 0, pl: 0, listStyle: 'none' }}>
          {detail.events.map((e) => (
            <Box
              component="li"
              key={e.id}
              data-kind={e.kind}
              sx={{ borderLeft: '2px solid', borderColor: 'divider', pl: 1.5, pb: 0.75 }}
            >
              <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
                {fmt.dateTime(e.at)} · {e.userName ?? t('loops.event.system')}
              </Typography>
              <Typography variant="body2">{describeEvent(t, fmt, users, e)}</Typography>
            </Box>
          ))}
        </Box>
      </Section>
    </Stack>
  )
}
