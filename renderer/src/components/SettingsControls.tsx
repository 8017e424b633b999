import type { PaletteMode } from '@mui/material/styles'
import IconButton from '@mui/material/IconButton'
import Stack from '@mui/material/Stack'
import ToggleButton from '@mui/material/ToggleButton'
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup'
import DarkModeIcon from '@mui/icons-material/DarkMode'
import LightModeIcon from '@mui/icons-material/LightMode'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, isUiLanguage, setLanguage } from '../i18n'

export interface SettingsControlsProps {
  mode: PaletteMode
  onToggleMode(): void
}

/** Language switch (DE/EN) and light/dark toggle. */
export function SettingsControls({ mode, onToggleMode }: SettingsControlsProps) {
  const { t, i18n } = useTranslation()
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center' }}
      role="group"
      aria-label={t('app.toolbar')}
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={i18n.language}
        aria-label={t('settings.language')}
        data-testid="language-switch"
        onChange={(_event, value: unknown) => {
          if (isUiLanguage(value)) void setLanguage(value)
        }}
      >
        {LANGUAGES.map((lang) => (
          <ToggleButton
            key={lang}
            value={lang}
            lang={lang}
            title={t(`languages.${lang}`)}
            data-testid={`language-${lang}`}
            sx={{ px: 1.25, fontWeight: 700 }}
          >
            {t(`languageShort.${lang}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <IconButton
        aria-label={t('settings.darkMode')}
        aria-pressed={mode === 'dark'}
        title={t('settings.darkMode')}
        data-testid="theme-toggle"
        onClick={onToggleMode}
        size="medium"
      >
        {mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
      </IconButton>
    </Stack>
  )
}
