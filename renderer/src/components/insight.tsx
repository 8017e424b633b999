import Box from '@mui/material/Box'
import type { ChipProps } from '@mui/material/Chip'
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined'
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined'
import WarningAmberIcon from '@mui/icons-material/WarningAmber'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { RISK_FACTORS, type RiskFactor } from '../../../shared/domain/risk'
import { SEGMENTS, type SEGMENT_PLAYS, type Segment } from '../../../shared/domain/segment'
import type { CustomerCard } from '../../../shared/ipc/types'
import type { Formatters } from '../i18n/format'
import type { UiLanguage } from '../i18n'
import { visuallyHidden } from '../theme'

export type ChipColor = NonNullable<ChipProps['color']>
/** The schema types a play as a plain string; the domain knows the closed set. */
export type Play = (typeof SEGMENT_PLAYS)[Segment]
export type RiskFlag = CustomerCard['insight']['flags'][number]
export type RiskModel = CustomerCard['insight']['model']
export type Offer = CustomerCard['offers'][number]

export const SEGMENT_COLOR: Record<Segment, ChipColor> = {
  loyal_advocate: 'success',
  at_risk_promoter: 'warning',
  captive_critic: 'warning',
  churn_risk: 'error',
  undecided: 'default',
}

export function isSegment(value: unknown): value is Segment {
  return typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value)
}

export function isRiskFactor(value: unknown): value is RiskFactor {
  return typeof value === 'string' && (RISK_FACTORS as readonly string[]).includes(value)
}

export type RiskLevel = 'low' | 'medium' | 'high'

/** niedrig < 30, mittel 30-59, hoch >= 60. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 60) return 'high'
  if (score >= 30) return 'medium'
  return 'low'
}

const LEVEL_COLOR: Record<RiskLevel, 'success' | 'warning' | 'error'> = {
  low: 'success',
  medium: 'warning',
  high: 'error',
}
const LEVEL_ICON = { low: CheckCircleOutlineIcon, medium: WarningAmberIcon, high: ErrorOutlineIcon }

export function riskLevelColor(level: RiskLevel): string {
  return `${LEVEL_COLOR[level]}.main`
}

/** Icon + score + level word: colour is never the only signal. */
export function RiskBadge({
  score,
  size = 'small',
  testId,
}: {
  score: number
  size?: 'small' | 'large'
  testId?: string
}) {
  const { t } = useTranslation()
  const level = riskLevel(score)
  const Icon = LEVEL_ICON[level]
  const large = size === 'large'
  return (
    <Box
      component="span"
      data-testid={testId}
      data-score={score}
      data-level={level}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap' }}
    >
      <Icon aria-hidden="true" sx={{ color: riskLevelColor(level), fontSize: large ? '1.6rem' : '1.1rem' }} />
      <Box component="span" sx={visuallyHidden}>
        {t('risk.scoreLabel', { score, level: t(`risk.level.${level}`) })}
      </Box>
      <Box
        component="span"
        aria-hidden="true"
        sx={{ display: 'inline-flex', alignItems: 'baseline', gap: 0.5 }}
      >
        <Box
          component="span"
          sx={{ fontWeight: 700, fontSize: large ? '1.6rem' : 'inherit', lineHeight: 1.1 }}
          data-testid={testId ? `${testId}-value` : undefined}
        >
          {score}
        </Box>
        <Box component="span" sx={{ color: 'text.secondary' }}>
          {t('risk.outOf')}
        </Box>
        <Box component="span" sx={{ color: riskLevelColor(level), fontWeight: 700 }}>
          {t(`risk.level.${level}`)}
        </Box>
      </Box>
    </Box>
  )
}

function num(params: RiskFlag['params'], key: string): number {
  const value = Number(params[key])
  return Number.isFinite(value) ? value : 0
}

/** Quoted phrases from the flag ("zu teuer", "Kündigung") with the language's quotation marks. */
function quotes(raw: string, t: TFunction): string {
  return raw
    .split('", "')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => t('risk.quote', { text }))
    .join(', ')
}

/** The reason an agent can read aloud, e.g. "Nutzung −43 % in den letzten 4 Wochen (ggü. vor 8 Wochen)". */
export function flagReason(flag: RiskFlag, t: TFunction, fmt: Formatters): string {
  const p = flag.params
  const days = (count: number) => t('risk.days', { count })
  switch (flag.factor) {
    case 'declining_usage':
      return t('risk.reason.declining_usage', {
        pct: fmt.signedPercent(num(p, 'pct')),
        weeks: num(p, 'weeks'),
        prior: num(p, 'prior'),
      })
    case 'negative_sentiment':
      return t('risk.reason.negative_sentiment', { count: num(p, 'count'), days: num(p, 'days') })
    case 'low_intent':
      return t('risk.reason.low_intent', {
        pct: fmt.percent(num(p, 'pct') / 100),
        avg: fmt.percent(num(p, 'avgPct') / 100),
      })
    case 'detractor': {
      const avg = fmt.decimal(num(p, 'avg'), Number.isInteger(num(p, 'avg')) ? 0 : 1)
      return p.nps === '' || p.nps === undefined
        ? t('risk.reason.detractorAverage', { avg })
        : t('risk.reason.detractor', { nps: num(p, 'nps'), avg })
    }
    case 'open_tickets': {
      const count = num(p, 'count')
      const age = num(p, 'days')
      return age > 0
        ? t('risk.reason.open_tickets', { count, age: days(age) })
        : t('risk.reason.openTicketsFresh', { count })
    }
    case 'price_competitor':
      return t('risk.reason.price_competitor', { quotes: quotes(String(p.quote ?? ''), t) })
    case 'contract_end': {
      const left = num(p, 'days')
      return left > 0 ? t('risk.reason.contract_end', { age: days(left) }) : t('risk.reason.contractEndToday')
    }
    case 'recent_complaint':
      return t('risk.reason.recent_complaint', { count: num(p, 'count'), window: num(p, 'window') })
  }
}

/** "Gewichte: angepasst an Kündigungsdaten (AUC 0,81 vs. 0,74 Standard)" or "Gewichte: Standard". */
export function modelText(model: RiskModel, t: TFunction, fmt: Formatters): string {
  if (model.kind === 'hand') return t('risk.modelHand')
  if (model.auc === null || model.baselineAuc === null) return t('risk.modelFittedPlain')
  return t('risk.modelFitted', {
    auc: fmt.decimal(model.auc, 2),
    baseline: fmt.decimal(model.baselineAuc, 2),
  })
}

export function offerName(offer: Pick<Offer, 'nameDe' | 'nameEn'>, language: UiLanguage): string {
  return language === 'en' ? offer.nameEn : offer.nameDe
}
