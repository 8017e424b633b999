import { Component, type ErrorInfo, type ReactNode } from 'react'
import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { i18n } from '../i18n'

interface Props {
  children: ReactNode
  /** Changing this key clears a caught error (e.g. the next lookup gets a fresh try). */
  resetKey?: unknown
}

interface State {
  error: Error | null
  resetKey: unknown
}

/** Never a blank screen: a render error shows a readable alert with a way out. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null }
    return null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('LoopDesk view crashed', error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    // i18n.t directly: this must work even when the crash happened inside a provider.
    return (
      <Alert severity="error" data-testid="crash-alert" role="alert">
        <AlertTitle>{i18n.t('errors.crashTitle')}</AlertTitle>
        {i18n.t('errors.crashText')}
        <br />
        {i18n.t('errors.unexpected', { message: error.message })}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button variant="outlined" color="inherit" onClick={() => this.setState({ error: null })}>
            {i18n.t('errors.retry')}
          </Button>
          <Button variant="outlined" color="inherit" onClick={() => window.location.reload()}>
            {i18n.t('errors.reload')}
          </Button>
        </Stack>
      </Alert>
    )
  }
}
