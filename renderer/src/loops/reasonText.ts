import type { i18n as I18n } from 'i18next'
import type { ErrorParams } from '../../../shared/ipc/errors'

/**
 * The UI text for a refusal with a reason code: 'loops.not_yours' is looked up as
 * 'loops.errors.not_yours' with its params, and a param naming a loop state ('assigned') is shown
 * in the UI language too. Without a text for the code, the core's (English) message is shown.
 */
export function reasonText(
  i18n: Pick<I18n, 'exists' | 't' | 'isInitialized'>,
  reason: string | undefined,
  params: ErrorParams,
  fallback: string,
): string {
  if (!reason || !i18n.isInitialized) return fallback
  const dot = reason.indexOf('.')
  if (dot < 1) return fallback
  const key = `${reason.slice(0, dot)}.errors.${reason.slice(dot + 1)}`
  if (!i18n.exists(key)) return fallback
  const values: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(params)) {
    const state = `loopState.${String(value)}`
    values[name] = typeof value === 'string' && i18n.exists(state) ? i18n.t(state as never) : value
  }
  return i18n.t(key as never, values)
}
