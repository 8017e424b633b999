import { createTheme, type PaletteMode, type Theme } from '@mui/material/styles'

const THEME_KEY = 'loopdesk.theme'

/** No web fonts (the app runs offline under a strict CSP): the platform's UI font. */
const SYSTEM_FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"Noto Sans"',
  '"Liberation Sans"',
  'sans-serif',
  '"Apple Color Emoji"',
  '"Segoe UI Emoji"',
].join(', ')

// Colours are chosen for WCAG AA: every "main" reaches >= 4.5:1 against the page and paper
// backgrounds (used as text in outlined chips) and against its contrastText (filled chips, buttons).
const LIGHT = {
  primary: { main: '#1f5fa8', contrastText: '#ffffff' },
  secondary: { main: '#5b4a9e', contrastText: '#ffffff' },
  success: { main: '#1b6e31', contrastText: '#ffffff' },
  warning: { main: '#8a4b00', contrastText: '#ffffff' },
  error: { main: '#b3261e', contrastText: '#ffffff' },
  info: { main: '#0b5f8a', contrastText: '#ffffff' },
  background: { default: '#f4f6f8', paper: '#ffffff' },
}

const DARK = {
  primary: { main: '#8ab4f8', contrastText: '#121417' },
  secondary: { main: '#c3b5f5', contrastText: '#121417' },
  success: { main: '#7bd88f', contrastText: '#121417' },
  warning: { main: '#f5b94a', contrastText: '#121417' },
  error: { main: '#ff8a80', contrastText: '#121417' },
  info: { main: '#7cc8f0', contrastText: '#121417' },
  background: { default: '#121417', paper: '#1a1d21' },
}

export function createAppTheme(mode: PaletteMode): Theme {
  const colors = mode === 'dark' ? DARK : LIGHT
  const focusColor = colors.primary.main
  return createTheme({
    palette: { mode, ...colors },
    shape: { borderRadius: 6 },
    spacing: 8,
    typography: {
      fontFamily: SYSTEM_FONT_STACK,
      fontSize: 14,
      h1: { fontSize: '1.6rem', fontWeight: 600 },
      h2: { fontSize: '1.35rem', fontWeight: 600 },
      h3: { fontSize: '1rem', fontWeight: 600 },
      h4: { fontSize: '0.95rem', fontWeight: 600 },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          // A visible focus ring for every keyboard-focusable element (inputs show MUI's focused outline).
          ':focus-visible': { outline: `2px solid ${focusColor}`, outlineOffset: 2 },
          'input:focus-visible, textarea:focus-visible': { outline: 'none' },
          kbd: {
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: '0.85em',
            padding: '1px 6px',
            borderRadius: 4,
            border: '1px solid currentColor',
          },
        },
      },
      MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
      MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
      // MUI resets the outline on its buttons and shows focus as a faint tint only; keyboard users
      // need the same ring as everywhere else (toggle buttons of the survey scale, offer outcomes).
      MuiButtonBase: {
        // No ripple: calmer, and a card has some 40 buttons whose ripple layers cost render time.
        defaultProps: { disableRipple: true },
        styleOverrides: {
          root: { '&.Mui-focusVisible': { outline: `2px solid ${focusColor}`, outlineOffset: 2 } },
        },
      },
      MuiButton: { defaultProps: { disableElevation: true, size: 'small' } },
      MuiIconButton: { defaultProps: { size: 'small' } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiFormControl: { defaultProps: { size: 'small' } },
      MuiChip: { defaultProps: { size: 'small' } },
      MuiList: { defaultProps: { dense: true } },
      MuiToggleButton: { defaultProps: { size: 'small' } },
      MuiAlert: { styleOverrides: { root: { alignItems: 'flex-start' } } },
    },
  })
}

function prefersDark(): boolean {
  try {
    return window.matchMedia('(prefers-color-scheme: dark)').matches
  } catch {
    return false
  }
}

export function initialThemeMode(): PaletteMode {
  try {
    const stored = window.localStorage.getItem(THEME_KEY)
    if (stored === 'light' || stored === 'dark') return stored
  } catch {
    // storage blocked
  }
  return prefersDark() ? 'dark' : 'light'
}

export function persistThemeMode(mode: PaletteMode): void {
  try {
    window.localStorage.setItem(THEME_KEY, mode)
  } catch {
    // not persisted
  }
}

/** Hides content visually while keeping it for screen readers (e.g. the page's h1, live regions). */
export const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const
