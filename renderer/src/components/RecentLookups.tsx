import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import HistoryIcon from '@mui/icons-material/History'
import { useTranslation } from 'react-i18next'
import { openCustomer, runLookup } from '../actions'
import { useLoopdeskStore, type RecentLookup } from '../store'

function reopen(entry: RecentLookup): void {
  const { setQuery } = useLoopdeskStore.getState()
  setQuery(entry.query)
  if (entry.customerId !== null) void openCustomer(entry.customerId, entry.query)
  else void runLookup(entry.query)
}

/** The last few lookups of this session (kept in memory only: caller data does not go to storage). */
export function RecentLookups() {
  const { t } = useTranslation()
  const recent = useLoopdeskStore((s) => s.recent)
  if (recent.length === 0) return null
  return (
    <Box component="section" aria-labelledby="recent-heading" data-testid="recent-lookups">
      <Typography component="h2" variant="h3" id="recent-heading" sx={{ mb: 0.5 }}>
        {t('recent.title')}
      </Typography>
      <Box
        component="ul"
        sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.75 }}
      >
        {recent.map((entry) => (
          <li key={`${entry.customerId ?? 'q'}:${entry.query}`}>
            <Button
              variant="outlined"
              color="inherit"
              startIcon={<HistoryIcon aria-hidden="true" />}
              onClick={() => reopen(entry)}
              title={t('recent.open', { label: entry.label })}
              sx={{ borderColor: 'divider' }}
            >
              {entry.label}
            </Button>
          </li>
        ))}
      </Box>
    </Box>
  )
}
