import fs from 'node:fs'
import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, openApp } from './support'

/** A user of the demo database by role, read straight from the test database. */
function demoUser(role: 'supervisor' | 'agent'): number {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    return db
      .prepare(`SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1`)
      .pluck()
      .get(role) as number
  } finally {
    db.close()
  }
}

/** Signs this tab in as a user through the same API call the user switcher makes. */
async function signIn(page: Page, userId: number): Promise<void> {
  const ok = await page.evaluate(
    async ({ token, userId }) => {
      const session = window.sessionStorage.getItem('loopdesk.session') ?? ''
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          'X-LoopDesk-Session': session,
        },
        body: JSON.stringify({ method: 'session.signIn', payload: { userId } }),
      })
      return ((await response.json()) as { ok: boolean }).ok
    },
    { token: process.env.LOOPDESK_E2E_TOKEN as string, userId },
  )
  expect(ok).toBe(true)
}

const ready = (page: Page, days: number) =>
  expect(page.getByTestId('dashboard'))
    .toHaveAttribute('data-state', 'ready')
    .then(() => expect(page.getByTestId('dashboard')).toHaveAttribute('data-days', String(days)))

test.describe('dashboard: the supervisor sees loyalty and loop work, and the customers behind them', () => {
  test.afterEach(async ({ page }) => {
    // Sign-in is remembered for the machine: hand it back to an agent for the other specs.
    await signIn(page, demoUser('agent'))
  })

  test('opens the dashboard, changes the period, clicks the detractor bar and lands on those customers', async ({
    page,
  }) => {
    // Five axe runs and two summaries: more than the default 30 s on a busy 2-core machine.
    test.setTimeout(90_000)
    await openApp(page)
    await signIn(page, demoUser('supervisor'))
    await page.getByTestId('nav-dashboard').click()
    await ready(page, 30)
    await expect(page.getByTestId('kpi-nps')).toBeVisible()
    await expect(page.getByTestId('chart-nps-groups')).toBeVisible()
    await expectAccessible(page, 'dashboard 30 days')

    const range30 = await page.getByTestId('dash-range').textContent()
    await page.getByTestId('dash-period').click()
    await page.getByTestId('dash-period-90').click()
    await ready(page, 90)
    await expect(page.getByTestId('dash-range')).not.toHaveText(range30 ?? '')
    const detractors = Number(
      (await page.getByTestId('kpi-detractors').locator('span').nth(2).textContent())?.replace(/\D/g, ''),
    )
    expect(detractors).toBeGreaterThan(0)
    await expectAccessible(page, 'dashboard 90 days')

    // The third bar of promoters / passives / detractors.
    await page.locator('[data-testid="chart-nps-groups"] [data-series="groups"] rect').nth(2).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Kritiker')
    const rows = dialog.getByTestId('drill-customer')
    await expect(rows.first()).toBeVisible()
    // Every customer listed gave a detractor score (0-6) in the period.
    const scores = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-nps'))))
    expect(scores.length).toBeGreaterThan(0)
    expect(scores.length).toBeLessThanOrEqual(detractors)
    expect(scores.every((s) => s >= 0 && s <= 6)).toBe(true)
    await expectAccessible(page, 'drill-down of detractors')

    // A customer in the list opens their card in the call view.
    const name = (await rows.first().getByRole('button').textContent()) ?? ''
    await rows.first().getByRole('button').click()
    await expect(page.getByTestId('customer-name')).toHaveText(name)
  })

  test('drills into loops from the funnel tile and exports the CSV', async ({ page }) => {
    await openApp(page)
    await signIn(page, demoUser('supervisor'))
    await page.getByTestId('nav-dashboard').click()
    await ready(page, 30)
    await page.getByTestId('kpi-loopsOpened').getByRole('button').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByTestId('drill-loop').first()).toBeVisible()
    await expectAccessible(page, 'drill-down of loops')
    await dialog.getByRole('button', { name: 'Schließen' }).click()

    const download = page.waitForEvent('download')
    await page.getByTestId('dash-csv').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('loopdesk-dashboard-30d.csv')
    const text = fs.readFileSync(await file.path(), 'utf8')
    expect(text).toContain('nps.detractors;')
  })

  test('an agent is told the dashboard is for team leads and supervisors', async ({ page }) => {
    await openApp(page)
    await signIn(page, demoUser('agent'))
    await page.getByTestId('nav-dashboard').click()
    await expect(page.getByTestId('dash-error')).toContainText('Teamleitungen und Supervisor')
    await expectAccessible(page, 'dashboard forbidden')
  })
})
