import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { CustomerCard } from '../../../shared/ipc/types'
import { useFormatters } from './call/useFormatters'
import { visuallyHidden } from '../theme'
import { RiskBadge, flagReason, modelText, riskLevel, riskLevelColor } from './insight'

/** Risk score with its level, every flag with its points and a reason to read aloud, and the model in force. */
export function RiskSection({ insight }: { insight: CustomerCard['insight'] }) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const level = riskLevel(insight.riskScore)
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <RiskBadge score={insight.riskScore} size="large" testId="risk-score" />
        {/* A bar for the eye only: the score and level are in the text next to it. */}
        <Box
          aria-hidden="true"
          sx={{
            flex: '1 1 80px',
            minWidth: 60,
            maxWidth: 160,
            height: 8,
            borderRadius: 4,
            bgcolor: 'action.hover',
            border: '1px solid',
            borderColor: 'divider',
            overflow: 'hidden',
          }}
        >
          <Box sx={{ width: `${insight.riskScore}%`, height: '100%', bgcolor: riskLevelColor(level) }} />
        </Box>
      </Box>

      {insight.flags.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.75 }} data-testid="risk-none">
          {t('risk.none')}
        </Typography>
      ) : (
        <Box
          component="ul"
          aria-label={t('risk.flags')}
          data-testid="risk-flags"
          sx={{ listStyle: 'none', m: 0, mt: 0.75, p: 0 }}
        >
          {insight.flags.map((flag) => (
            <Box
              component="li"
              key={flag.factor}
              data-testid="risk-flag"
              data-factor={flag.factor}
              data-points={flag.points}
              sx={{
                display: 'grid',
                gridTemplateColumns: '2.75rem 1fr',
                gap: 0.75,
                py: 0.375,
                borderTop: '1px solid',
                borderColor: 'divider',
                '&:first-of-type': { borderTop: 'none' },
              }}
            >
              <Typography
                component="span"
                variant="body2"
                sx={{ fontWeight: 700, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
              >
                <span aria-hidden="true">+{flag.points}</span>
                <Box component="span" sx={visuallyHidden}>
                  {t('risk.points', { count: flag.points })}:
                </Box>
              </Typography>
              <Typography component="span" variant="body2" data-testid="risk-flag-reason">
                {flagReason(flag, t, fmt)}
              </Typography>
            </Box>
          ))}
        </Box>
      )}

      <Typography
        variant="caption"
        component="p"
        sx={{ color: 'text.secondary', mt: 0.75, mb: 0 }}
        data-testid="risk-model"
        data-kind={insight.model.kind}
      >
        {modelText(insight.model, t, fmt)}
      </Typography>
    </Box>
  )
}
