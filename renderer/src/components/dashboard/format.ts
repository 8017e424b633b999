import { DAY_MS } from '../../../../shared/domain/kpi'
import { TOPICS, type Topic } from '../../../../shared/domain/commentLexicon'

export const KNOWN_CHANNELS = ['email', 'sms', 'web', 'call'] as const
export type KnownChannel = (typeof KNOWN_CHANNELS)[number]

export function isKnownChannel(value: string): value is KnownChannel {
  return (KNOWN_CHANNELS as readonly string[]).includes(value)
}

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value)
}

/** Epoch ms of the start of a UTC day number. */
export const dayStart = (day: number): number => day * DAY_MS

/** Hours with one decimal from milliseconds, or null. */
export const hoursOf = (ms: number | null): number | null =>
  ms === null ? null : Math.round(ms / 360_000) / 10
