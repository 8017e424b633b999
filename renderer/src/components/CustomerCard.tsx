import { memo, useEffect, useLayoutEffect, useRef } from 'react'
import Box from '@mui/material/Box'
import Paper from '@mui/material/Paper'
import { useTranslation } from 'react-i18next'
import type { CustomerCard as CustomerCardData } from '../../../shared/ipc/types'
import { useFormatters } from './call/useFormatters'
import { useLoopdeskStore, type MatchedBy } from '../store'
import { AnswerForm } from './AnswerForm'
import { CallBar } from './call/CallBar'
import { CallerHeader } from './call/CallerHeader'
import { useCallStore } from './call/callStore'
import { FeedbackPanel } from './call/FeedbackPanel'
import { HistoryPanel } from './call/HistoryPanel'
import { LoopsPanel } from './call/LoopsPanel'
import { NotesPanel } from './call/NotesPanel'
import { Column, Panel, useFitToViewport } from './call/Panel'
import { markCardComplete, markCardPainted } from './call/perfMarks'
import { ScoreTrend } from './call/ScoreTrend'
import { ShortcutsDialog } from './call/ShortcutsDialog'
import { useCallShortcuts } from './call/useCallShortcuts'
import { WrapUpDialog } from './call/WrapUpDialog'
import { OffersSection } from './OffersSection'
import { RiskSection } from './RiskSection'

/**
 * While the next lookup runs, the card stays (it is updated in place when the answer comes) under
 * a veil. Its own component, so toggling it re-renders the veil only, not the whole workspace.
 */
function LoadingVeil() {
  const loading = useLoopdeskStore((s) => s.status === 'loading')
  if (!loading) return null
  return (
    <Box
      aria-hidden="true"
      data-testid="card-loading"
      sx={{
        position: 'absolute',
        inset: 0,
        zIndex: 2,
        bgcolor: 'background.default',
        opacity: 0,
        animation: 'loopdesk-veil 0.2s ease-out 0.15s forwards',
        '@keyframes loopdesk-veil': { to: { opacity: 0.5 } },
      }}
    />
  )
}

// Memoised so a re-render of the workspace (the call session arrives, a dialog opens) does not
// build these sections again: their props are the same card object.
const CallerHeaderMemo = memo(CallerHeader)
const ScoreTrendMemo = memo(ScoreTrend)
const RiskSectionMemo = memo(RiskSection)
const OffersSectionMemo = memo(OffersSection)

export interface CustomerCardProps {
  card: CustomerCardData
  matchedBy?: MatchedBy | null
}

/**
 * The agent's call workspace for one customer, on one screen: the call bar and caller header, then
 * four columns — what we know (scores, risk, feedback), the offers, what happens now (the
 * survey answers, notes) and what follows (loops and tickets, history).
 */
export function CustomerCard({ card, matchedBy }: CustomerCardProps) {
  const { t } = useTranslation()
  const fmt = useFormatters()
  const { customer } = card
  const headingId = `customer-${customer.id}-name`
  const headingRef = useRef<HTMLHeadingElement>(null)
  const offersHeadingRef = useRef<HTMLHeadingElement>(null)
  const historyHeadingRef = useRef<HTMLHeadingElement>(null)
  const rootRef = useRef<HTMLElement>(null)
  const churned = customer.status === 'churned'
  const session = useCallStore((s) => s.session)
  const context = useCallStore((s) => s.context)
  const historyReady = useCallStore((s) => s.historyFor === customer.id && !s.historyLoading)
  const dialog = useCallStore((s) => s.dialog)
  const openDialog = useCallStore((s) => s.openDialog)
  const callHere = session !== null && session.customerId === customer.id ? session : null
  const live = callHere !== null && callHere.endedAt === null

  useFitToViewport(rootRef)
  useCallShortcuts(true, live)

  // For `npm run bench:ui`: the card answering a lookup is in the DOM; the mark follows the paint.
  useLayoutEffect(() => {
    markCardPainted()
  }, [card])

  // When the control that opened this card disappeared (a candidate, the create dialog), focus would
  // fall back to <body>: move it to the card's heading instead, so keyboard users keep their place.
  useEffect(() => {
    const active = document.activeElement
    if (!active || active === document.body) headingRef.current?.focus()
  }, [customer.id])

  const context_ = context?.customerId === customer.id ? context : null
  // The screen pop brings context and history with the card (calls.screenPop), so the first render
  // of a new caller is usually complete. Rendering the card in one pass, updated in place, measured
  // faster to the complete card than a quick first pass with the lists deferred to a transition:
  // the deferral unmounted and rebuilt the lower sections on every pop.
  const complete = context_ !== null && historyReady

  // For `npm run bench:ui`: every section, the call context and the history are in the DOM.
  useLayoutEffect(() => {
    if (complete) markCardComplete()
  }, [complete, card])

  return (
    <Paper
      component="article"
      variant="outlined"
      ref={rootRef}
      aria-labelledby={headingId}
      data-testid="customer-card"
      data-customer-id={customer.id}
      sx={{
        position: 'relative',
        p: 1.25,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        minHeight: 0,
        bgcolor: 'background.default',
        borderLeft: churned ? '4px solid' : undefined,
        borderLeftColor: churned ? 'error.main' : undefined,
      }}
    >
      <LoadingVeil />
      <CallBar customerId={customer.id} customerName={customer.displayName} />
      <CallerHeaderMemo card={card} matchedBy={matchedBy} headingId={headingId} headingRef={headingRef} />

      <Box
        sx={{
          flex: '1 1 0',
          minHeight: 0,
          display: 'grid',
          gap: 1,
          gridTemplateColumns: {
            xs: '1fr',
            md: 'repeat(2, minmax(0, 1fr))',
            lg: 'minmax(0, 1.05fr) minmax(0, 0.9fr) minmax(0, 1.05fr) minmax(0, 1fr)',
          },
          gridTemplateRows: { xs: 'auto', lg: 'minmax(0, 1fr)' },
        }}
      >
        <Column label={t('calls.columns.customer')} testId="column-customer">
          <Panel id={`${headingId}-trend`} title={t('calls.trend.title')}>
            <ScoreTrendMemo card={card} context={context_} />
          </Panel>
          <Panel id={`${headingId}-risk`} title={t('risk.title')} testId="risk-section" scroll grow={1}>
            <RiskSectionMemo insight={card.insight} />
          </Panel>
          <Panel
            id={`${headingId}-feedback`}
            scroll
            grow={1.4}
            title={`${t('card.feedback')} (${t('card.feedbackCount', {
              shown: fmt.number(card.recentFeedback.length),
              total: fmt.number(card.feedbackCount),
            })})`}
          >
            <FeedbackPanel items={card.recentFeedback} context={context_} />
          </Panel>
        </Column>

        <Column label={t('offers.title')} testId="column-offers">
          <Panel
            id={`${headingId}-offers`}
            title={`${t('offers.title')} (${fmt.number(card.offers.length)})`}
            headingRef={offersHeadingRef}
            testId="offers-section"
            scroll
          >
            <OffersSectionMemo
              key={customer.id}
              customerId={customer.id}
              offers={card.offers}
              headingRef={offersHeadingRef}
            />
          </Panel>
        </Column>

        <Column label={t('calls.columns.during')} testId="column-during">
          <Panel id={`${headingId}-answer`} title={t('answer.title')} testId="answer-section">
            <AnswerForm key={customer.id} customerId={customer.id} />
          </Panel>
          <Panel id={`${headingId}-notes`} title={t('calls.notes.title')} testId="notes-section">
            <NotesPanel session={callHere} />
          </Panel>
        </Column>

        <Column label={t('calls.columns.after')} testId="column-after">
          <Panel
            id={`${headingId}-loops`}
            title={`${t('calls.loops.title')} (${fmt.number(card.openLoops.length)})`}
            testId="loops-section"
            scroll
            grow={0.8}
          >
            <LoopsPanel card={card} context={context_} />
          </Panel>
          <Panel
            id={`${headingId}-history`}
            title={t('calls.history.title')}
            headingRef={historyHeadingRef}
            testId="history-section"
            scroll
            grow={1.3}
          >
            <HistoryPanel customerId={customer.id} headingRef={historyHeadingRef} />
          </Panel>
        </Column>
      </Box>

      {callHere && (
        <WrapUpDialog
          session={callHere}
          open={dialog === 'wrapUp' && live}
          onClose={() => openDialog('none')}
        />
      )}
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={() => openDialog('none')} />
    </Paper>
  )
}
