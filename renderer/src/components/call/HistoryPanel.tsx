import { useEffect } from 'react'
import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { INFORMED_CHANNELS, LOOP_STATES } from '../../../../shared/domain/loopLifecycle'
import type { HistoryEntry } from '../../../../shared/ipc/callsContract'
import { currentLanguage } from '../../i18n'
import type { Formatters } from '../../i18n/format'
import { useFormatters } from './useFormatters'
import { useCallStore } from './callStore'

/** "4:05" for a call's length. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

function loopState(value: string | null, t: TFunction): string {
  const state = LOOP_STATES.find((s) => s === value)
  return state ? t(`loopState.${state}`) : (value ?? '–')
}

function loopEventText(entry: Extract<HistoryEntry, { kind: 'loop' }>, t: TFunction): string {
  switch (entry.event) {
    case 'created':
      return t('calls.history.loopEvent.created')
    case 'state':
      return t('calls.history.loopEvent.state', {
        from: loopState(entry.oldValue, t),
        to: loopState(entry.newValue, t),
      })
    case 'assignee':
      return t('calls.history.loopEvent.assignee')
    case 'action':
      return t('calls.history.loopEvent.action')
    case 'note':
      return t('calls.history.loopEvent.note')
    case 'informed': {
      const channel = INFORMED_CHANNELS.find((c) => c === entry.newValue)
      return t('calls.history.loopEvent.informed', {
        channel: channel ? t(`calls.informed.channels.${channel}`) : '',
      })
    }
    default:
      return t('calls.history.loopEvent.other', { kind: entry.event })
  }
}

/** The headline and the optional detail line of one history entry. */
export function describeEntry(
  entry: HistoryEntry,
  t: TFunction,
  fmt: Formatters,
): { title: string; detail: string | null } {
  switch (entry.kind) {
    case 'call': {
      const parts = [t(`calls.history.call.${entry.direction}`)]
      parts.push(
        entry.endedAt === null
          ? t('calls.history.call.open')
          : t('calls.history.call.duration', { duration: formatDuration(entry.endedAt - entry.at) }),
      )
      return {
        title: parts.join(' · '),
        detail:
          entry.endedAt === null
            ? null
            : entry.wrapUp
              ? t('calls.wrapUp.set', { code: t(`calls.wrapUp.codes.${entry.wrapUp}`) })
              : t('calls.wrapUp.none'),
      }
    }
    case 'note':
      return { title: t('calls.history.note'), detail: entry.text }
    case 'answer': {
      const parts = [t('calls.history.answer')]
      if (entry.nps !== null) parts.push(t('calls.history.answerNps', { score: entry.nps }))
      if (entry.intent !== null)
        parts.push(t('calls.history.answerIntent', { value: fmt.percent(entry.intent) }))
      return { title: parts.join(' · '), detail: entry.comment }
    }
    case 'offer':
      return {
        title: t('calls.history.offer', {
          outcome: t(`offers.outcome.${entry.outcome}`),
          name: currentLanguage() === 'en' ? entry.nameEn : entry.nameDe,
        }),
        detail: null,
      }
    case 'loop':
      return {
        title: `${t('calls.history.loop', { title: entry.loopTitle })}: ${loopEventText(entry, t)}`,
        detail: entry.text,
      }
  }
}

/** Everything that happened with this customer, newest first; every action of the call appears here at once. */
export function HistoryPanel({
  customerId,
  headingRef,
}: {
  customerId: number
  headingRef: React.RefObject<HTMLHeadingElement | null>
}) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const history = useCallStore((s) => s.history)
  const historyFor = useCallStore((s) => s.historyFor)
  const loading = useCallStore((s) => s.historyLoading)
  const focusRequest = useCallStore((s) => s.focusRequest)

  useEffect(() => {
    if (focusRequest?.target === 'history') headingRef.current?.focus()
  }, [focusRequest, headingRef])

  const entries = historyFor === customerId ? history : []
  if (entries.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="history-empty">
        {loading ? t('calls.history.loading') : t('calls.history.empty')}
      </Typography>
    )
  }
  return (
    <Box component="ol" data-testid="history" aria-busy={loading} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {entries.map((entry, index) => {
        const { title, detail } = describeEntry(entry, t, fmt)
        return (
          <Box
            component="li"
            key={`${entry.kind}-${entry.at}-${index}`}
            data-testid="history-entry"
            data-kind={entry.kind}
            sx={{ py: 0.375, borderTop: index === 0 ? 'none' : '1px solid', borderColor: 'divider' }}
          >
            <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <Typography
                component="span"
                variant="caption"
                sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}
              >
                {fmt.dateTime(entry.at)}
              </Typography>
              <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                {title}
              </Typography>
              {entry.userName && (
                <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
                  {t('calls.history.by', { name: entry.userName })}
                </Typography>
              )}
            </Box>
            {detail && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {detail}
              </Typography>
            )}
          </Box>
        )
      })}
    </Box>
  )
}
