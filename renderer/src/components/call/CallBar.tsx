import { useEffect, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import CallEndIcon from '@mui/icons-material/CallEnd'
import KeyboardIcon from '@mui/icons-material/KeyboardOutlined'
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk'
import PhoneIcon from '@mui/icons-material/PhoneOutlined'
import { useTranslation } from 'react-i18next'
import { formatPhone } from '../../../../shared/domain/phone'
import { useFormatters } from './useFormatters'
import { reopenRecentCall, startOutboundCall } from './callActions'
import { useCallStore } from './callStore'
import { formatDuration } from './HistoryPanel'

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [active])
  return now
}

function SaveStatus() {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const save = useCallStore((s) => s.save)
  const text =
    save.kind === 'saving'
      ? t('calls.bar.saving')
      : save.kind === 'saved'
        ? t('calls.bar.saved', {
            time: new Intl.DateTimeFormat(fmt.locale, { timeStyle: 'short' }).format(new Date(save.at)),
          })
        : save.kind === 'failed'
          ? t('calls.bar.failed', { message: save.message })
          : ''
  return (
    <Typography
      component="span"
      variant="caption"
      role="status"
      data-testid="call-save-status"
      data-kind={save.kind}
      sx={{
        color: save.kind === 'failed' ? 'error.main' : 'text.secondary',
        fontWeight: save.kind === 'failed' ? 700 : 400,
      }}
    >
      {text}
    </Typography>
  )
}

/** The call session: timer, caller, wrap-up and end (Alt+W), start a call, the shortcut overview (?). */
export function CallBar({ customerId, customerName }: { customerId: number; customerName: string }) {
  const { t } = useTranslation()
  const session = useCallStore((s) => s.session)
  const openDialog = useCallStore((s) => s.openDialog)
  const live = session !== null && session.endedAt === null
  const now = useNow(live)
  const here = session !== null && session.customerId === customerId
  const [starting, setStarting] = useState(false)

  const start = () => {
    setStarting(true)
    startOutboundCall(customerId)
      .catch(() => {
        // SaveStatus shows the failure.
      })
      .finally(() => setStarting(false))
  }

  return (
    <Box
      component="section"
      aria-label={t('calls.bar.label')}
      data-testid="call-bar"
      data-call-state={live ? (here ? 'live' : 'elsewhere') : session && here ? 'ended' : 'none'}
      sx={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        gap: 1.5,
        px: 1.5,
        py: 0.5,
        borderRadius: 1,
        border: '1px solid',
        borderColor: live && here ? 'primary.main' : 'divider',
        bgcolor: 'background.paper',
      }}
    >
      {live && session ? (
        <>
          <PhoneInTalkIcon aria-hidden="true" sx={{ color: 'primary.main' }} />
          <Typography component="span" variant="body2" sx={{ fontWeight: 700 }}>
            {t('calls.bar.active')}
          </Typography>
          <Typography
            component="span"
            variant="body2"
            role="timer"
            aria-label={t('calls.bar.timerLabel', { duration: formatDuration(now - session.startedAt) })}
            data-testid="call-timer"
            sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 700 }}
          >
            {formatDuration(now - session.startedAt)}
          </Typography>
          {session.callerId && (
            <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
              {t('calls.bar.caller', { number: formatPhone(session.callerId) })}
            </Typography>
          )}
          {!here && session.customerId !== null && session.customerNo && (
            <Button
              size="small"
              onClick={() =>
                session.customerId !== null &&
                session.customerNo &&
                reopenRecentCall(session.customerId, session.customerNo)
              }
            >
              {session.customerName}
            </Button>
          )}
          {session.wrapUp && (
            <Typography component="span" variant="body2" data-testid="call-wrap-up">
              {t('calls.wrapUp.set', { code: t(`calls.wrapUp.codes.${session.wrapUp}`) })}
            </Typography>
          )}
        </>
      ) : (
        <>
          <PhoneIcon aria-hidden="true" sx={{ color: 'text.secondary' }} />
          <Typography component="span" variant="body2" data-testid="call-ended">
            {session && here && session.endedAt !== null
              ? t('calls.bar.ended', {
                  code: session.wrapUp ? t(`calls.wrapUp.codes.${session.wrapUp}`) : t('calls.wrapUp.none'),
                })
              : t('calls.bar.noCall')}
          </Typography>
          <Button
            size="small"
            variant="outlined"
            onClick={start}
            disabled={starting}
            data-testid="call-start"
            aria-label={`${t('calls.bar.start')}: ${customerName}`}
          >
            {t('calls.bar.start')}
          </Button>
        </>
      )}
      <SaveStatus />
      <Box sx={{ ml: 'auto', display: 'flex', gap: 1 }}>
        <Button
          size="small"
          startIcon={<KeyboardIcon aria-hidden="true" />}
          onClick={() => openDialog('shortcuts')}
          aria-keyshortcuts="?"
          data-testid="shortcuts-open"
        >
          {t('calls.bar.shortcuts')}{' '}
          <kbd aria-hidden="true" style={{ marginLeft: 6 }}>
            ?
          </kbd>
        </Button>
        {live && (
          <Button
            size="small"
            variant="contained"
            color="error"
            startIcon={<CallEndIcon aria-hidden="true" />}
            onClick={() => openDialog('wrapUp')}
            aria-keyshortcuts="Alt+W"
            data-testid="call-end"
          >
            {t('calls.bar.end')}
          </Button>
        )}
      </Box>
    </Box>
  )
}
