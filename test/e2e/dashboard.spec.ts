import fs from 'node:fs'
import Database from 'better-sqlite3'
import { expect, test, type Locator, type Page } from '@playwright/test'
import type { DashboardSummary, MatrixMove } from '../../shared/ipc/dashboardContract'
import { expectAccessible, invokeAsTab, openApp } from './support'

/** A user of the demo database by role, read straight from the test database. */
function demoUser(role: 'supervisor' | 'team_lead' | 'agent'): number {
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

async function openDashboard(page: Page): Promise<void> {
  await openApp(page)
  await signIn(page, demoUser('supervisor'))
  await page.getByTestId('nav-dashboard').click()
  await ready(page, 30)
}

/** The drill dialog once its list has loaded. */
async function loadedDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('progressbar')).toHaveCount(0)
  return dialog
}

const cellKey = (c: MatrixMove['from']) => `${c.group}.${c.band}`
/** The NPS scores of each group (0-6 detractor, 7-8 passive, 9-10 promoter). */
const NPS_RANGE = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] } as const
const DIRECTION_DE = {
  improved: 'verbessert',
  worsened: 'verschlechtert',
  mixed: 'gemischt',
  unchanged: 'unverändert',
} as const

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

  test('movement between segments: the largest changes first, with their direction; a row opens those customers', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await openDashboard(page)
    const summary = await invokeAsTab<DashboardSummary>(page, 'dashboard.summary', { days: 30 })
    expect(summary.ok).toBe(true)
    // Changes are the steps to another cell; the card lists them largest first, eight at a time.
    const changes = (summary.value as DashboardSummary).movement.filter(
      (m) => cellKey(m.from) !== cellKey(m.to),
    )
    expect(changes.length).toBeGreaterThan(8)
    const card = page.getByTestId('chart-movement')
    await expect(card).toContainText('Bewegung zwischen Segmenten')
    const rows = card.getByTestId('movement-row')
    await expect(rows).toHaveCount(8)
    const shown = await rows.evaluateAll((els) =>
      els.map((e) => [
        e.getAttribute('data-from'),
        e.getAttribute('data-to'),
        Number(e.getAttribute('data-count')),
      ]),
    )
    expect(shown).toEqual(changes.slice(0, 8).map((m) => [cellKey(m.from), cellKey(m.to), m.n]))
    // The direction is a word in each row, not only a colour.
    for (const row of await rows.all()) {
      const direction = (await row.getAttribute('data-direction')) as keyof typeof DIRECTION_DE
      await expect(row.locator('td').nth(1)).toHaveText(DIRECTION_DE[direction])
    }
    await card.getByTestId('movement-all').click()
    await expect(rows).toHaveCount(changes.length)
    await card.getByTestId('movement-show-worsened').click()
    const directions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-direction')))
    expect(directions.length).toBeGreaterThan(0)
    expect(new Set(directions)).toEqual(new Set(['worsened']))
    await expectAccessible(page, 'movement card, worsened steps', { strict: true })

    // By keyboard: the first worsened step opens one row per step, each answer in the target cell.
    const first = rows.first()
    const count = Number(await first.getAttribute('data-count'))
    const toGroup = ((await first.getAttribute('data-to')) ?? '').split('.')[0] as keyof typeof NPS_RANGE
    await first.getByRole('button').focus()
    await page.keyboard.press('Enter')
    const dialog = await loadedDialog(page)
    await expect(dialog).toContainText('→')
    const scores = await dialog
      .getByTestId('drill-customer')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-nps'))))
    expect(scores).toHaveLength(Math.min(count, 200))
    const [low, high] = NPS_RANGE[toGroup]
    expect(scores.every((s) => s >= low && s <= high)).toBe(true)
    await expectAccessible(page, 'drill-down of a movement step')
  })

  test('the movement card says so when nobody moved', async ({ page }) => {
    // The demo data always has movement: the summary's movement is emptied on its way to the page.
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method?: string }
      if (body.method !== 'dashboard.summary') return route.continue()
      const response = await route.fetch()
      const json = (await response.json()) as { ok: boolean; value?: DashboardSummary }
      if (json.value) json.value.movement = []
      return route.fulfill({ response, json })
    })
    await openDashboard(page)
    const card = page.getByTestId('chart-movement')
    await expect(card.getByTestId('movement-empty')).toHaveText(/Keine Bewegung im Zeitraum/)
    await expect(card.getByTestId('movement-row')).toHaveCount(0)
  })

  test('Print / PDF prints the report: no controls on paper, the figures and the period and filters', async ({
    page,
  }) => {
    // Headless mode has no printToPDF: the button uses the browser's print, stubbed here to count calls.
    await page.addInitScript(() => {
      const w = window as unknown as { __prints: number }
      w.__prints = 0
      window.print = () => {
        w.__prints += 1
      }
    })
    await openDashboard(page)
    await page.getByTestId('dash-filter-language').click()
    await page.getByRole('option', { name: 'Deutsch' }).click()
    await ready(page, 30)
    await page.getByTestId('dash-print').click()
    expect(await page.evaluate(() => (window as unknown as { __prints: number }).__prints)).toBe(1)

    const caption = page.getByTestId('dash-print-caption')
    await expect(caption).toBeHidden()
    await page.emulateMedia({ media: 'print' })
    await expect(caption).toBeVisible()
    await expect(caption).toHaveText('Zeitraum: Letzte 30 Tage · Filter: Sprache: Deutsch')
    // App chrome and controls are not printed.
    for (const hidden of [
      page.locator('header').first(),
      page.getByRole('navigation', { includeHidden: true }).first(),
      page.getByTestId('dash-period'),
      page.getByTestId('dash-print'),
      page.getByTestId('dash-csv'),
      page.getByTestId('movement-show-changes'),
    ])
      await expect(hidden).toBeHidden()
    // The report: range, KPI tiles, charts, the heat map, movement and topics.
    await expect(page.getByTestId('dash-range')).toBeVisible()
    for (const id of [
      'kpi-nps',
      'kpi-detractors',
      'kpi-closure',
      'kpi-acceptance',
      'chart-nps-trend',
      'chart-nps-groups',
      'chart-matrix',
      'chart-funnel',
      'chart-movement',
      'chart-topics',
    ])
      await expect(page.getByTestId(id)).toBeVisible()
    await expect(page.locator('[data-testid="chart-nps-groups"] svg').first()).toBeVisible()
    await expect(page.getByTestId('chart-movement').getByTestId('movement-row').first()).toBeVisible()
    await page.emulateMedia({ media: 'screen' })
    await expect(caption).toBeHidden()
    await expect(page.getByTestId('dash-period')).toBeVisible()
  })

  test('every kind of drill-down dialog passes axe', async ({ page }) => {
    // Six dialogs, each with an axe run, on a shared 2-core machine.
    test.setTimeout(150_000)
    await openDashboard(page)
    const openers: [string, () => Promise<void>][] = [
      ['KPI tile (NPS)', () => page.getByTestId('kpi-nps').getByRole('button').click()],
      [
        'NPS group bar (detractors)',
        () => page.locator('[data-testid="chart-nps-groups"] [data-series="groups"] rect').nth(2).click(),
      ],
      ['heat-map cell', () => page.getByTestId('matrix-detractor-low').click()],
      [
        'loop funnel step',
        () => page.locator('[data-testid="chart-funnel"] [data-series="funnel"] rect').nth(1).click(),
      ],
      ['topic', () => page.getByTestId('chart-topics').getByRole('row').nth(1).getByRole('button').click()],
      ['movement row', () => page.getByTestId('movement-row').first().getByRole('button').click()],
    ]
    for (const [what, openIt] of openers) {
      await openIt()
      const dialog = await loadedDialog(page)
      await expect(
        dialog.getByTestId('drill-customer').or(dialog.getByTestId('drill-loop')).first(),
      ).toBeVisible()
      await expectAccessible(page, `drill-down: ${what}`, { strict: true })
      await dialog.getByRole('button', { name: 'Schließen' }).click()
      await expect(dialog).toBeHidden()
    }
  })

  test("every chart drill-down is reachable by keyboard through the chart's value table", async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await openDashboard(page)
    const charts = [
      'chart-nps-trend',
      'chart-nps-groups',
      'chart-intent',
      'chart-funnel',
      'chart-sla',
      'chart-topics',
    ]
    for (const id of charts) {
      const toggle = page.getByTestId(`${id}-table-toggle`)
      await expect(toggle).toHaveAttribute('aria-expanded', 'false')
      await toggle.focus()
      await page.keyboard.press('Enter')
      await expect(toggle).toHaveAttribute('aria-expanded', 'true')
      await expect(page.getByTestId(`${id}-values`).getByRole('button').first()).toBeVisible()
    }
    await expectAccessible(page, 'dashboard with every value table open', { strict: true })

    // The detractors' row of the NPS groups table lists as many answers as it counts (up to 200).
    const detractors = page.getByTestId('chart-nps-groups-values').getByRole('row', { name: /Kritiker/ })
    const count = Number(((await detractors.locator('td').first().textContent()) ?? '').replace(/\D/g, ''))
    expect(count).toBeGreaterThan(0)
    await detractors.getByRole('button').focus()
    await page.keyboard.press('Enter')
    let dialog = await loadedDialog(page)
    await expect(dialog.getByRole('heading')).toContainText('Kritiker')
    await expect(dialog.getByTestId('drill-customer')).toHaveCount(Math.min(count, 200))
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()

    // The funnel's first stage: the loops opened in the period.
    const opened = page.getByTestId('chart-funnel-values').getByRole('row').nth(1)
    const loops = Number(((await opened.locator('td').first().textContent()) ?? '').replace(/\D/g, ''))
    await opened.getByRole('button').focus()
    await page.keyboard.press('Enter')
    dialog = await loadedDialog(page)
    await expect(dialog.getByTestId('drill-loop')).toHaveCount(Math.min(loops, 200))
    await page.keyboard.press('Escape')

    // A trend value opens its stretch: the dialog names the stretch's dates, not the whole period.
    const point = page.getByTestId('chart-nps-trend-values').getByRole('button').last()
    const answers = Number(((await point.textContent()) ?? '').replace(/\D/g, ''))
    await point.focus()
    await page.keyboard.press('Enter')
    dialog = await loadedDialog(page)
    await expect(dialog.getByRole('heading')).not.toContainText('aktueller Zeitraum')
    await expect(dialog.getByTestId('drill-customer')).toHaveCount(Math.min(answers, 200))
    await page.keyboard.press('Escape')
  })

  test('a team lead sees which figures cannot be narrowed to their team', async ({ page }) => {
    await openApp(page)
    await signIn(page, demoUser('team_lead'))
    await page.getByTestId('nav-dashboard').click()
    await ready(page, 30)
    await expect(page.getByText(/Als Teamleitung sehen Sie Ihr Team \(Team \w+\)/)).toBeVisible()
    // Survey answers and their movement have no agent or team; loops do.
    await expect(page.getByTestId('chart-movement-ignored')).toContainText('Team')
    await expect(page.getByTestId('kpi-nps-ignored')).toContainText('Team')
    await expect(page.getByTestId('kpi-loopsOpened-ignored')).toHaveCount(0)
    await expect(page.getByTestId('chart-funnel-ignored')).toHaveCount(0)
  })

  test('an agent is told the dashboard is for team leads and supervisors', async ({ page }) => {
    await openApp(page)
    await signIn(page, demoUser('agent'))
    await page.getByTestId('nav-dashboard').click()
    await expect(page.getByTestId('dash-error')).toContainText('Teamleitungen und Supervisor')
    await expectAccessible(page, 'dashboard forbidden')
  })
})
