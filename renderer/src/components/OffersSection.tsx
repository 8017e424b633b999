import { useState } from 'react'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import CampaignOutlinedIcon from '@mui/icons-material/CampaignOutlined'
import CheckIcon from '@mui/icons-material/Check'
import CloseIcon from '@mui/icons-material/Close'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { SEGMENT_PLAYS } from '../../../shared/domain/segment'
import { recordOfferOutcome, toFailure, type OfferOutcome } from '../actions'
import { DEFAULT_LANGUAGE, isUiLanguage } from '../i18n'
import type { Formatters } from '../i18n/format'
import { useFormatters } from './call/useFormatters'
import { isSegment, offerName, type Offer } from './insight'

const OUTCOMES: { outcome: OfferOutcome; Icon: typeof CheckIcon; color: 'primary' | 'success' | 'error' }[] =
  [
    { outcome: 'presented', Icon: CampaignOutlinedIcon, color: 'primary' },
    { outcome: 'accepted', Icon: CheckIcon, color: 'success' },
    { outcome: 'declined', Icon: CloseIcon, color: 'error' },
  ]

/** The short "Warum" line: segment play, risk, tenure, what the segment did with this offer so far. */
function whyLine(offer: Offer, t: TFunction, fmt: Formatters): string {
  const parts: string[] = []
  for (const reason of offer.reasons) {
    switch (reason.key) {
      case 'segment':
        if (isSegment(reason.segment)) {
          parts.push(
            t('offers.reason.segment', {
              segment: t(`segment.${reason.segment}`),
              play: t(`play.${SEGMENT_PLAYS[reason.segment]}`),
            }),
          )
        }
        break
      case 'risk':
        parts.push(t('offers.reason.risk', { risk: reason.risk }))
        break
      case 'tenure':
        parts.push(t('offers.reason.tenure', { count: reason.months }))
        break
      case 'acceptance':
        parts.push(
          reason.decided > 0
            ? t('offers.reason.acceptance', {
                accepted: fmt.number(reason.accepted),
                decided: fmt.number(reason.decided),
              })
            : t('offers.reason.acceptanceNone'),
        )
        break
      // Value and expected value are shown as figures above the line.
      case 'value':
      case 'expected_value':
        break
    }
  }
  return parts.join(' · ')
}

interface Notice {
  kind: 'ok' | 'error'
  text: string
}

/** Ranked offer suggestions with outcome buttons; each outcome refreshes the ranking. */
export function OffersSection({
  customerId,
  offers,
  headingRef,
}: {
  customerId: number
  offers: Offer[]
  headingRef: React.RefObject<HTMLHeadingElement | null>
}) {
  const { t, i18n } = useTranslation()
  const fmt = useFormatters()
  const language = isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  const [pending, setPending] = useState<number | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)

  const record = async (offer: Offer, outcome: OfferOutcome) => {
    const name = offerName(offer, language)
    setPending(offer.offerId)
    setNotice(null)
    try {
      await recordOfferOutcome(customerId, offer.offerId, outcome)
      setNotice({ kind: 'ok', text: t(`offers.recorded.${outcome}`, { name }) })
    } catch (err) {
      setNotice({ kind: 'error', text: t('offers.failed', { message: toFailure(err).message }) })
    } finally {
      setPending(null)
      // The list was re-ranked and the button may be gone: keep keyboard users in the section.
      requestAnimationFrame(() => {
        const active = document.activeElement
        if (!active || active === document.body) headingRef.current?.focus()
      })
    }
  }

  return (
    <Box>
      {offers.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="offers-empty">
          {t('offers.empty')}
        </Typography>
      ) : (
        <Box component="ol" data-testid="offers" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {offers.map((offer, index) => {
            const name = offerName(offer, language)
            const nameId = `offer-${customerId}-${offer.offerId}-name`
            return (
              <Box
                component="li"
                key={offer.offerId}
                data-testid="offer"
                data-code={offer.code}
                data-offer-id={offer.offerId}
                sx={{
                  py: 0.75,
                  borderTop: index === 0 ? 'none' : '1px solid',
                  borderColor: 'divider',
                }}
              >
                <Typography variant="body2" id={nameId} sx={{ fontWeight: 700 }} data-testid="offer-name">
                  {index + 1}. {name}
                </Typography>
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {[
                    t('offers.expected', { value: fmt.money(offer.expectedValueCents) }),
                    t('offers.cost', { value: fmt.money(offer.costCents) }),
                    t('offers.acceptance', { value: fmt.percent(offer.acceptance) }),
                  ].join(' · ')}
                </Typography>
                <Typography variant="body2" data-testid="offer-why">
                  <Box component="span" sx={{ fontWeight: 600 }}>
                    {t('offers.why')}
                  </Box>{' '}
                  {whyLine(offer, t, fmt)}
                </Typography>
                <Stack
                  direction="row"
                  spacing={0.75}
                  useFlexGap
                  role="group"
                  aria-label={t('offers.outcomeGroup', { name })}
                  sx={{ flexWrap: 'wrap', mt: 0.5 }}
                >
                  {OUTCOMES.map(({ outcome, Icon, color }) => (
                    <Button
                      key={outcome}
                      variant="outlined"
                      color={color}
                      startIcon={<Icon aria-hidden="true" />}
                      disabled={pending !== null}
                      aria-describedby={nameId}
                      data-testid={`offer-${outcome}`}
                      onClick={() => void record(offer, outcome)}
                      sx={{ py: 0.125 }}
                    >
                      {t(`offers.outcome.${outcome}`)}
                    </Button>
                  ))}
                </Stack>
              </Box>
            )
          })}
        </Box>
      )}
      <Box
        role="status"
        data-testid="offer-confirmation"
        data-kind={notice?.kind ?? 'none'}
        sx={{
          mt: notice ? 0.75 : 0,
          display: 'flex',
          alignItems: 'flex-start',
          gap: 0.5,
          color: notice?.kind === 'error' ? 'error.main' : 'success.main',
          fontWeight: 600,
          typography: 'body2',
        }}
      >
        {notice && (
          <>
            {notice.kind === 'ok' ? (
              <CheckIcon fontSize="small" aria-hidden="true" />
            ) : (
              <CloseIcon fontSize="small" aria-hidden="true" />
            )}
            <span>{notice.text}</span>
          </>
        )}
      </Box>
    </Box>
  )
}
