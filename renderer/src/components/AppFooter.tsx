import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../i18n/format'
import { useLoopdeskStore } from '../store'

/** app.info: how many customers, which schema, which build, which mode. */
export function AppFooter() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const info = useLoopdeskStore((s) => s.appInfo)
  const infoError = useLoopdeskStore((s) => s.appInfoError)
  const parts = info
    ? [
        t('footer.customers', { count: info.customers, formatted: fmt.number(info.customers) }),
        t('footer.schema', { version: info.schemaVersion }),
        t('footer.version', { version: info.version }),
        t('footer.region', { region: info.defaultRegion }),
        info.mode === 'electron' ? t('footer.modeElectron') : t('footer.modeHeadless'),
      ]
    : infoError
      ? [t('footer.unavailable')]
      : []
  return (
    <Box
      component="footer"
      sx={{ px: 2, py: 0.75, borderTop: '1px solid', borderColor: 'divider', bgcolor: 'background.paper' }}
    >
      <Typography
        variant="caption"
        component="p"
        sx={{ color: 'text.secondary', m: 0 }}
        data-testid="app-info"
      >
        {parts.join(' · ')}
      </Typography>
    </Box>
  )
}
