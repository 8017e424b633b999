import { memo, useEffect, useMemo, useRef, useState } from 'react'
import Alert from '@mui/material/Alert'
import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Container from '@mui/material/Container'
import CssBaseline from '@mui/material/CssBaseline'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import { ThemeProvider, type PaletteMode } from '@mui/material/styles'
import { useTranslation } from 'react-i18next'
import { boot, openCustomer, runLookup } from './actions'
import { AppFooter } from './components/AppFooter'
import { CandidateList } from './components/CandidateList'
import { CustomerCard } from './components/CustomerCard'
import { EmptyState } from './components/EmptyState'
import { ErrorBoundary } from './components/ErrorBoundary'
import { ImportView } from './components/ImportView'
import { IncomingCallBanner } from './components/IncomingCallBanner'
import { LookupError } from './components/LookupError'
import { RecentLookups } from './components/RecentLookups'
import { SearchBox } from './components/SearchBox'
import { SettingsControls } from './components/SettingsControls'
import { UnknownCaller } from './components/UnknownCaller'
import { WatchlistView } from './components/WatchlistView'
import { installCallSync, startCallFromScreenPop } from './components/call/callActions'
import { RecentCalls } from './components/call/RecentCalls'
import { LoopDetailDrawer } from './components/loops/LoopDetailDrawer'
import { LoopsToolbar } from './components/loops/LoopsToolbar'
import { LoopsView } from './components/loops/LoopsView'
import { useLoopDrawerInset } from './loops/loopsStore'
import { DashboardView } from './components/dashboard/DashboardView'
import { useLoopdeskStore, type View } from './store'
import { createAppTheme, initialThemeMode, persistThemeMode, visuallyHidden } from './theme'

/** Ctrl+K / Cmd+K from anywhere focuses (and selects) the search box. */
function useSearchShortcut(inputRef: React.RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === 'k'
      ) {
        event.preventDefault()
        const input = inputRef.current
        if (input) {
          input.focus()
          input.select()
        }
      }
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [inputRef])
}

/** A polite live region so screen-reader users hear what the lookup found. */
function StatusAnnouncer() {
  const { t } = useTranslation()
  const status = useLoopdeskStore((s) => s.status)
  const card = useLoopdeskStore((s) => s.card)
  const candidates = useLoopdeskStore((s) => s.candidates)
  const error = useLoopdeskStore((s) => s.error)
  const justCreated = useLoopdeskStore((s) => s.justCreated)
  let text = ''
  if (status === 'loading') text = t('state.loading')
  else if (status === 'match' && card)
    text = justCreated
      ? t('state.created', { name: card.customer.displayName })
      : t('state.match', { name: card.customer.displayName })
  else if (status === 'multiple') text = t('state.multiple', { count: candidates.length })
  else if (status === 'unknown') text = t('state.unknown')
  else if (status === 'error' && error) text = `${t(`errors.title.${error.code}`)}: ${error.message}`
  return (
    <Box
      role="status"
      aria-live="polite"
      sx={visuallyHidden}
      data-testid="lookup-status"
      data-status={status}
    >
      {text}
    </Box>
  )
}

// The card's props do not change while the next lookup runs (status 'loading'): no re-render then.
const CustomerCardMemo = memo(CustomerCard)

function LookupView() {
  const { t } = useTranslation()
  // The call workspace follows the card on display (extras, history) and resumes an open call.
  useEffect(() => installCallSync(), [])
  const status = useLoopdeskStore((s) => s.status)
  const card = useLoopdeskStore((s) => s.card)
  const matchedBy = useLoopdeskStore((s) => s.matchedBy)
  const candidates = useLoopdeskStore((s) => s.candidates)
  const unknown = useLoopdeskStore((s) => s.unknown)
  const error = useLoopdeskStore((s) => s.error)
  const lookedUp = useLoopdeskStore((s) => s.lookedUp)
  const justCreated = useLoopdeskStore((s) => s.justCreated)

  switch (status) {
    case 'idle':
      return <EmptyState />
    case 'loading':
      // Another caller while a card is shown: keep the card (dimmed by CustomerCard) so React
      // updates it in place instead of building the whole workspace again (screen-pop latency).
      if (card)
        return (
          <Stack spacing={1}>
            {/* Same child positions as the match state below, so the card is not remounted. */}
            {null}
            <CustomerCardMemo card={card} matchedBy={matchedBy} />
          </Stack>
        )
      return (
        <Box
          data-testid="lookup-loading"
          sx={{
            py: 2,
            // Local lookups take milliseconds: only show the bar if one takes noticeably long.
            opacity: 0,
            animation: 'loopdesk-fade-in 0.2s ease-out 0.15s forwards',
            '@keyframes loopdesk-fade-in': { to: { opacity: 1 } },
          }}
        >
          <LinearProgress aria-label={t('state.loading')} />
          <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
            {t('state.loading')}
          </Typography>
        </Box>
      )
    case 'match':
      return card ? (
        <Stack spacing={1}>
          {justCreated && (
            <Alert severity="success" variant="outlined" data-testid="customer-created" sx={{ py: 0 }}>
              {t('state.created', { name: card.customer.displayName })}
            </Alert>
          )}
          <CustomerCardMemo card={card} matchedBy={matchedBy} />
        </Stack>
      ) : null
    case 'multiple':
      return (
        <CandidateList
          candidates={candidates}
          matchedBy={matchedBy}
          onChoose={(c) => {
            const query = useLoopdeskStore.getState().lookedUp ?? undefined
            useLoopdeskStore.getState().setQuery(c.customerNo)
            void openCustomer(c.id, c.customerNo)
            // Picking the caller from the list completes the screen pop: the call starts.
            void startCallFromScreenPop(c.id, query)
          }}
        />
      )
    case 'unknown':
      return unknown ? <UnknownCaller unknown={unknown} /> : null
    case 'error':
      return error ? (
        <LookupError failure={error} onRetry={lookedUp ? () => void runLookup(lookedUp) : undefined} />
      ) : null
  }
}

const VIEWS: View[] = ['call', 'loops', 'watchlist', 'dashboard', 'import']
const tabId = (view: View) => `nav-tab-${view}`
const panelId = (view: View) => `nav-panel-${view}`

/**
 * The call view's content. The lookup state is read here, not in the shell, so a screen pop
 * re-renders only this subtree: the header (search box, navigation tabs, whose indicator measures
 * the layout on every render) stays as it is.
 */
function CallViewContent() {
  const status = useLoopdeskStore((s) => s.status)
  const lookedUp = useLoopdeskStore((s) => s.lookedUp)
  return (
    <Stack spacing={2} aria-busy={status === 'loading'}>
      <ErrorBoundary resetKey={`${status}:${lookedUp ?? ''}`}>
        <LookupView />
      </ErrorBoundary>
      {/* The card fills the screen during a call; the lists come back between calls. */}
      {status !== 'match' && <RecentCalls />}
      {status !== 'match' && <RecentLookups />}
    </Stack>
  )
}

/** "Anruf" (the screen pop), "Watchlist" (customers at risk, segment matrix, churn rate) and "Import". */
function ViewTabs() {
  const { t } = useTranslation()
  const view = useLoopdeskStore((s) => s.view)
  return (
    <Box component="nav" aria-label={t('nav.label')} sx={{ alignSelf: 'stretch', display: 'flex' }}>
      <Tabs
        value={view}
        onChange={(_event, next: View) => useLoopdeskStore.getState().setView(next)}
        aria-label={t('nav.label')}
        sx={{ minHeight: 40, alignSelf: 'center', '& .MuiTab-root': { minHeight: 40, py: 0.5, px: 1.5 } }}
      >
        {VIEWS.map((v) => (
          <Tab
            key={v}
            value={v}
            label={t(`nav.${v}`)}
            id={tabId(v)}
            aria-controls={panelId(v)}
            data-testid={`nav-${v}`}
          />
        ))}
      </Tabs>
    </Box>
  )
}

function ViewPanel({ view, children }: { view: View; children: React.ReactNode }) {
  const current = useLoopdeskStore((s) => s.view)
  return (
    <Box role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} hidden={current !== view}>
      {children}
    </Box>
  )
}

/** True from the first time the import view is shown on. */
function useImportOpened(view: View): boolean {
  const [opened, setOpened] = useState(false)
  if (view === 'import' && !opened) setOpened(true)
  return opened || view === 'import'
}

function Shell({ mode, onToggleMode }: { mode: PaletteMode; onToggleMode(): void }) {
  const { t } = useTranslation()
  const inputRef = useRef<HTMLInputElement>(null)
  const incomingCall = useLoopdeskStore((s) => s.incomingCall)
  const appInfoError = useLoopdeskStore((s) => s.appInfoError)
  const view = useLoopdeskStore((s) => s.view)
  const importOpened = useImportOpened(view)
  const drawerInset = useLoopDrawerInset()

  useSearchShortcut(inputRef)
  useEffect(() => boot(), [])

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <AppBar
        component="header"
        position="sticky"
        sx={{ borderBottom: '1px solid', borderColor: 'divider', bgcolor: 'background.paper' }}
      >
        <Toolbar variant="dense" sx={{ gap: 2, py: 1, flexWrap: { xs: 'wrap', md: 'nowrap' } }}>
          <Typography
            component="p"
            variant="h6"
            sx={{ fontWeight: 700, letterSpacing: 0.2, color: 'primary.main', whiteSpace: 'nowrap', m: 0 }}
            data-testid="product-name"
          >
            {t('app.name')}
          </Typography>
          <ViewTabs />
          <SearchBox inputRef={inputRef} />
          <Stack direction="row" spacing={1} sx={{ ml: 'auto', alignItems: 'center' }}>
            <LoopsToolbar />
            <SettingsControls mode={mode} onToggleMode={onToggleMode} />
          </Stack>
        </Toolbar>
      </AppBar>

      <Box component="main" sx={{ flex: 1, py: 2, mr: { xs: 0, md: `${drawerInset}px` } }}>
        <Typography component="h1" sx={visuallyHidden}>
          {view === 'watchlist'
            ? t('app.headingWatchlist')
            : view === 'import'
              ? t('app.headingImport')
              : view === 'loops'
                ? t('loops.heading')
                : view === 'dashboard'
                  ? t('dashboard.heading')
                  : t('app.heading')}
        </Typography>
        <Container maxWidth="xl">
          <Stack spacing={2}>
            {incomingCall && (
              <IncomingCallBanner
                number={incomingCall}
                onClose={() => useLoopdeskStore.getState().setIncomingCall(null)}
              />
            )}
            {appInfoError && <LookupError failure={appInfoError} testId="startup-error" />}
            <StatusAnnouncer />
            <ViewPanel view="call">
              <CallViewContent />
            </ViewPanel>
            <ViewPanel view="loops">
              {view === 'loops' && (
                <ErrorBoundary resetKey="loops">
                  <LoopsView />
                </ErrorBoundary>
              )}
            </ViewPanel>
            <ViewPanel view="watchlist">
              {view === 'watchlist' && (
                <ErrorBoundary resetKey="watchlist">
                  <WatchlistView />
                </ErrorBoundary>
              )}
            </ViewPanel>
            <ViewPanel view="dashboard">
              {view === 'dashboard' && (
                <ErrorBoundary resetKey="dashboard">
                  <DashboardView />
                </ErrorBoundary>
              )}
            </ViewPanel>
            <ViewPanel view="import">
              {/* Stays mounted once opened: a running import keeps its progress while agents switch views. */}
              {importOpened && (
                <ErrorBoundary resetKey="import">
                  <ImportView />
                </ErrorBoundary>
              )}
            </ViewPanel>
          </Stack>
        </Container>
      </Box>

      <AppFooter />
      {/* Outside the views: the loop stays open beside the customer card in the call view. */}
      <LoopDetailDrawer />
    </Box>
  )
}

export function App() {
  const [mode, setMode] = useState<PaletteMode>(initialThemeMode)
  const theme = useMemo(() => createAppTheme(mode), [mode])

  const toggleMode = () =>
    setMode((current) => {
      const next = current === 'dark' ? 'light' : 'dark'
      persistThemeMode(next)
      return next
    })

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      <ErrorBoundary>
        <Shell mode={mode} onToggleMode={toggleMode} />
      </ErrorBoundary>
    </ThemeProvider>
  )
}
