import Database from 'better-sqlite3'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, openApp, searchBox } from './support'

interface Caller {
  id: number
  name: string
  customerNo: string
  e164: string
  /** The number as a German agent writes it off a note: 0151/2345678. */
  typed: string
}

const RETENTION_OFFERS = ['LOYALTY_BONUS_25', 'DISCOUNT_10_6M', 'FREE_UPGRADE_3M', 'EXTENSION_2M_FREE']

/**
 * The n-th demo customer who can take a retention offer once they become an at-risk promoter:
 * active, valuable, with us for years, a unique German mobile number and earlier answers. Ids
 * above 200 keep clear of the customers other specs use.
 */
function caller(n: number): Caller {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    const row = db
      .prepare(
        `SELECT c.id, c.display_name AS name, c.customer_no AS customerNo, p.value AS e164
           FROM contact_points p JOIN customers c ON c.id = p.customer_id
          WHERE p.kind = 'phone' AND p.value LIKE '+4915%' AND c.id > 200 AND c.status = 'active'
            AND c.value_cents >= 200000 AND c.customer_since <= '2023-01-01'
            AND (SELECT count(*) FROM contact_points q WHERE q.kind = 'phone' AND q.value = p.value) = 1
            AND EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id AND f.nps IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM offer_events e WHERE e.customer_id = c.id)
          ORDER BY c.id LIMIT 1 OFFSET ?`,
      )
      .get(n) as { id: number; name: string; customerNo: string; e164: string }
    const [area, ...rest] = (parsePhoneNumberFromString(row.e164)?.formatNational() ?? row.e164).split(' ')
    return { ...row, typed: `${area}/${rest.join('')}` }
  } finally {
    db.close()
  }
}

async function expectFitsScreen(page: Page): Promise<void> {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    innerHeight: window.innerHeight,
  }))
  expect(scrollHeight, 'the call view scrolls vertically at 1366x768').toBeLessThanOrEqual(innerHeight)
}

const TEXT = {
  de: {
    ended: /Anruf beendet \(Kunde gehalten\)/,
    offerAccepted: 'Angebot Angenommen',
    answerHistory: 'NPS 9 · Kaufabsicht 20 %',
    followUpCreated: 'Folgeaufgabe angelegt',
    loopCreated: 'angelegt',
    wrapUp: 'Abschlusscode: Kunde gehalten',
    note: 'Kunde überlegt zu wechseln, Rückruf Freitag',
    comment: 'Zu teuer, der Wettbewerber ist günstiger',
    riskHeading: 'Warum dieses Risiko?',
    followUpDialog: 'Folgeaufgabe',
    wrapUpDialog: 'Anruf abschließen',
  },
  en: {
    ended: /Call ended \(Customer retained\)/,
    offerAccepted: 'Offer Accepted',
    answerHistory: 'NPS 9 · Purchase intent 20%',
    followUpCreated: 'Follow-up created',
    loopCreated: 'created',
    wrapUp: 'Wrap-up code: Customer retained',
    note: 'Customer thinks about leaving, call back Friday',
    comment: 'Too expensive, a competitor is cheaper',
    riskHeading: 'Why this risk?',
    followUpDialog: 'Follow-up',
    wrapUpDialog: 'Wrap up the call',
  },
} as const

async function fullCall(page: Page, lang: 'de' | 'en', who: Caller): Promise<void> {
  const text = TEXT[lang]
  await openApp(page)
  if (lang === 'en') {
    await page.getByTestId('language-en').click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  }
  // Screen pop by number, typed in another notation than stored: the call starts with the card.
  expect(who.typed).not.toBe(who.e164)
  await searchBox(page, lang).fill(who.typed)
  await searchBox(page, lang).press('Enter')
  await expect(page.getByTestId('customer-name')).toHaveText(who.name)
  await expect(page.getByTestId('call-bar')).toHaveAttribute('data-call-state', 'live')
  await expect(page.getByTestId('call-timer')).toHaveText(/^\d+:\d\d$/)
  await expect(page.getByTestId('history-entry').first()).toBeVisible()
  await expectFitsScreen(page)
  await expectAccessible(page, `${lang}: call started`)

  // Risk: score with level word and icon in the header, its reasons on demand and in the column.
  const risk = page.getByTestId('header-risk')
  await expect(risk).toContainText(/\d+/)
  await risk.click()
  const reasons = page.getByRole('dialog', { name: text.riskHeading })
  await expect(reasons).toBeVisible()
  await expectAccessible(page, `${lang}: risk reasons open`)
  await page.keyboard.press('Escape')
  await expect(reasons).toBeHidden()
  // Gone for good (the popover's backdrop would otherwise still take the next click).
  await expect(page.locator('.MuiPopover-root')).toHaveCount(0)
  await expect(risk).toBeFocused()

  // Live answers: NPS 9 and intent 2/10 make an at-risk promoter.
  await page.getByTestId('nps-option-9').click()
  await page.getByTestId('intent-option-2').click()
  await page.getByTestId('answer-comment').fill(text.comment)
  await page.getByTestId('answer-save').click()
  await expect(page.getByTestId('segment-chip')).toHaveAttribute('data-segment', 'at_risk_promoter')
  // The new answer is on the card with its sentiment and the quoted phrases, and in the history.
  const newest = page.getByTestId('feedback-item').first()
  await expect(newest).toContainText(text.comment.slice(0, 12))
  await expect(newest.getByTestId('feedback-sentiment')).toHaveAttribute('data-polarity', 'negative')
  await expect(newest.getByTestId('comment-mention').first()).toBeVisible()
  await expect(page.getByTestId('history')).toContainText(text.answerHistory)

  // A retention offer, accepted.
  await expect(page.getByTestId('offer').first()).toBeVisible()
  const codes = await page
    .getByTestId('offer')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))
  const code = codes.find((c) => c !== null && RETENTION_OFFERS.includes(c))
  expect(code, `a retention offer among ${codes.join(', ')}`).toBeTruthy()
  await page.locator(`[data-testid="offer"][data-code="${code}"]`).getByTestId('offer-accepted').click()
  await expect(page.getByTestId('offer-confirmation')).toHaveAttribute('data-kind', 'ok')
  await expect(page.getByTestId('history')).toContainText(text.offerAccepted)

  // A follow-up loop with due date and assignee.
  await page.getByTestId('follow-up-open').click()
  const dialog = page.getByRole('dialog', { name: text.followUpDialog })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('follow-up-title-field')).toHaveValue(new RegExp(who.name))
  await expectAccessible(page, `${lang}: follow-up dialog`)
  await dialog.getByTestId('follow-up-save').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('loops-notice')).toContainText(text.followUpCreated)
  await expect(page.getByTestId('open-loops')).toContainText(who.name)
  await expect(page.getByTestId('history')).toContainText(text.loopCreated)

  // A note, saved at once.
  await page.getByTestId('note-input').fill(text.note)
  await page.getByTestId('note-input').press('Enter')
  await expect(page.getByTestId('history')).toContainText(text.note)
  await expect(page.getByTestId('call-save-status')).toHaveAttribute('data-kind', 'saved')

  // End of call with a wrap-up code.
  await page.getByTestId('call-end').click()
  const wrapUp = page.getByRole('dialog', { name: text.wrapUpDialog })
  await expect(wrapUp).toBeVisible()
  await expectAccessible(page, `${lang}: wrap-up dialog`)
  await wrapUp.getByTestId('wrap-up-retention_saved').click()
  await wrapUp.getByTestId('wrap-up-save').click()
  await expect(wrapUp).toBeHidden()
  await expect(page.getByTestId('call-ended')).toHaveText(text.ended)
  await expectFitsScreen(page)
  await expectAccessible(page, `${lang}: call ended`)

  // Later: a fresh window, the call in the recent list, the customer reopened: all of it is there.
  await page.reload()
  await expect(page.getByTestId('app-info')).toBeVisible()
  const recent = page.getByTestId('recent-call').filter({ hasText: who.name }).first()
  await expect(recent).toBeVisible()
  await expectAccessible(page, `${lang}: recent calls`)
  await recent.click()
  await expect(page.getByTestId('customer-name')).toHaveText(who.name)
  await expect(page.getByTestId('call-bar')).not.toHaveAttribute('data-call-state', 'live')
  const history = page.getByTestId('history')
  await expect(history).toContainText(text.note)
  await expect(history).toContainText(text.answerHistory)
  await expect(history).toContainText(text.offerAccepted)
  await expect(history).toContainText(text.loopCreated)
  await expect(history).toContainText(text.wrapUp)
  await expect(page.getByTestId('segment-chip')).toHaveAttribute('data-segment', 'at_risk_promoter')
}

test.describe('agent call workspace', () => {
  // Whole calls with an accessibility scan in every state: longer than the default 30 s.
  test.describe.configure({ timeout: 120_000 })

  test('a full call in German: pop, risk, answers, offer, follow-up, note, wrap-up, history', async ({
    page,
  }) => {
    await fullCall(page, 'de', caller(0))
  })

  test('the same call in English', async ({ page }) => {
    await fullCall(page, 'en', caller(1))
  })

  test('keyboard only: shortcuts, the ? overview, visible focus', async ({ page }) => {
    const who = caller(2)
    await openApp(page)
    await page.keyboard.press('Control+k')
    await page.keyboard.type(who.typed)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText(who.name)
    await expect(page.getByTestId('call-bar')).toHaveAttribute('data-call-state', 'live')

    // "?" opens the overview (not while typing in a field).
    await page.getByTestId('customer-name').focus()
    await page.keyboard.press('?')
    const overview = page.getByRole('dialog', { name: 'Tastenkürzel' })
    await expect(overview).toBeVisible()
    await expect(overview).toContainText('Anruf abschließen')
    await expectAccessible(page, 'shortcut overview')
    await page.keyboard.press('Escape')
    await expect(overview).toBeHidden()

    // Alt+A: the recommendation question. Each scale is one tab stop; arrows move, Space picks.
    await page.keyboard.press('Alt+a')
    await expect(page.getByTestId('nps-option-0')).toBeFocused()
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    )
    expect(outline, 'a visible focus ring').not.toBe('none')
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('nps-option-9')).toBeFocused()
    await page.keyboard.press('Space')
    await expect(page.getByTestId('nps-option-9')).toHaveAttribute('aria-pressed', 'true')
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('intent-option-0')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Space')
    await expect(page.getByTestId('intent-option-2')).toHaveAttribute('aria-pressed', 'true')
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('answer-comment')).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('answer-save')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('segment-chip')).toHaveAttribute('data-segment', 'at_risk_promoter')

    // Alt+1: the top offer was presented.
    await page.keyboard.press('Alt+1')
    await expect(page.getByTestId('offer-confirmation')).toHaveAttribute('data-kind', 'ok')

    // Alt+N: a note; Enter saves it.
    await page.keyboard.press('Alt+n')
    await expect(page.getByTestId('note-input')).toBeFocused()
    await page.keyboard.type('Per Tastatur notiert')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('history')).toContainText('Per Tastatur notiert')

    // Alt+W: wrap-up; "2" picks the second code, the dialog's button ends the call.
    await page.keyboard.press('Alt+w')
    const wrapUp = page.getByRole('dialog', { name: 'Anruf abschließen' })
    await expect(wrapUp).toBeVisible()
    await page.keyboard.press('2')
    await expect(wrapUp.getByRole('radio', { name: /Auskunft gegeben/ })).toBeChecked()
    await wrapUp.getByTestId('wrap-up-save').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('call-ended')).toHaveText(/Auskunft gegeben/)

    await expect(page.locator('.MuiDialog-root')).toHaveCount(0)
    // Alt+H: the history heading takes focus.
    await page.keyboard.press('Alt+h')
    await expect(page.getByRole('heading', { name: 'Verlauf' })).toBeFocused()
  })

  test('dark theme: the call view stays accessible and on one screen', async ({ page }) => {
    const who = caller(3)
    await openApp(page)
    await page.getByTestId('theme-toggle').click()
    await searchBox(page).fill(who.e164)
    await searchBox(page).press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText(who.name)
    await expect(page.getByTestId('history-entry').first()).toBeVisible()
    await expectFitsScreen(page)
    await expectAccessible(page, 'dark call view')
  })
})
