import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Typography from '@mui/material/Typography'
import { useTranslation } from 'react-i18next'
import type { IntentBand } from '../../../../shared/domain/intent'
import type { NpsGroup } from '../../../../shared/domain/nps'
import type { CallContext } from '../../../../shared/ipc/callsContract'
import type { CustomerCard } from '../../../../shared/ipc/types'
import { useFormatters } from './useFormatters'
import { visuallyHidden } from '../../theme'
import type { ChipColor } from '../insight'
import { Sparkline } from './Sparkline'

const NPS_COLOR: Record<NpsGroup, ChipColor> = { promoter: 'success', passive: 'default', detractor: 'error' }
const INTENT_COLOR: Record<IntentBand, ChipColor> = { high: 'success', medium: 'default', low: 'error' }

function Row({
  label,
  value,
  chip,
  date,
  spark,
  summary,
  testId,
}: {
  label: string
  value: string
  chip: React.ReactNode
  date: string
  spark: React.ReactNode
  summary: string
  testId: string
}) {
  return (
    <Box
      data-testid={testId}
      title={date}
      sx={{
        display: 'grid',
        gridTemplateColumns: '6.5rem minmax(0, 1fr) auto',
        alignItems: 'center',
        columnGap: 1,
        py: 0.25,
      }}
    >
      <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap', minWidth: 0 }}>
        <Typography
          component="span"
          variant="body2"
          sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {value}
        </Typography>
        {chip}
      </Box>
      {spark}
      <Box component="span" sx={visuallyHidden}>
        {date ? `${summary} (${date})` : summary}
      </Box>
    </Box>
  )
}

/** Latest NPS and purchase intent, each with its band and a sparkline of the last answers. */
export function ScoreTrend({ card, context }: { card: CustomerCard; context: CallContext | null }) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const trend = context?.customerId === card.customer.id ? context.trend : []
  const npsValues = trend.map((p) => p.nps)
  const intentValues = trend.map((p) => p.intent)
  const npsKnown = npsValues.filter((v): v is number => v !== null)
  const intentKnown = intentValues.filter((v): v is number => v !== null)
  const { latestNps, latestIntent } = card
  return (
    <Box data-testid="score-trend">
      <Row
        testId="nps-latest"
        label={t('card.nps')}
        value={latestNps ? t('card.npsScore', { score: latestNps.score }) : t('card.npsNone')}
        chip={
          latestNps && (
            <Chip
              variant="outlined"
              color={NPS_COLOR[latestNps.group]}
              label={t(`npsGroup.${latestNps.group}`)}
            />
          )
        }
        date={latestNps ? fmt.date(latestNps.answeredAt) : ''}
        spark={<Sparkline values={npsValues} min={0} max={10} testId="nps-sparkline" />}
        summary={
          npsKnown.length > 0
            ? t('calls.trend.summaryNps', { count: npsKnown.length, values: npsKnown.join(', ') })
            : t('calls.trend.none')
        }
      />
      <Row
        testId="intent-latest"
        label={t('card.intent')}
        value={latestIntent ? fmt.percent(latestIntent.value) : t('card.intentNone')}
        chip={
          latestIntent && (
            <Chip
              variant="outlined"
              color={INTENT_COLOR[latestIntent.band]}
              label={t('card.intentBand', { band: t(`intentBand.${latestIntent.band}`) })}
            />
          )
        }
        date={latestIntent ? fmt.date(latestIntent.answeredAt) : ''}
        spark={<Sparkline values={intentValues} min={0} max={1} testId="intent-sparkline" />}
        summary={
          intentKnown.length > 0
            ? t('calls.trend.summaryIntent', {
                count: intentKnown.length,
                values: intentKnown.map((v) => fmt.percent(v)).join(', '),
              })
            : t('calls.trend.none')
        }
      />
    </Box>
  )
}
