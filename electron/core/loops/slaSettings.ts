import { z } from 'zod'
import { BusinessCalendarSchema, SlaPolicySchema } from '../../../shared/ipc/loopsContract'
import {
  DEFAULT_CALENDAR,
  DEFAULT_SLA_POLICIES,
  validateCalendar,
  type BusinessCalendar,
  type SlaPolicy,
} from '../../../shared/domain/sla'
import { AppError } from '../errors'
import type { createSettings } from '../settings'

const CALENDAR_KEY = 'sla.calendar'
const POLICIES_KEY = 'sla.policies'

export interface SlaConfig {
  calendar: BusinessCalendar
  policies: SlaPolicy[]
}

/** SLA calendar and policies, stored in the database; a damaged stored value falls back to the defaults. */
export function createSlaSettings(settings: ReturnType<typeof createSettings>) {
  let cached: SlaConfig | null = null
  const read = (): SlaConfig => {
    const calendar = BusinessCalendarSchema.safeParse(settings.readJson(CALENDAR_KEY))
    const policies = z.array(SlaPolicySchema).safeParse(settings.readJson(POLICIES_KEY))
    return {
      calendar: calendar.success ? (calendar.data as BusinessCalendar) : DEFAULT_CALENDAR,
      policies: policies.success && policies.data.length > 0 ? policies.data : [...DEFAULT_SLA_POLICIES],
    }
  }
  return {
    get(): SlaConfig {
      cached ??= read()
      return cached
    },
    set(next: { calendar?: BusinessCalendar | undefined; policies?: SlaPolicy[] | undefined }): SlaConfig {
      if (next.calendar) {
        const problems = validateCalendar(next.calendar)
        if (problems.length)
          throw new AppError('VALIDATION', `Business calendar: ${problems.join('; ')}`, problems)
        settings.writeJson(CALENDAR_KEY, next.calendar)
      }
      if (next.policies) settings.writeJson(POLICIES_KEY, next.policies)
      cached = null
      return this.get()
    },
  }
}
