import { useState } from 'react'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import PersonAddIcon from '@mui/icons-material/PersonAdd'
import { useTranslation } from 'react-i18next'
import { formatPhone, looksLikePhone } from '../../../shared/domain/phone'
import type { UnknownCaller as UnknownCallerData } from '../store'
import { CreateCustomerDialog, type CreateCustomerDefaults } from './CreateCustomerDialog'

function defaultsFor(unknown: UnknownCallerData): CreateCustomerDefaults {
  const query = unknown.query.trim()
  if (unknown.normalizedPhone) return { phone: unknown.normalizedPhone }
  if (looksLikePhone(query)) return { phone: query }
  if (/^[^\s@]+@[^\s@]+$/.test(query)) return { email: query }
  // A name was searched: offer it as the last name; customer numbers and ids are not names.
  if (!/^(#|id:|k-?\s*\d)/i.test(query) && !/\d/.test(query)) return { lastName: query }
  return {}
}

/** Nobody matches: say so clearly, show the number, and offer to create the customer. */
export function UnknownCaller({ unknown }: { unknown: UnknownCallerData }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const phone = unknown.normalizedPhone

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="unknown-caller-heading"
      data-testid="unknown-caller"
      sx={{ p: { xs: 1.5, md: 2 }, borderLeft: '4px solid', borderLeftColor: 'warning.main' }}
    >
      <Typography component="h2" variant="h2" id="unknown-caller-heading">
        {t('unknown.title')}
      </Typography>
      {phone ? (
        <>
          <Typography
            variant="body1"
            sx={{ mt: 0.5, fontSize: '1.15rem', fontWeight: 600 }}
            data-testid="unknown-number"
          >
            {t('unknown.number', { number: formatPhone(phone) })}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="unknown-e164">
            {t('unknown.e164', { number: phone })}
          </Typography>
        </>
      ) : (
        <Typography
          variant="body1"
          sx={{ mt: 0.5, fontSize: '1.15rem', fontWeight: 600 }}
          data-testid="unknown-number"
        >
          {looksLikePhone(unknown.query)
            ? t('unknown.number', { number: unknown.query })
            : t('unknown.query', { query: unknown.query })}
        </Typography>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {t('unknown.hint')}
      </Typography>
      <Button
        variant="contained"
        size="medium"
        startIcon={<PersonAddIcon aria-hidden="true" />}
        onClick={() => setOpen(true)}
        sx={{ mt: 1.5 }}
        data-testid="create-customer-button"
      >
        {t('unknown.create')}
      </Button>
      {open && <CreateCustomerDialog defaults={defaultsFor(unknown)} onClose={() => setOpen(false)} />}
    </Paper>
  )
}
