import { useEffect, useId, useRef, useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Chip from '@mui/material/Chip'
import Popover from '@mui/material/Popover'
import Typography from '@mui/material/Typography'
import BlockIcon from '@mui/icons-material/Block'
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined'
import ExpandMoreIcon from '@mui/icons-material/ExpandMore'
import { useTranslation } from 'react-i18next'
import type { CustomerCard } from '../../../../shared/ipc/types'
import { useFormatters } from './useFormatters'
import type { MatchedBy } from '../../store'
import { RiskBadge, SEGMENT_COLOR, flagReason, type Play } from '../insight'
import { useCallStore } from './callStore'

/** Whole months from the customer's start date to now (the tenure an agent says aloud). */
export function tenureMonths(customerSince: string, now: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customerSince)
  if (!match) return 0
  const since = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  const today = new Date(now)
  let months =
    (today.getUTCFullYear() - since.getUTCFullYear()) * 12 + today.getUTCMonth() - since.getUTCMonth()
  if (today.getUTCDate() < since.getUTCDate()) months -= 1
  return Math.max(0, months)
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <Typography component="dt" variant="caption" sx={{ color: 'text.secondary', lineHeight: 1.3 }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        sx={{ m: 0, fontWeight: 600, whiteSpace: 'nowrap' }}
        data-testid={testId}
      >
        {children}
      </Typography>
    </Box>
  )
}

/** Who is calling: name, number, segment, risk (with its reasons on demand), value, tenure, consent. */
export function CallerHeader({
  card,
  matchedBy,
  headingId,
  headingRef,
}: {
  card: CustomerCard
  matchedBy?: MatchedBy | null
  headingId: string
  headingRef: React.RefObject<HTMLHeadingElement | null>
}) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const { customer, segment, insight } = card
  const churned = customer.status === 'churned'
  const [riskAnchor, setRiskAnchor] = useState<HTMLElement | null>(null)
  const riskButton = useRef<HTMLButtonElement>(null)
  const popoverId = useId()
  const [now] = useState(() => Date.now())
  const months = tenureMonths(customer.customerSince, now)
  const tenure =
    months >= 24
      ? t('calls.header.tenureYears', { count: Math.floor(months / 12) })
      : t('calls.header.tenureMonths', { count: months })
  const focusRequest = useCallStore((s) => s.focusRequest)

  // Alt+G (shortcut) opens the reasons from anywhere.
  useEffect(() => {
    if (focusRequest?.target === 'risk' && riskButton.current) {
      riskButton.current.focus()
      setRiskAnchor(riskButton.current)
    }
  }, [focusRequest])

  const subtitle = [customer.company, customer.city, t(`vertical.${customer.vertical}`), customer.plan]
    .filter((part): part is string => Boolean(part))
    .join(' · ')

  return (
    <Box
      component="header"
      data-testid="caller-header"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 3, rowGap: 0.5 }}
    >
      <Box sx={{ minWidth: 0, flex: '1 1 280px' }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 1 }}>
          <Typography
            component="h2"
            variant="h2"
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            data-testid="customer-name"
          >
            {customer.displayName}
          </Typography>
          <Typography
            component="span"
            variant="body2"
            sx={{ color: 'text.secondary' }}
            data-testid="customer-no"
          >
            {t('calls.header.customerNo', { no: customer.customerNo })}
          </Typography>
          <Chip
            data-testid="customer-status"
            data-status={customer.status}
            color={churned ? 'error' : 'success'}
            variant={churned ? 'filled' : 'outlined'}
            label={`${t('card.status')}: ${t(`customerStatus.${customer.status}`)}${
              churned && customer.churnedAt !== null
                ? ` (${t('card.churnedAt', { date: fmt.date(customer.churnedAt) })})`
                : ''
            }`}
          />
        </Box>
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="customer-company" noWrap>
          {subtitle}
          {matchedBy && (
            <Box component="span" data-testid="matched-by">
              {' · '}
              {t('candidates.matchedBy', { by: t(`matchedBy.${matchedBy}`) })}
            </Box>
          )}
        </Typography>
      </Box>

      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        {segment ? (
          <Chip
            data-testid="segment-chip"
            data-segment={segment.key}
            color={SEGMENT_COLOR[segment.key]}
            label={`${t(`segment.${segment.key}`)} · ${t(`play.${segment.play as Play}`)}`}
          />
        ) : (
          <Chip
            data-testid="segment-chip"
            data-segment="none"
            variant="outlined"
            label={t('card.segmentNone')}
          />
        )}
        <Button
          ref={riskButton}
          variant="outlined"
          color="inherit"
          aria-haspopup="dialog"
          aria-expanded={riskAnchor !== null}
          aria-controls={riskAnchor ? popoverId : undefined}
          onClick={(event) => setRiskAnchor(event.currentTarget)}
          endIcon={<ExpandMoreIcon aria-hidden="true" />}
          data-testid="header-risk"
          sx={{ borderColor: 'divider', py: 0.125 }}
        >
          <RiskBadge score={insight.riskScore} />
          <Box component="span" sx={{ ml: 0.75, fontWeight: 400 }}>
            {t('calls.header.riskReasons')}
          </Box>
        </Button>
        <Popover
          id={popoverId}
          open={riskAnchor !== null}
          anchorEl={riskAnchor}
          onClose={() => setRiskAnchor(null)}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
          slotProps={{
            paper: { sx: { p: 1.5, maxWidth: 420 }, role: 'dialog', 'aria-labelledby': `${popoverId}-title` },
          }}
        >
          <Typography id={`${popoverId}-title`} component="h3" variant="h3" sx={{ mb: 0.5 }}>
            {t('calls.header.riskReasonsTitle')}
          </Typography>
          {insight.flags.length === 0 ? (
            <Typography variant="body2">{t('risk.none')}</Typography>
          ) : (
            <Box component="ul" data-testid="header-risk-reasons" sx={{ m: 0, pl: 2.5 }}>
              {insight.flags.map((flag) => (
                <Typography component="li" variant="body2" key={flag.factor}>
                  <strong>+{flag.points}</strong> {flagReason(flag, t, fmt)}
                </Typography>
              ))}
            </Box>
          )}
          <Button sx={{ mt: 1 }} onClick={() => setRiskAnchor(null)}>
            {t('calls.header.close')}
          </Button>
        </Popover>
      </Box>

      <Box component="dl" sx={{ m: 0, display: 'flex', gap: 2.5, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Fact label={t('calls.header.value')} testId="customer-value">
          {fmt.money(customer.valueCents)}
        </Fact>
        <Fact label={t('calls.header.tenure')} testId="customer-tenure">
          {tenure}
        </Fact>
        <Fact label={t('calls.header.contract')}>
          {customer.contractEnd
            ? t('calls.header.contractUntil', { date: fmt.calendarDate(customer.contractEnd) })
            : t('card.noContractEnd')}
        </Fact>
        <Fact label={t('card.consent')} testId="consent">
          <Box
            component="span"
            data-consent={customer.consentContact ? 'yes' : 'no'}
            sx={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 0.5,
              color: customer.consentContact ? 'success.main' : 'error.main',
            }}
          >
            {customer.consentContact ? (
              <CheckCircleOutlineIcon fontSize="inherit" aria-hidden="true" />
            ) : (
              <BlockIcon fontSize="inherit" aria-hidden="true" />
            )}
            {customer.consentContact ? t('calls.header.consent') : t('calls.header.noConsent')}
          </Box>
        </Fact>
      </Box>
    </Box>
  )
}
