import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Typography from '@mui/material/Typography'
import AddTaskIcon from '@mui/icons-material/AddTask'
import RecordVoiceOverOutlinedIcon from '@mui/icons-material/RecordVoiceOverOutlined'
import { useTranslation } from 'react-i18next'
import type { CallContext } from '../../../../shared/ipc/callsContract'
import type { CustomerCard, LoopSummary } from '../../../../shared/ipc/types'
import { useFormatters } from './useFormatters'
import { useCallStore } from './callStore'
import { FollowUpDialog } from './FollowUpDialog'
import { InformedDialog } from './InformedDialog'
import { informedLock } from './loopPermissions'
import { useLoopsStore } from '../../loops/loopsStore'

/** Open loops (with "customer informed") and tickets, and the follow-up button (Alt+F). */
export function LoopsPanel({ card, context }: { card: CustomerCard; context: CallContext | null }) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const dialog = useCallStore((s) => s.dialog)
  const openDialog = useCallStore((s) => s.openDialog)
  const session = useLoopsStore((s) => s.session)
  const [informing, setInforming] = useState<LoopSummary | null>(null)
  const [notice, setNotice] = useState('')
  const [now] = useState(() => Date.now())
  const tickets = context?.customerId === card.customer.id ? context.tickets : []

  return (
    <Box>
      <Button
        variant="outlined"
        startIcon={<AddTaskIcon aria-hidden="true" />}
        onClick={() => openDialog('followUp')}
        aria-keyshortcuts="Alt+F"
        data-testid="follow-up-open"
        sx={{ mb: 0.5 }}
      >
        {t('calls.loops.followUp')}
      </Button>
      <Box
        role="status"
        data-testid="loops-notice"
        sx={{ typography: 'body2', color: 'success.main', fontWeight: 600 }}
      >
        {notice}
      </Box>
      {card.openLoops.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t('card.noLoops')}
        </Typography>
      ) : (
        <Box component="ul" data-testid="open-loops" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {card.openLoops.map((loop) => {
            const overdue = loop.dueAt !== null && loop.dueAt < now
            const lock = informedLock(loop, session)
            return (
              <Box
                component="li"
                key={loop.id}
                data-testid="open-loop"
                data-loop-id={loop.id}
                sx={{
                  py: 0.5,
                  borderTop: '1px solid',
                  borderColor: 'divider',
                  '&:first-of-type': { borderTop: 'none' },
                }}
              >
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {loop.title}
                </Typography>
                <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.75 }}>
                  <Chip variant="outlined" label={t(`loopState.${loop.state}`)} />
                  <Typography
                    component="span"
                    variant="caption"
                    sx={{ color: overdue ? 'error.main' : 'text.secondary', fontWeight: overdue ? 700 : 400 }}
                  >
                    {loop.dueAt !== null
                      ? t('card.due', { date: fmt.dateTime(loop.dueAt) })
                      : t('card.noDue')}
                    {overdue ? ` (${t('card.overdue')})` : ''}
                  </Typography>
                  <Typography component="span" variant="caption" sx={{ color: 'text.secondary' }}>
                    {loop.assigneeName
                      ? t('card.assignee', { name: loop.assigneeName })
                      : t('card.unassigned')}
                  </Typography>
                  {loop.state !== 'customer_informed' && lock !== null && (
                    // The core refuses it; say who can instead of offering a button that fails.
                    <Typography
                      component="span"
                      variant="caption"
                      data-testid="loop-informed-locked"
                      sx={{ color: 'text.secondary', fontStyle: 'italic' }}
                    >
                      {lock.kind === 'colleague'
                        ? t('calls.loops.informedLocked', { name: lock.name })
                        : t('calls.loops.informedUnassigned')}
                    </Typography>
                  )}
                  {loop.state !== 'customer_informed' && lock === null && (
                    <Button
                      size="small"
                      startIcon={<RecordVoiceOverOutlinedIcon aria-hidden="true" />}
                      onClick={() => setInforming(loop)}
                      data-testid="loop-informed"
                      aria-label={`${t('calls.loops.informed')}: ${loop.title}`}
                      sx={{ py: 0 }}
                    >
                      {t('calls.loops.informed')}
                    </Button>
                  )}
                </Box>
              </Box>
            )
          })}
        </Box>
      )}
      <Typography component="h4" variant="h4" sx={{ mt: 1, mb: 0.25 }}>
        {t('calls.loops.ticketsOpen', { count: card.openTickets, formatted: fmt.number(card.openTickets) })}
      </Typography>
      {tickets.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t('calls.loops.noTickets')}
        </Typography>
      ) : (
        <Box component="ul" data-testid="tickets" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {tickets.map((ticket) => (
            <Typography
              component="li"
              variant="body2"
              key={ticket.id}
              sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }}
            >
              <Box component="span" sx={{ fontWeight: ticket.status === 'closed' ? 400 : 600 }}>
                {ticket.subject}
              </Box>
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {t(`calls.loops.ticketStatus.${ticket.status}`)} ·{' '}
                {t('calls.loops.ticketOpened', { date: fmt.date(ticket.openedAt) })}
              </Box>
            </Typography>
          ))}
        </Box>
      )}
      <FollowUpDialog
        card={card}
        open={dialog === 'followUp'}
        onClose={() => openDialog('none')}
        onDone={(message) => {
          setNotice(message)
          openDialog('none')
        }}
      />
      <InformedDialog
        customerId={card.customer.id}
        loop={informing}
        onClose={() => setInforming(null)}
        onDone={(message) => {
          setNotice(message)
          setInforming(null)
        }}
      />
    </Box>
  )
}
