import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import DialogActions from '@mui/material/DialogActions'
import { useTranslation } from 'react-i18next'

/** The error line under a call dialog's fields; shown only when saving failed. */
export function DialogProblem({ problem, testId }: { problem: string | null; testId: string }) {
  return problem ? (
    <Alert severity="error" data-testid={testId}>
      {problem}
    </Alert>
  ) : null
}

/** Cancel and submit for the call's small form dialogs (follow-up, customer informed). */
export function DialogFormActions(props: {
  onClose(): void
  saving: boolean
  saveLabel: string
  saveTestId: string
}) {
  const { t } = useTranslation()
  return (
    <DialogActions>
      <Button onClick={props.onClose}>{t('calls.followUp.cancel')}</Button>
      <Button type="submit" variant="contained" disabled={props.saving} data-testid={props.saveTestId}>
        {props.saveLabel}
      </Button>
    </DialogActions>
  )
}
