import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { demoCaller, expectAccessible, openApp, searchBox, type DemoCaller } from './support'

/**
 * A caller for whom a live "NPS 9, intent 2" answer must produce offers: an active customer of two
 * years and more, worth more than 300 EUR, who was never made an offer (no cool-down running).
 */
const offerReadyCaller = (): DemoCaller =>
  demoCaller(`c.status = 'active' AND c.value_cents >= 30000 AND c.customer_since <= date('now', '-30 months')
    AND NOT EXISTS (SELECT 1 FROM offer_events e WHERE e.customer_id = c.id)`)

/** The active customer with the highest stored risk score. */
function riskiestCustomer(): { id: number; customerNo: string; name: string; score: number } {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    return db
      .prepare(
        `SELECT c.id, c.customer_no AS customerNo, c.display_name AS name, i.risk_score AS score
           FROM customer_insights i JOIN customers c ON c.id = i.customer_id
          WHERE c.status = 'active' ORDER BY i.risk_score DESC, c.id LIMIT 1`,
      )
      .get() as { id: number; customerNo: string; name: string; score: number }
  } finally {
    db.close()
  }
}

async function pop(page: Page, query: string, name: string, lang: 'de' | 'en' = 'de'): Promise<void> {
  await searchBox(page, lang).fill(query)
  await searchBox(page, lang).press('Enter')
  await expect(page.getByTestId('customer-name')).toHaveText(name)
}

/** The score on screen and the points of the flags on screen, both read from the DOM. */
async function riskOnScreen(page: Page): Promise<{ score: number; points: number[] }> {
  const score = Number(await page.getByTestId('risk-score').getAttribute('data-score'))
  const points = await page
    .getByTestId('risk-flag')
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-points'))))
  return { score, points }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

test.describe('insights: risk, offers and answers on the card; the watchlist', () => {
  test('a call: risk explained, a live answer re-segments the caller, an offer is accepted', async ({
    page,
  }) => {
    const caller = offerReadyCaller()
    await openApp(page)
    await pop(page, caller.e164, caller.name)

    // The score is exactly the sum of the points of the flags shown, each with a reason to read aloud.
    const card = page.getByTestId('customer-card')
    await expect(card.getByRole('heading', { name: 'Risiko' })).toBeVisible()
    const before = await riskOnScreen(page)
    expect(before.score).toBe(sum(before.points))
    expect(before.score).toBeGreaterThanOrEqual(0)
    expect(before.score).toBeLessThanOrEqual(100)
    const level = before.score >= 60 ? 'hoch' : before.score >= 30 ? 'mittel' : 'niedrig'
    await expect(page.getByTestId('risk-score')).toContainText(`${before.score}/100`)
    await expect(page.getByTestId('risk-score')).toContainText(level)
    for (const reason of await page.getByTestId('risk-flag-reason').allTextContents()) {
      expect(reason.trim().length).toBeGreaterThan(5)
    }
    await expect(page.getByTestId('risk-model')).toHaveText(
      /^Gewichte: (Standard|angepasst an Kündigungsdaten( \(AUC \d,\d\d vs\. \d,\d\d Standard\))?)$/,
    )
    await expectAccessible(page, 'card with risk, offers and answer form')

    // The two survey questions, answered on the phone: NPS 9 (promoter), intent 2 of 10 (low).
    const form = page.getByTestId('answer-form')
    await expect(form.getByRole('group', { name: /weiterempfehlen/ })).toBeVisible()
    await expect(form.getByRole('group', { name: /erneut bei uns kaufen/ })).toBeVisible()
    await page.getByTestId('nps-option-9').click()
    await page.getByTestId('intent-option-2').click()
    await expect(page.getByTestId('nps-option-9')).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByTestId('intent-option-2')).toHaveAttribute('aria-pressed', 'true')
    await page
      .getByTestId('answer-comment')
      .fill('Eigentlich zufrieden, aber ob ich verlängere, weiß ich nicht.')
    await expectAccessible(page, 'answer form filled in')
    await page.getByTestId('answer-save').click()

    await expect(page.getByTestId('answer-status')).toContainText('Antwort gespeichert')
    const chip = page.getByTestId('segment-chip')
    await expect(chip).toHaveAttribute('data-segment', 'at_risk_promoter')
    await expect(chip).toContainText('Wechselwilliger Promoter')
    await expect(page.getByTestId('feedback-list')).toContainText('Eigentlich zufrieden')
    // The form is cleared for the next answer.
    await expect(page.getByTestId('nps-option-9')).toHaveAttribute('aria-pressed', 'false')
    await expect(page.getByTestId('answer-comment')).toHaveValue('')

    // The new answers moved the risk; the score still adds up.
    const after = await riskOnScreen(page)
    expect(after.score).toBe(sum(after.points))

    // Offers for an at-risk promoter, ranked, with figures and a reason.
    const offers = page.getByTestId('offer')
    await expect(offers.first()).toBeVisible()
    await expect(page.getByTestId('offers-empty')).toHaveCount(0)
    const first = offers.first()
    const code = await first.getAttribute('data-code')
    expect(code).toBeTruthy()
    await expect(first.getByTestId('offer-why')).toContainText('Wechselwilliger Promoter: Kunden halten')
    await expect(first).toContainText('Erwarteter Wert')
    await expect(first).toContainText('Annahme')
    await expectAccessible(page, 'card after the answer, with offers')

    const whyBefore = await first.getByTestId('offer-why').textContent()
    const codesBefore = await offers.evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))
    await first.getByTestId('offer-accepted').click()

    const confirmation = page.getByTestId('offer-confirmation')
    await expect(confirmation).toContainText('als angenommen vermerkt')
    await expect(confirmation).toHaveAttribute('data-kind', 'ok')
    await expect(confirmation).toHaveAttribute('role', 'status')
    // The list was replaced by the fresh ranking: the accepted offer is gone or now counts the acceptance.
    await expect
      .poll(async () => {
        const codes = await offers.evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))
        const same = page.locator(`[data-testid="offer"][data-code="${code}"]`)
        if ((await same.count()) === 0) return 'refreshed'
        const why = await same.getByTestId('offer-why').textContent()
        return why !== whyBefore || codes.join() !== codesBefore.join() ? 'refreshed' : 'unchanged'
      })
      .toBe('refreshed')
    await expectAccessible(page, 'offer accepted')
  })

  test('the watchlist: customers at risk, segment matrix, churn rate; a row opens the card', async ({
    page,
  }) => {
    await openApp(page)
    await expect(page.getByTestId('nav-call')).toHaveAttribute('aria-selected', 'true')
    await page.getByTestId('nav-watchlist').click()
    await expect(page.getByTestId('nav-watchlist')).toHaveAttribute('aria-selected', 'true')

    const watchlist = page.getByTestId('watchlist')
    const rows = watchlist.getByTestId('watchlist-row')
    await expect(rows.first()).toBeVisible()
    expect(await rows.count()).toBeGreaterThan(0)
    // Reasons are readable chips, not codes.
    await expect(rows.first()).not.toContainText('_')

    const matrix = page.getByTestId('segment-matrix')
    await expect(matrix).toBeVisible()
    await expect(matrix.getByRole('columnheader')).toHaveCount(4)
    await expect(matrix.getByRole('rowheader')).toHaveText([
      'Promoter (9–10)',
      'Passiv (7–8)',
      'Kritiker (0–6)',
    ])
    await expect(matrix.getByTestId('segment-matrix-cell')).toHaveCount(9)
    await expect(
      matrix.locator('[data-testid="segment-matrix-cell"][data-segment="at_risk_promoter"]'),
    ).toContainText('Wechselwilliger Promoter')

    const churn = page.getByTestId('churn-table')
    await expect(churn).toBeVisible()
    // Six months plus the row-header column.
    await expect(churn.getByRole('columnheader')).toHaveCount(7)
    await expect(churn.getByRole('rowheader').first()).toHaveText('Gesamt')
    await expect(churn.locator('[data-row="overall"] td').first()).toHaveText(/^\d+,\d\s%$/)
    await expectAccessible(page, 'watchlist')

    const row = rows.first()
    const id = await row.getAttribute('data-customer-id')
    const name = (await row.getByTestId('watchlist-open').textContent())?.trim() ?? ''
    await row.click()
    await expect(page.getByTestId('nav-call')).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId('customer-card')).toHaveAttribute('data-customer-id', String(id))
    await expect(page.getByTestId('customer-name')).toHaveText(name)
    await expect(page.getByTestId('customer-name')).toBeFocused()
    await expect(page.getByTestId('watchlist')).toBeHidden()
    await expectAccessible(page, 'card opened from the watchlist')

    // Back to the watchlist and by keyboard: the name is a button.
    await page.getByTestId('nav-watchlist').click()
    await expect(rows.first()).toBeVisible()
    const second = await rows.nth(1).getAttribute('data-customer-id')
    await rows.nth(1).getByTestId('watchlist-open').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('customer-card')).toHaveAttribute('data-customer-id', String(second))
    await expect(page.getByTestId('customer-name')).toBeFocused()
  })

  test('English: risk reasons, model and offers in the UI language, dark theme accessible', async ({
    page,
  }) => {
    const riskiest = riskiestCustomer()
    await openApp(page)
    await page.getByTestId('language-en').click()
    await pop(page, riskiest.customerNo, riskiest.name, 'en')
    const { score, points } = await riskOnScreen(page)
    expect(score).toBe(riskiest.score)
    expect(score).toBe(sum(points))
    await expect(page.getByTestId('risk-score')).toContainText(score >= 60 ? 'high' : 'medium')
    await expect(page.getByTestId('customer-card').getByRole('heading', { name: 'Risk' })).toBeVisible()
    await expect(page.getByTestId('risk-model')).toHaveText(/^Weights: (default|fitted to churn data)/)
    const reasons = (await page.getByTestId('risk-flag-reason').allTextContents()).join(' | ')
    expect(reasons).not.toMatch(/Nutzung|Kaufabsicht|Vertrag|Beschwerde|Tagen/)
    await expect(page.getByTestId('answer-form')).toContainText(
      'How likely is it that you would recommend us?',
    )
    await expectAccessible(page, 'card in English')
    await page.getByTestId('theme-toggle').click()
    await expectAccessible(page, 'card in English, dark theme')
    await page.getByTestId('nav-watchlist').click()
    await expect(page.getByTestId('watchlist-row').first()).toBeVisible()
    await expect(page.getByTestId('churn-table').getByRole('rowheader').first()).toHaveText('Overall')
    await expectAccessible(page, 'watchlist in English, dark theme')
    await page.getByTestId('theme-toggle').click()
    await page.getByTestId('language-de').click()
  })
})
