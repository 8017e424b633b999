import Alert from '@mui/material/Alert'
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk'
import { useTranslation } from 'react-i18next'

/** "Eingehender Anruf: <number>": the caller-id exactly as the telephony system handed it over. */
export function IncomingCallBanner({ number, onClose }: { number: string; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Alert
      severity="info"
      variant="outlined"
      icon={<PhoneInTalkIcon fontSize="inherit" />}
      data-testid="incoming-call"
      role="status"
      onClose={onClose}
      slotProps={{ closeButton: { 'aria-label': t('call.dismiss') } }}
      sx={{ py: 0, alignItems: 'center' }}
    >
      {t('call.incoming', { number })}
    </Alert>
  )
}
