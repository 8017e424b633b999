import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'

/** Sample inputs (data, not UI text: the same in every language). */
const EXAMPLES = ['+49 30 1234567', '030/1234567', 'K-10023', 'anna.schmidt@example.com']

export function isApplePlatform(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } }
  const platform = nav.userAgentData?.platform ?? nav.platform ?? ''
  return /mac|iphone|ipad/i.test(platform)
}

/** Before the first lookup: what to type, and how to get to the search box. */
export function EmptyState() {
  const { t } = useTranslation()
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="empty-heading"
      data-testid="empty-state"
      sx={{ p: { xs: 1.5, md: 2 } }}
    >
      <Typography component="h2" variant="h2" id="empty-heading">
        {t('empty.title')}
      </Typography>
      <Typography variant="body1" sx={{ mt: 1 }}>
        {t('empty.hint')}
      </Typography>
      <Typography variant="body1" sx={{ mt: 1 }}>
        {t('empty.shortcut')} <kbd>{isApplePlatform() ? t('shortcut.cmdK') : t('shortcut.ctrlK')}</kbd>
      </Typography>
      <Typography
        variant="body1"
        component="div"
        sx={{ mt: 1, display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline' }}
      >
        <span>{t('empty.examples')}</span>
        {EXAMPLES.map((example) => (
          <Box
            component="code"
            key={example}
            sx={{
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: '0.9em',
              px: 0.75,
              py: 0.125,
              borderRadius: 1,
              bgcolor: 'action.hover',
            }}
          >
            {example}
          </Box>
        ))}
      </Typography>
    </Paper>
  )
}
