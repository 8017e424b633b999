import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { de } from '../../renderer/src/i18n/de'
import { en } from '../../renderer/src/i18n/en'
import { reasonText } from '../../renderer/src/loops/reasonText'

describe('refusals from the core are shown in the UI language', () => {
  const i18n = i18next.createInstance()
  beforeAll(async () => {
    await i18n.init({
      resources: { de: { translation: de }, en: { translation: en } },
      lng: 'de',
      interpolation: { escapeValue: false },
    })
  })

  it('translates an illegal transition with its params, state names included', async () => {
    await i18n.changeLanguage('de')
    const params = { id: 12, from: 'assigned', to: 'resolved' }
    expect(reasonText(i18n, 'loops.transition_needs_supervisor', params, 'English fallback')).toBe(
      'Loop 12: „Gelöst“, bevor der Kunde informiert wurde, darf nur ein Supervisor.',
    )
    expect(reasonText(i18n, 'loops.transition_illegal', params, 'x')).toBe(
      'Loop 12: von „Zugewiesen“ nach „Gelöst“ ist kein erlaubter Schritt.',
    )
    await i18n.changeLanguage('en')
    expect(reasonText(i18n, 'loops.transition_illegal', params, 'x')).toBe(
      'Loop 12: from “Assigned” to “Resolved” is not a legal step.',
    )
  })

  it('translates permission refusals', async () => {
    await i18n.changeLanguage('de')
    expect(reasonText(i18n, 'loops.not_yours', { id: 7 }, 'x')).toMatch(
      /^Loop 7 ist jemand anderem zugewiesen/,
    )
    expect(reasonText(i18n, 'loops.may_not_review', {}, 'x')).toBe(
      'Reviews und Stichproben sind Supervisoren vorbehalten.',
    )
  })

  it('falls back to the core message for an unknown code or none', async () => {
    await i18n.changeLanguage('de')
    expect(reasonText(i18n, 'loops.something_new', {}, 'Loop 3: refused')).toBe('Loop 3: refused')
    expect(reasonText(i18n, undefined, {}, 'plain message')).toBe('plain message')
    expect(reasonText(i18n, 'nodot', {}, 'plain message')).toBe('plain message')
  })
})
