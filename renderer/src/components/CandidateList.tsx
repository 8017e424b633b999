import { useRef, type KeyboardEvent } from 'react'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { formatPhone } from '../../../shared/domain/phone'
import type { CustomerSummary } from '../../../shared/ipc/types'
import type { MatchedBy } from '../store'

/** The screen pop stops listing candidates at this many (see the core's MAX_CANDIDATES). */
const CANDIDATE_CAP = 20

export interface CandidateListProps {
  candidates: CustomerSummary[]
  matchedBy: MatchedBy | null
  onChoose(candidate: CustomerSummary): void
}

/** Several customers match: the agent picks one (Tab or arrow keys, Enter/Space to open). */
export function CandidateList({ candidates, matchedBy, onChoose }: CandidateListProps) {
  const { t } = useTranslation()
  const listRef = useRef<HTMLUListElement>(null)

  // Arrow keys move between the entries, in addition to Tab.
  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return
    const buttons = Array.from(
      listRef.current?.querySelectorAll<HTMLElement>('[data-candidate-button]') ?? [],
    )
    if (buttons.length === 0) return
    const current = buttons.indexOf(document.activeElement as HTMLElement)
    let next = current
    if (event.key === 'ArrowDown') next = current < 0 ? 0 : Math.min(buttons.length - 1, current + 1)
    if (event.key === 'ArrowUp') next = current < 0 ? 0 : Math.max(0, current - 1)
    if (event.key === 'Home') next = 0
    if (event.key === 'End') next = buttons.length - 1
    event.preventDefault()
    buttons[next]?.focus()
  }

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="candidates-heading"
      sx={{ p: { xs: 1.5, md: 2 } }}
    >
      <Typography component="h2" variant="h2" id="candidates-heading">
        {t('candidates.title', { count: candidates.length })}
      </Typography>
      {matchedBy && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
          {t('candidates.matchedBy', { by: t(`matchedBy.${matchedBy}`) })}
        </Typography>
      )}
      <List
        ref={listRef}
        data-testid="candidate-list"
        aria-labelledby="candidates-heading"
        onKeyDown={onKeyDown}
        sx={{ mt: 1 }}
      >
        {candidates.map((c) => {
          const details = [
            c.customerNo,
            c.company,
            c.city,
            c.primaryPhone ? formatPhone(c.primaryPhone) : null,
            c.primaryEmail,
            t(`vertical.${c.vertical}`),
          ]
            .filter((part): part is string => Boolean(part))
            .join(' · ')
          return (
            <ListItem key={c.id} disablePadding divider>
              <ListItemButton
                data-candidate-button
                data-testid="candidate-item"
                data-customer-id={c.id}
                onClick={() => onChoose(c)}
              >
                <ListItemText
                  primary={
                    <Box
                      component="span"
                      sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
                    >
                      <Box component="span" sx={{ fontWeight: 600 }}>
                        {c.displayName}
                      </Box>
                      {c.status === 'churned' && <Chip color="error" label={t('customerStatus.churned')} />}
                    </Box>
                  }
                  secondary={details}
                  slotProps={{ secondary: { sx: { color: 'text.secondary' } } }}
                />
              </ListItemButton>
            </ListItem>
          )
        })}
      </List>
      {candidates.length >= CANDIDATE_CAP && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
          {t('candidates.truncated', { count: CANDIDATE_CAP })}
        </Typography>
      )}
    </Paper>
  )
}
