import { useEffect, useRef, useState, type ReactNode } from 'react'
import Box from '@mui/material/Box'
import Chip from '@mui/material/Chip'
import Divider from '@mui/material/Divider'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward'
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward'
import RemoveIcon from '@mui/icons-material/Remove'
import { useTranslation } from 'react-i18next'
import { formatPhone } from '../../../shared/domain/phone'
import type { IntentBand } from '../../../shared/domain/intent'
import type { NpsGroup } from '../../../shared/domain/nps'
import type { CustomerCard as CustomerCardData, FeedbackItem, LoopSummary } from '../../../shared/ipc/types'
import { useFormat, type Formatters } from '../i18n/format'
import type { MatchedBy } from '../store'
import { AnswerForm } from './AnswerForm'
import { SEGMENT_COLOR, type ChipColor, type Play } from './insight'
import { OffersSection } from './OffersSection'
import { RiskSection } from './RiskSection'

const NPS_COLOR: Record<NpsGroup, ChipColor> = { promoter: 'success', passive: 'default', detractor: 'error' }
const INTENT_COLOR: Record<IntentBand, ChipColor> = { high: 'success', medium: 'default', low: 'error' }
const CLOSED_LOOP_STATES = new Set(['resolved', 'cancelled'])

/** A BCP 47-looking language tag, safe to put into a lang attribute. */
function langAttr(code: string | null): string | undefined {
  return code && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : undefined
}

/** One label/value pair of a definition list. */
function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(110px, 38%) 1fr', gap: 1, py: 0.25 }}>
      <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}
        data-testid={testId}
      >
        {children}
      </Typography>
    </Box>
  )
}

function Section({
  id,
  title,
  children,
  headingRef,
  testId,
}: {
  id: string
  title: ReactNode
  children: ReactNode
  headingRef?: React.RefObject<HTMLHeadingElement | null>
  testId?: string
}) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ minWidth: 0 }} data-testid={testId}>
      <Typography
        component="h3"
        variant="h3"
        id={id}
        ref={headingRef}
        tabIndex={headingRef ? -1 : undefined}
        sx={{ mb: 0.75 }}
      >
        {title}
      </Typography>
      {children}
    </Box>
  )
}

function NpsDelta({ latest, previous }: { latest: number; previous: number }) {
  const { t } = useTranslation()
  const delta = latest - previous
  const Icon = delta > 0 ? ArrowUpwardIcon : delta < 0 ? ArrowDownwardIcon : RemoveIcon
  const text =
    delta > 0
      ? t('card.npsDeltaUp', { delta })
      : delta < 0
        ? t('card.npsDeltaDown', { delta: Math.abs(delta) })
        : t('card.npsDeltaSame')
  return (
    <Box
      component="span"
      data-testid="nps-delta"
      data-delta={delta}
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, color: 'text.secondary' }}
    >
      <Icon fontSize="inherit" aria-hidden="true" />
      {text}
    </Box>
  )
}

function FeedbackList({ items, fmt }: { items: FeedbackItem[]; fmt: Formatters }) {
  const { t } = useTranslation()
  if (items.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('card.noFeedback')}
      </Typography>
    )
  }
  return (
    <Box component="ul" data-testid="feedback-list" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {items.map((item, index) => (
        <Box
          component="li"
          key={item.id}
          sx={{ py: 0.75, borderTop: index === 0 ? 'none' : '1px solid', borderColor: 'divider' }}
        >
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
              {fmt.dateTime(item.answeredAt)}
            </Typography>
            {item.nps !== null && (
              <Chip
                variant="outlined"
                color={item.npsGroup ? NPS_COLOR[item.npsGroup] : 'default'}
                label={`${t('card.feedbackNps', { score: item.nps })}${item.npsGroup ? ` · ${t(`npsGroup.${item.npsGroup}`)}` : ''}`}
              />
            )}
            {item.intent !== null && (
              <Typography component="span" variant="body2">
                {t('card.feedbackIntent', { value: fmt.percent(item.intent) })}
              </Typography>
            )}
            {item.language && (
              <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
                {t('card.feedbackLanguage', { language: fmt.languageName(item.language) })}
              </Typography>
            )}
            {item.channel && (
              <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
                {t('card.feedbackChannel', { channel: item.channel })}
              </Typography>
            )}
          </Stack>
          {item.comment ? (
            <Typography
              variant="body2"
              lang={langAttr(item.language)}
              sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}
            >
              {item.comment}
            </Typography>
          ) : (
            <Typography variant="body2" sx={{ mt: 0.5, color: 'text.secondary', fontStyle: 'italic' }}>
              {t('card.noComment')}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  )
}

function LoopList({ loops, fmt }: { loops: LoopSummary[]; fmt: Formatters }) {
  const { t } = useTranslation()
  // "Overdue" is judged against the moment the card was shown; good enough for the length of a call.
  const [now] = useState(() => Date.now())
  if (loops.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('card.noLoops')}
      </Typography>
    )
  }
  return (
    <Box component="ul" data-testid="open-loops" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {loops.map((loop, index) => {
        const overdue = loop.dueAt !== null && loop.dueAt < now && !CLOSED_LOOP_STATES.has(loop.state)
        return (
          <Box
            component="li"
            key={loop.id}
            sx={{ py: 0.75, borderTop: index === 0 ? 'none' : '1px solid', borderColor: 'divider' }}
          >
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {loop.title}
            </Typography>
            <Stack
              direction="row"
              spacing={1}
              useFlexGap
              sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 0.25 }}
            >
              <Chip variant="outlined" label={t(`loopState.${loop.state}`)} />
              <Typography
                component="span"
                variant="body2"
                sx={{ color: overdue ? 'error.main' : 'text.secondary' }}
              >
                {loop.dueAt !== null ? t('card.due', { date: fmt.dateTime(loop.dueAt) }) : t('card.noDue')}
                {overdue ? ` (${t('card.overdue')})` : ''}
              </Typography>
              <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
                {loop.assigneeName ? t('card.assignee', { name: loop.assigneeName }) : t('card.unassigned')}
              </Typography>
            </Stack>
          </Box>
        )
      })}
    </Box>
  )
}

export interface CustomerCardProps {
  card: CustomerCardData
  matchedBy?: MatchedBy | null
}

export function CustomerCard({ card, matchedBy }: CustomerCardProps) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { customer, latestNps, previousNps, latestIntent, segment } = card
  const churned = customer.status === 'churned'
  const phones = card.contacts.filter((c) => c.kind === 'phone')
  const emails = card.contacts.filter((c) => c.kind === 'email')
  const headingId = `customer-${customer.id}-name`
  const headingRef = useRef<HTMLHeadingElement>(null)
  const offersHeadingRef = useRef<HTMLHeadingElement>(null)

  // When the control that opened this card disappeared (a candidate, the create dialog), focus would
  // fall back to <body>: move it to the card's heading instead, so keyboard users keep their place.
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body) headingRef.current?.focus()
  }, [customer.id])

  const subtitle = [customer.company, customer.city]
    .filter((part): part is string => Boolean(part))
    .join(', ')

  return (
    <Paper
      component="article"
      variant="outlined"
      aria-labelledby={headingId}
      data-testid="customer-card"
      data-customer-id={customer.id}
      sx={{
        p: { xs: 1.5, md: 2 },
        borderLeft: churned ? '4px solid' : undefined,
        borderLeftColor: churned ? 'error.main' : undefined,
      }}
    >
      <Box component="header" sx={{ mb: 1.5 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
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
            variant="body1"
            sx={{ color: 'text.secondary' }}
            data-testid="customer-no"
          >
            {t('card.customerNo')}: {customer.customerNo}
          </Typography>
        </Stack>
        {subtitle && (
          <Typography variant="body1" data-testid="customer-company">
            {subtitle}
          </Typography>
        )}
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 0.75 }}
        >
          <Chip
            data-testid="customer-status"
            data-status={customer.status}
            color={churned ? 'error' : 'success'}
            variant={churned ? 'filled' : 'outlined'}
            label={`${t('card.status')}: ${t(`customerStatus.${customer.status}`)}`}
          />
          {churned && customer.churnedAt !== null && (
            <Typography component="span" variant="body2" sx={{ color: 'error.main', fontWeight: 600 }}>
              {t('card.churnedAt', { date: fmt.date(customer.churnedAt) })}
            </Typography>
          )}
          {matchedBy && (
            <Typography
              component="span"
              variant="body2"
              sx={{ color: 'text.secondary' }}
              data-testid="matched-by"
            >
              {t('candidates.matchedBy', { by: t(`matchedBy.${matchedBy}`) })}
            </Typography>
          )}
        </Stack>
      </Box>

      <Box
        sx={{
          display: 'grid',
          columnGap: { xs: 2, md: 3 },
          rowGap: 2,
          gridTemplateColumns: {
            xs: '1fr',
            md: 'repeat(2, minmax(0, 1fr))',
            lg: 'repeat(3, minmax(0, 1fr))',
          },
        }}
      >
        <Section id={`${headingId}-assessment`} title={t('card.assessment')}>
          <Box component="dl" sx={{ m: 0 }}>
            <Field label={t('card.segment')}>
              {segment ? (
                <Chip
                  data-testid="segment-chip"
                  data-segment={segment.key}
                  color={SEGMENT_COLOR[segment.key]}
                  label={`${t(`segment.${segment.key}`)} · ${t(`play.${segment.play as Play}`)}`}
                  sx={{ height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }}
                />
              ) : (
                <Box
                  component="span"
                  data-testid="segment-chip"
                  data-segment="none"
                  sx={{ color: 'text.secondary' }}
                >
                  {t('card.segmentNone')}
                </Box>
              )}
            </Field>
            <Field label={t('card.nps')} testId="nps-latest">
              {latestNps ? (
                <Stack
                  component="span"
                  direction="row"
                  spacing={1}
                  useFlexGap
                  sx={{ flexWrap: 'wrap', alignItems: 'center' }}
                >
                  <Box component="span" sx={{ fontWeight: 700 }}>
                    {t('card.npsScore', { score: latestNps.score })}
                  </Box>
                  <Chip
                    variant="outlined"
                    color={NPS_COLOR[latestNps.group]}
                    label={t(`npsGroup.${latestNps.group}`)}
                  />
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    {t('card.answeredAt', { date: fmt.date(latestNps.answeredAt) })}
                  </Box>
                </Stack>
              ) : (
                t('card.npsNone')
              )}
            </Field>
            {previousNps && (
              <Field label={t('card.npsPrevious')} testId="nps-previous">
                <Stack
                  component="span"
                  direction="row"
                  spacing={1}
                  useFlexGap
                  sx={{ flexWrap: 'wrap', alignItems: 'center' }}
                >
                  <span>
                    {t('card.npsScore', { score: previousNps.score })} ({t(`npsGroup.${previousNps.group}`)})
                  </span>
                  {latestNps && <NpsDelta latest={latestNps.score} previous={previousNps.score} />}
                </Stack>
              </Field>
            )}
            <Field label={t('card.intent')} testId="intent-latest">
              {latestIntent ? (
                <Stack
                  component="span"
                  direction="row"
                  spacing={1}
                  useFlexGap
                  sx={{ flexWrap: 'wrap', alignItems: 'center' }}
                >
                  <Box component="span" sx={{ fontWeight: 700 }}>
                    {fmt.percent(latestIntent.value)}
                  </Box>
                  <Chip
                    variant="outlined"
                    color={INTENT_COLOR[latestIntent.band]}
                    label={t('card.intentBand', { band: t(`intentBand.${latestIntent.band}`) })}
                  />
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    {t('card.answeredAt', { date: fmt.date(latestIntent.answeredAt) })}
                  </Box>
                </Stack>
              ) : (
                t('card.intentNone')
              )}
            </Field>
            <Field label={t('card.tickets')} testId="open-tickets">
              {fmt.number(card.openTickets)}
            </Field>
          </Box>
        </Section>

        <Section id={`${headingId}-risk`} title={t('risk.title')} testId="risk-section">
          <RiskSection insight={card.insight} />
        </Section>

        <Section
          id={`${headingId}-offers`}
          title={`${t('offers.title')} (${fmt.number(card.offers.length)})`}
          headingRef={offersHeadingRef}
          testId="offers-section"
        >
          <OffersSection
            key={customer.id}
            customerId={customer.id}
            offers={card.offers}
            headingRef={offersHeadingRef}
          />
        </Section>

        <Section id={`${headingId}-answer`} title={t('answer.title')} testId="answer-section">
          <AnswerForm key={customer.id} customerId={customer.id} />
        </Section>

        <Section id={`${headingId}-contact`} title={t('card.contact')}>
          <Box component="dl" sx={{ m: 0 }}>
            {phones.length === 0 && emails.length === 0 && (
              <Field label={t('card.contact')}>{t('card.noContacts')}</Field>
            )}
            {phones.map((p) => (
              <Field
                key={`phone-${p.value}`}
                label={p.label ? `${t('card.phone')} (${p.label})` : t('card.phone')}
              >
                <span data-testid="contact-phone">{formatPhone(p.value)}</span>
                {p.isPrimary ? ` · ${t('card.primary')}` : ''}
              </Field>
            ))}
            {emails.map((e) => (
              <Field
                key={`email-${e.value}`}
                label={e.label ? `${t('card.email')} (${e.label})` : t('card.email')}
              >
                <span data-testid="contact-email">{e.value}</span>
                {e.isPrimary ? ` · ${t('card.primary')}` : ''}
              </Field>
            ))}
            <Field label={t('card.language')}>{fmt.languageName(customer.language)}</Field>
            <Field label={t('card.consent')} testId="consent">
              {customer.consentContact ? t('card.consentYes') : t('card.consentNo')}
            </Field>
          </Box>
        </Section>

        <Section id={`${headingId}-contract`} title={t('card.contract')}>
          <Box component="dl" sx={{ m: 0 }}>
            <Field label={t('card.vertical')}>{t(`vertical.${customer.vertical}`)}</Field>
            <Field label={t('card.plan')}>{customer.plan ?? t('card.noPlan')}</Field>
            <Field label={t('card.value')} testId="customer-value">
              {fmt.money(customer.valueCents)}
            </Field>
            <Field label={t('card.since')}>{fmt.calendarDate(customer.customerSince)}</Field>
            <Field label={t('card.contractEnd')}>
              {customer.contractEnd ? fmt.calendarDate(customer.contractEnd) : t('card.noContractEnd')}
            </Field>
          </Box>
        </Section>
      </Box>

      <Divider sx={{ my: 2 }} />

      <Box
        sx={{
          display: 'grid',
          gap: { xs: 2, md: 3 },
          gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(0, 2fr)' },
        }}
      >
        <Section
          id={`${headingId}-feedback`}
          title={
            <>
              {t('card.feedback')}{' '}
              <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
                (
                {t('card.feedbackCount', {
                  shown: fmt.number(card.recentFeedback.length),
                  total: fmt.number(card.feedbackCount),
                })}
                )
              </Box>
            </>
          }
        >
          <FeedbackList items={card.recentFeedback} fmt={fmt} />
        </Section>

        <Section
          id={`${headingId}-loops`}
          title={`${t('card.loops')} (${fmt.number(card.openLoops.length)})`}
        >
          <LoopList loops={card.openLoops} fmt={fmt} />
        </Section>
      </Box>
    </Paper>
  )
}
