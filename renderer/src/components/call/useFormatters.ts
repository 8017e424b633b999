import { useTranslation } from 'react-i18next'
import { DEFAULT_LANGUAGE, isUiLanguage, type UiLanguage } from '../../i18n'
import { createFormatters, type Formatters } from '../../i18n/format'

// One set of Intl formatters per language for the whole app: the call workspace has a dozen
// components that format, and building a dozen Intl objects per component on every screen pop
// showed up in the profile of the screen-pop latency.
const cache = new Map<UiLanguage, Formatters>()

/** Like useFormat, but shared across components instead of built per component instance. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation()
  const language: UiLanguage = isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
  let fmt = cache.get(language)
  if (!fmt) {
    fmt = createFormatters(language)
    cache.set(language, fmt)
  }
  return fmt
}
