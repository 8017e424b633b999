import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import { useTranslation } from 'react-i18next'
import type { LookupFailure } from '../store'

/** A failed API call, readable: a translated headline plus the core's message (and any issues). */
export function LookupError({
  failure,
  onRetry,
  testId = 'lookup-error',
}: {
  failure: LookupFailure
  onRetry?: () => void
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <Alert
      severity="error"
      data-testid={testId}
      data-code={failure.code}
      action={
        onRetry ? (
          <Button color="inherit" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{t(`errors.title.${failure.code}`)}</AlertTitle>
      {failure.message}
      {failure.issues.length > 0 && (
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
          {failure.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </Box>
      )}
    </Alert>
  )
}
