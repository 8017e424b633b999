import { z } from 'zod'
import { BusinessCalendarSchema, SlaCapSchema, SlaPolicySchema } from '../../../shared/ipc/loopsContract'
import {
  DEFAULT_CALENDAR,
  DEFAULT_SLA_CAPS,
  DEFAULT_SLA_POLICIES,
  validateCalendar,
  type BusinessCalendar,
  type SlaCap,
  type SlaPolicy,
} from '../../../shared/domain/sla'
import type { DB } from '../db/connection'
import { AppError } from '../errors'
import type { createSettings } from '../settings'

const CALENDAR_KEY = 'sla.calendar'
const POLICIES_KEY = 'sla.policies'
const CAPS_KEY = 'sla.caps'

export interface SlaConfig {
  calendar: BusinessCalendar
  policies: SlaPolicy[]
  caps: SlaCap[]
}

function parse(raw: { calendar?: string; policies?: string; caps?: string }): SlaConfig {
  const json = (text: string | undefined): unknown => {
    if (text === undefined) return null
    try {
      return JSON.parse(text) as unknown
    } catch {
      return null
    }
  }
  const calendar = BusinessCalendarSchema.safeParse(json(raw.calendar))
  const policies = z.array(SlaPolicySchema).safeParse(json(raw.policies))
  const caps = z.array(SlaCapSchema).safeParse(json(raw.caps))
  return {
    calendar: calendar.success ? (calendar.data as BusinessCalendar) : DEFAULT_CALENDAR,
    policies: policies.success && policies.data.length > 0 ? policies.data : [...DEFAULT_SLA_POLICIES],
    // An empty stored list is a choice (no caps); only a missing or damaged one means the defaults.
    caps: caps.success ? caps.data : [...DEFAULT_SLA_CAPS],
  }
}

/**
 * SLA calendar, policies and per-cause caps. The settings rows are the one source of truth: every
 * reader (the loop service, the rules on the app's or the import worker's connection) reads them
 * again on each use and only the parsing is memoised, keyed by the stored text. A change made
 * through any service or connection is therefore seen by all of them at once.
 */
export function createSlaSettings(db: DB, settings: ReturnType<typeof createSettings>) {
  const rows = db.prepare<[string, string, string], { key: string; value: string }>(
    `SELECT key, value FROM settings WHERE key IN (?, ?, ?)`,
  )
  let memo: { key: string; config: SlaConfig } | null = null
  return {
    get(): SlaConfig {
      const raw: { calendar?: string; policies?: string; caps?: string } = {}
      for (const row of rows.all(CALENDAR_KEY, POLICIES_KEY, CAPS_KEY)) {
        if (row.key === CALENDAR_KEY) raw.calendar = row.value
        else if (row.key === POLICIES_KEY) raw.policies = row.value
        else raw.caps = row.value
      }
      const key = JSON.stringify([raw.calendar ?? null, raw.policies ?? null, raw.caps ?? null])
      if (memo?.key !== key) memo = { key, config: parse(raw) }
      return memo.config
    },
    set(next: {
      calendar?: BusinessCalendar | undefined
      policies?: SlaPolicy[] | undefined
      caps?: SlaCap[] | undefined
    }): SlaConfig {
      if (next.calendar) {
        const problems = validateCalendar(next.calendar)
        if (problems.length)
          throw new AppError('VALIDATION', `Business calendar: ${problems.join('; ')}`, problems)
      }
      if (next.caps && new Set(next.caps.map((c) => c.cause)).size !== next.caps.length)
        throw new AppError('VALIDATION', 'One cap per cause')
      db.transaction(() => {
        if (next.calendar) settings.writeJson(CALENDAR_KEY, next.calendar)
        if (next.policies) settings.writeJson(POLICIES_KEY, next.policies)
        if (next.caps) settings.writeJson(CAPS_KEY, next.caps)
      })()
      return this.get()
    },
  }
}

export type SlaSettings = ReturnType<typeof createSlaSettings>
