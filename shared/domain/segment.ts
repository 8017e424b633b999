import type { IntentBand } from './intent'
import type { NpsGroup } from './nps'

export const SEGMENTS = [
  'loyal_advocate',
  'at_risk_promoter',
  'captive_critic',
  'churn_risk',
  'undecided',
] as const
export type Segment = (typeof SEGMENTS)[number]

/** What the agent should do with a customer in each segment (translation keys are derived from these). */
export const SEGMENT_PLAYS: Record<
  Segment,
  'upsell' | 'retention' | 'service_recovery' | 'urgent_recovery' | 'personal_offer'
> = {
  loyal_advocate: 'upsell',
  at_risk_promoter: 'retention',
  captive_critic: 'service_recovery',
  churn_risk: 'urgent_recovery',
  undecided: 'personal_offer',
}

/** NPS group x intent band, as in the design notes; passives or medium intent are "undecided". */
export function segmentOf(group: NpsGroup, band: IntentBand): Segment {
  if (group === 'passive' || band === 'medium') return 'undecided'
  if (group === 'promoter') return band === 'high' ? 'loyal_advocate' : 'at_risk_promoter'
  return band === 'high' ? 'captive_critic' : 'churn_risk'
}
