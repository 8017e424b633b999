import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de, type Messages } from './de'
import { en } from './en'

export const LANGUAGES = ['de', 'en'] as const
export type UiLanguage = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: UiLanguage = 'de'

const STORAGE_KEY = 'loopdesk.language'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
  }
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

function storedLanguage(): UiLanguage {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    if (isUiLanguage(value)) return value
  } catch {
    // storage blocked: fall back to the default
  }
  return DEFAULT_LANGUAGE
}

function applyDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined')
    document.documentElement.lang = isUiLanguage(language) ? language : DEFAULT_LANGUAGE
}

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: 'translation',
  // Resources are bundled: initialise synchronously so the first render already has texts.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
})

applyDocumentLanguage(i18n.language)
i18n.on('languageChanged', (language) => {
  applyDocumentLanguage(language)
  try {
    if (isUiLanguage(language)) window.localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // not persisted; the switch still applies to this session
  }
})

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE
}

export function setLanguage(language: UiLanguage): Promise<unknown> {
  return i18n.changeLanguage(language)
}

export { i18n }
