import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import PhoneCallbackOutlinedIcon from '@mui/icons-material/PhoneCallbackOutlined'
import { useTranslation } from 'react-i18next'
import type { CallSession } from '../../../../shared/ipc/callsContract'
import { useFormatters } from './useFormatters'
import { reopenRecentCall } from './callActions'
import { useCallStore } from './callStore'

export function callLabel(session: CallSession, unknown: (number: string) => string): string {
  return session.customerName ?? unknown(session.callerId ?? '?')
}

/** This agent's last calls (from the core, so they survive a restart); one click reopens the customer. */
export function RecentCalls() {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const recent = useCallStore((s) => s.recentCalls)
  if (recent.length === 0) return null
  return (
    <Box component="section" aria-labelledby="recent-calls-heading" data-testid="recent-calls">
      <Typography component="h2" variant="h3" id="recent-calls-heading" sx={{ mb: 0.5 }}>
        {t('calls.recentCalls.title')}
      </Typography>
      <Box
        component="ul"
        sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.75 }}
      >
        {recent.map((session) => {
          const name = callLabel(session, (number) => t('calls.recentCalls.unknownCaller', { number }))
          const code =
            session.endedAt === null
              ? t('calls.recentCalls.running')
              : session.wrapUp
                ? t(`calls.wrapUp.codes.${session.wrapUp}`)
                : t('calls.wrapUp.none')
          return (
            <li key={session.id}>
              <Button
                variant="outlined"
                color="inherit"
                startIcon={<PhoneCallbackOutlinedIcon aria-hidden="true" />}
                disabled={session.customerId === null}
                onClick={() =>
                  session.customerId !== null &&
                  session.customerNo &&
                  reopenRecentCall(session.customerId, session.customerNo)
                }
                aria-label={t('calls.recentCalls.open', { name, date: fmt.dateTime(session.startedAt) })}
                data-testid="recent-call"
                sx={{ borderColor: 'divider', flexDirection: 'row', alignItems: 'center' }}
              >
                <Box component="span" sx={{ textAlign: 'left' }}>
                  {name}
                  <Box
                    component="span"
                    sx={{ display: 'block', typography: 'caption', color: 'text.secondary' }}
                  >
                    {fmt.dateTime(session.startedAt)} · {code}
                  </Box>
                </Box>
              </Button>
            </li>
          )
        })}
      </Box>
    </Box>
  )
}
