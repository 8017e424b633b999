import { expect, test } from '@playwright/test'
import { demoCaller, expectAccessible, openApp, phoneIsUnknown, searchBox, appUrl } from './support'

test.describe('screen pop: a call comes in, the agent sees who is calling', () => {
  test('finds a demo caller by a differently formatted number and shows the card', async ({ page }) => {
    const caller = demoCaller()
    await openApp(page)
    await expectAccessible(page, 'empty')
    // Stored as E.164 (+49151...), typed the way a German agent reads it off a note: 0151/2345...
    const [area, ...rest] = caller.national.split(' ')
    const typed = `${area}/${rest.join('')}`
    expect(typed).not.toBe(caller.e164)
    await searchBox(page).fill(typed)
    await searchBox(page).press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText(caller.name)
    await expect(page.getByTestId('matched-by')).toContainText('Telefonnummer')
    await expect(page.getByTestId('customer-card')).toContainText('NPS')
    await expect(page.getByTestId('feedback-list')).toBeVisible()
    await expectAccessible(page, 'card')
  })

  test('shows the unknown-caller state and creates the customer from it', async ({ page }) => {
    const unknown = '+49 89 99999990'
    expect(phoneIsUnknown('+498999999990')).toBe(true)
    await openApp(page)
    await searchBox(page).fill(unknown)
    await searchBox(page).press('Enter')
    const state = page.getByTestId('unknown-caller')
    await expect(state).toBeVisible()
    await expect(state).toContainText('Unbekannter Anrufer')
    await expect(state).toContainText('+498999999990')
    await expectAccessible(page, 'unknown caller')

    await page.getByTestId('create-customer-button').click()
    const dialog = page.getByRole('dialog', { name: 'Kunde anlegen' })
    await expect(dialog.getByLabel('Telefon')).toHaveValue(/99999990/)
    await dialog.getByRole('button', { name: 'Anlegen' }).click()
    // Last name is required: the form says so and keeps the dialog open.
    await expect(dialog).toContainText('Bitte einen Nachnamen eingeben.')
    await expectAccessible(page, 'create dialog with error')
    await dialog.getByLabel('Vorname').fill('Greta')
    await dialog.getByLabel(/Nachname/).fill('Neumann')
    await dialog.getByRole('button', { name: 'Anlegen' }).click()
    await expect(page.getByTestId('customer-name')).toHaveText('Greta Neumann')

    // The new customer is found by the same number in another notation.
    await searchBox(page).fill('089 99999990')
    await searchBox(page).press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText('Greta Neumann')
  })

  test('type-ahead by name, chosen by keyboard', async ({ page }) => {
    const caller = demoCaller()
    await openApp(page)
    const [first, ...rest] = caller.name.split(' ')
    // First name plus the start of the surname, as agents type while the caller spells it.
    await searchBox(page).pressSequentially(`${first} ${rest.join(' ').slice(0, 4)}`, { delay: 30 })
    const option = page.getByRole('option', { name: new RegExp(`^${caller.name}\\b`) }).first()
    await expect(option).toBeVisible()
    await expectAccessible(page, 'suggestions open')
    // Other customers may share the prefix (Paul / Paula): arrow down to the caller's entry.
    const names = await page.getByRole('option').allTextContents()
    const index = names.findIndex((n) => n.startsWith(caller.name) && !n.startsWith(`${caller.name}a`))
    expect(index).toBeGreaterThanOrEqual(0)
    for (let i = 0; i <= index; i++) await searchBox(page).press('ArrowDown')
    await searchBox(page).press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText(caller.name)
  })

  test('several customers behind one number: a choice list', async ({ page, request }) => {
    const shared = '+49 40 55500001'
    expect(phoneIsUnknown('+494055500001')).toBe(true)
    for (const lastName of ['Hausmann', 'Hausmann-Berg']) {
      const res = await request.post(`${process.env.LOOPDESK_E2E_URL}/api/invoke`, {
        headers: { Authorization: `Bearer ${process.env.LOOPDESK_E2E_TOKEN}` },
        data: { method: 'customers.create', payload: { lastName, phone: shared } },
      })
      expect((await res.json()).ok).toBe(true)
    }
    await openApp(page)
    await searchBox(page).fill('040 555 000 01')
    await searchBox(page).press('Enter')
    const list = page.getByTestId('candidate-list')
    await expect(list.getByTestId('candidate-item')).toHaveCount(2)
    await expectAccessible(page, 'candidate list')
    await list.getByTestId('candidate-item').filter({ hasText: 'Hausmann-Berg' }).click()
    await expect(page.getByTestId('customer-name')).toHaveText('Hausmann-Berg')
  })

  test('Ctrl+K focuses the search box from anywhere', async ({ page }) => {
    await openApp(page)
    await page.getByTestId('app-info').click()
    await expect(searchBox(page)).not.toBeFocused()
    await page.keyboard.press('Control+k')
    await expect(searchBox(page)).toBeFocused()
  })

  test('an incoming call handed over in the URL pops the card', async ({ page }) => {
    const caller = demoCaller()
    await openApp(page, `&call=${encodeURIComponent(caller.e164)}`)
    await expect(page.getByTestId('incoming-call')).toContainText(caller.e164.slice(-6))
    await expect(page.getByTestId('customer-name')).toHaveText(caller.name)
    expect(page.url()).not.toContain('token=')
  })

  test('garbage and hostile input give the unknown state, never a crash', async ({ page }) => {
    await openApp(page)
    for (const input of ['<img src=x onerror=alert(1)>', '"; DROP TABLE customers; --', '+49 1']) {
      await searchBox(page).fill(input)
      await searchBox(page).press('Enter')
      await expect(page.getByTestId('unknown-caller')).toBeVisible()
    }
    await expect(page.getByTestId('crash-alert')).toHaveCount(0)
  })

  test('English UI: labels, states and card switch at run time', async ({ page }) => {
    const caller = demoCaller()
    await openApp(page)
    await page.getByTestId('language-en').click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await searchBox(page, 'en').fill(caller.e164)
    await searchBox(page, 'en').press('Enter')
    await expect(page.getByTestId('customer-name')).toHaveText(caller.name)
    await expect(page.getByTestId('matched-by')).toContainText(/phone/i)
    await expectAccessible(page, 'card in English')
    await page.getByTestId('theme-toggle').click()
    await expectAccessible(page, 'card in English, dark theme')
    await page.getByTestId('language-de').click()
  })

  test('a wrong session token gives a readable error', async ({ page }) => {
    await page.goto(appUrl().replace(/token=[^&]+/, 'token=wrong'))
    await searchBox(page).fill('030 1234567')
    await searchBox(page).press('Enter')
    await expect(page.getByTestId('lookup-error')).toContainText(/Sitzung|token/i)
  })
})
