import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible, invokeAsTab, openApp, signInAs } from './support'

/**
 * Closing the loop across the three roles, each in its own browser tab (sessions are per tab):
 * a team lead bulk-assigns five loops -> the agent sees them, informs one customer and resolves
 * the loop -> the supervisor approves another resolved loop and reopens the agent's one with a
 * reason -> the agent sees it reopened, with a notification.
 */

const LEAD = 'Sabine Krüger'
const SUPERVISOR = 'Claudia Richter'

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

function lastCustomerId(): number {
  return readDb((db) => db.prepare('SELECT max(id) FROM customers').pluck().get() as number)
}

/** Open loops matching a fixed condition, counted in the database behind the app. */
function openLoopCount(where: string): number {
  return readDb(
    (db) =>
      db
        .prepare(`SELECT count(*) FROM loops WHERE state NOT IN ('resolved', 'cancelled') AND ${where}`)
        .pluck()
        .get() as number,
  )
}

/** A new local agent: their task list holds exactly what the test assigns to them. */
async function createLocalAgent(page: Page, name: string): Promise<void> {
  await page.getByTestId('user-switcher').click()
  await page.getByTestId('user-new').click()
  const dialog = page.getByRole('dialog', { name: 'Neuer lokaler Benutzer' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Anlegen und anmelden' }).click()
  // Empty name: the form says what is missing and stays open.
  await expect(dialog).toContainText('Bitte mindestens 2 Zeichen eingeben.')
  await expectAccessible(page, 'new user dialog with error')
  await dialog.getByLabel(/^Name/).fill(name)
  await dialog.getByLabel('Rolle').selectOption('agent')
  await dialog.getByLabel('Sprachen').selectOption('de,en')
  await dialog.getByRole('button', { name: 'Anlegen und anmelden' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('user-switcher')).toContainText(name)
  await expect(page.getByTestId('user-switcher')).toHaveAttribute('data-role', 'agent')
}

async function openTasks(page: Page): Promise<void> {
  await page.getByTestId('nav-loops').click()
  await expect(page.getByTestId('loops-view')).toBeVisible()
}

async function rowIds(page: Page, testId: string): Promise<number[]> {
  const ids = await page
    .getByTestId(testId)
    .getByTestId('loop-row')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-loop-id'))))
  return ids
}

/** Picks these options of a several-values filter (an MUI select listing options with ticks). */
async function chooseMany(page: Page, testId: string, options: string[]): Promise<void> {
  await page.getByTestId(testId).getByRole('combobox').click()
  const listbox = page.getByRole('listbox')
  for (const name of options) await listbox.getByRole('option', { name, exact: true }).click()
  await page.keyboard.press('Escape')
  await expect(listbox).toBeHidden()
}

// One journey in steps that share three tabs; each step has its own time budget (axe checks are slow
// on a loaded 2-core machine).
test.describe.serial('closing the loop: team lead, agent, supervisor', () => {
  test.describe.configure({ timeout: 150_000 })
  let context: BrowserContext
  let agent: Page
  let lead: Page
  let supervisor: Page
  let candidates: number[] = []
  let worked = 0
  const agentName = `Greta Probe ${Date.now() % 100_000}`

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext()
    agent = await context.newPage()
    lead = await context.newPage()
    supervisor = await context.newPage()
  })

  test.afterAll(async () => {
    await context.close()
  })

  test('a new local agent signs in and has no tasks yet', async () => {
    await openApp(agent)
    await createLocalAgent(agent, agentName)
    await openTasks(agent)
    await expect(agent.getByTestId('my-tasks-empty')).toBeVisible()
    await expect(agent.getByTestId('bulk-assign')).toHaveCount(0)
    await expectAccessible(agent, 'agent: no tasks')
  })

  test('the team lead bulk-assigns five unassigned loops to the agent', async () => {
    await openApp(lead)
    await signInAs(lead, LEAD)
    await openTasks(lead)
    await expect(lead.getByTestId('loops-view')).toHaveAttribute('data-role', 'team_lead')
    const queue = lead.getByTestId('queue-table')
    await expect(queue.getByTestId('loop-row').first()).toBeVisible()
    await expect(lead.getByTestId('workload-row').first()).toBeVisible()
    await expectAccessible(lead, 'team lead: queue')

    await lead.getByLabel('Zuständig', { exact: true }).selectOption('unassigned')
    await expect(queue.getByTestId('loop-row').first()).toBeVisible()
    // Only unassigned loops are listed now.
    await expect(queue.getByTestId('loop-row').first()).toContainText('Nicht zugewiesen')
    candidates = (await rowIds(lead, 'queue-table')).slice(0, 5)
    expect(candidates).toHaveLength(5)
    for (const id of candidates) {
      await queue.locator(`[data-loop-id="${id}"]`).getByTestId('loop-select').click()
    }
    await expect(lead.getByTestId('bulk-count')).toHaveText('5 ausgewählt')
    await expectAccessible(lead, 'team lead: five selected')
    await lead.getByLabel('Agent', { exact: true }).selectOption({ label: agentName })
    await lead.getByTestId('bulk-assign-button').click()
    await expect(lead.getByTestId('bulk-outcome')).toHaveText('5 Loops zugewiesen.')
    await expect(lead.getByTestId('bulk-count')).toHaveText('0 ausgewählt')
    // They left the "unassigned" filter; the agent's workload shows them.
    for (const id of candidates) await expect(queue.locator(`[data-loop-id="${id}"]`)).toHaveCount(0)
    await lead.getByLabel('Zuständig', { exact: true }).selectOption({ label: agentName })
    await expect(lead.getByTestId('queue-total')).toHaveText('5 Loops')
  })

  test('the agent sees the five loops, due first, with notifications', async () => {
    await agent.reload()
    await expect(agent.getByTestId('user-switcher')).toContainText(agentName)
    // Five "assigned" notifications (an SLA sweep may add warnings for the same loops).
    await expect
      .poll(async () => Number(await agent.getByTestId('notification-bell').getAttribute('data-unread')))
      .toBeGreaterThanOrEqual(5)
    await openTasks(agent)
    await expect(agent.getByTestId('my-tasks-total')).toHaveText('5 Loops')
    expect((await rowIds(agent, 'my-tasks-table')).sort((a, b) => a - b)).toEqual(
      [...candidates].sort((a, b) => a - b),
    )
    // Due first: the rows' due dates never decrease.
    const due = await agent
      .getByTestId('my-tasks-table')
      .getByTestId('loop-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-due'))).filter((d) => d > 0))
    expect(due).toEqual([...due].sort((a, b) => a - b))
    await expectAccessible(agent, 'agent: my tasks')

    await agent.getByTestId('notification-bell').click()
    const assignedNotes = agent.locator('[data-testid="notification-item"][data-kind="loop_assigned"]')
    await expect(assignedNotes).toHaveCount(5)
    await expect(assignedNotes.first()).toContainText('Neue Aufgabe für Sie')
    await expectAccessible(agent, 'agent: notifications open')
    await agent.keyboard.press('Escape')
  })

  test('the agent opens one (card + drawer), informs the customer and resolves it', async () => {
    worked = (await rowIds(agent, 'my-tasks-table'))[0] as number
    await agent
      .getByTestId('my-tasks-table')
      .locator(`[data-loop-id="${worked}"]`)
      .getByTestId('loop-open')
      .click()
    const drawer = agent.getByTestId('loop-drawer')
    await expect(drawer.getByTestId('loop-story')).toHaveAttribute('data-loop-id', String(worked))
    // One click also shows the customer card in the call view.
    await expect(agent.getByTestId('customer-name')).toBeVisible()
    await expect(drawer.getByTestId('loop-state')).toHaveText('Zugewiesen')
    await expectAccessible(agent, 'agent: loop drawer beside the card')

    const inform = drawer.getByTestId('loop-inform')
    await inform.getByLabel('Kanal').selectOption('phone')
    await inform
      .getByLabel('Was wurde dem Kunden gesagt?')
      .fill('Gutschrift über 20 € zugesagt, Rückruf am Freitag.')
    await inform.getByLabel(/Maßnahme/).fill('Gutschrift über 20 € veranlasst')
    await inform.getByRole('button', { name: 'Kunde informiert' }).click()
    await expect(drawer.getByTestId('loop-state')).toHaveText('Kunde informiert')
    await expect(drawer.getByTestId('loop-told')).toContainText('Gutschrift über 20 € zugesagt')
    await expect(drawer.getByTestId('loop-told')).toContainText('Telefon')
    await expect(drawer.getByTestId('loop-actions')).toContainText('Gutschrift über 20 € veranlasst')
    await expectAccessible(agent, 'agent: customer informed')

    await drawer.getByTestId('loop-resolve').getByLabel('Ergebnis (optional)').fill('Kunde bleibt')
    await drawer.getByTestId('loop-resolve-button').click()
    await expect(drawer.getByTestId('loop-state')).toHaveText('Gelöst')
    await expect(drawer.getByTestId('loop-timeline')).toContainText('Status: Kunde informiert → Gelöst')
    await drawer.getByTestId('loop-drawer-close').click()
    await expect(drawer).toBeHidden()
  })

  test("the supervisor approves another resolved loop and reopens the agent's with a reason", async () => {
    await openApp(supervisor)
    await signInAs(supervisor, SUPERVISOR)
    await openTasks(supervisor)
    await expect(supervisor.getByTestId('loops-view')).toHaveAttribute('data-role', 'supervisor')
    await expect(supervisor.getByTestId('review-view')).toBeVisible()
    const reviewRows = supervisor.getByTestId('review-row')
    await expect(reviewRows.first()).toBeVisible()
    await expectAccessible(supervisor, 'supervisor: review list')

    // Another resolved loop (from the demo data) is approved.
    const other = supervisor.locator(`[data-testid="review-row"]:not([data-loop-id="${worked}"])`).first()
    const approvedId = Number(await other.getAttribute('data-loop-id'))
    await other.click()
    await expect(supervisor.getByTestId('loop-story')).toHaveAttribute('data-loop-id', String(approvedId))
    await expect(supervisor.getByTestId('loop-timeline')).toBeVisible()
    await supervisor.getByTestId('review-approve').click()
    await expect(supervisor.getByTestId('review-outcome')).toContainText('Freigegeben')
    await expect(supervisor.locator(`[data-testid="review-row"][data-loop-id="${approvedId}"]`)).toHaveCount(
      0,
    )

    // The agent's loop: the full story is there; reopening needs a reason.
    await supervisor.locator(`[data-testid="review-row"][data-loop-id="${worked}"]`).click()
    const story = supervisor.getByTestId('loop-story')
    await expect(story).toHaveAttribute('data-loop-id', String(worked))
    await expect(story.getByTestId('loop-told')).toContainText('Gutschrift über 20 € zugesagt')
    await expect(story.getByTestId('loop-actions')).toContainText('Gutschrift über 20 € veranlasst')
    await expect(supervisor.getByTestId('review-reopen')).toBeDisabled()
    await expectAccessible(supervisor, 'supervisor: story of a loop')
    await supervisor.getByLabel(/Grund für das Wiederöffnen/).fill('Betrag der Gutschrift fehlt im Ergebnis')
    await supervisor.getByTestId('review-reopen').click()
    await expect(supervisor.getByTestId('review-outcome')).toContainText('Wieder geöffnet')
    await expect(story.getByTestId('loop-state')).toHaveText('Wieder geöffnet')

    // The quality sample draws from what still waits for review.
    await supervisor.getByTestId('review-sample').click()
    await expect(supervisor.getByTestId('review-count')).toContainText('Stichprobe')
    await expect(reviewRows).toHaveCount(10)
    await expectAccessible(supervisor, 'supervisor: quality sample')
  })

  test('the agent sees the reopened loop and its notification', async () => {
    await agent.reload()
    await expect(agent.locator('[data-testid="notification-bell"]:not([data-unread="0"])')).toBeVisible()
    await openTasks(agent)
    const reopenedRow = agent.getByTestId('my-tasks-table').locator(`[data-loop-id="${worked}"]`)
    await expect(reopenedRow).toHaveAttribute('data-state', 'reopened')
    await expect(reopenedRow).toContainText('Wieder geöffnet')
    await agent.getByTestId('notification-bell').click()
    const reopenedNote = agent.locator(`[data-testid="notification-item"][data-kind="loop_reopened"]`)
    await expect(reopenedNote).toContainText('Aufgabe wieder geöffnet')
    await expect(reopenedNote).toHaveAttribute('data-read', 'false')
    const unreadBefore = Number(await agent.getByTestId('notification-bell').getAttribute('data-unread'))
    await reopenedNote.click()
    await expect(agent.getByTestId('loop-drawer').getByTestId('loop-story')).toHaveAttribute(
      'data-loop-id',
      String(worked),
    )
    await expect(agent.getByTestId('loop-drawer').getByTestId('loop-timeline')).toContainText(
      'Betrag der Gutschrift fehlt im Ergebnis',
    )
    await expect(agent.getByTestId('notification-bell')).toHaveAttribute(
      'data-unread',
      String(unreadBefore - 1),
    )
    await expectAccessible(agent, 'agent: reopened loop')
  })
})

test.describe('permissions in the UI and in the core', () => {
  test('an agent gets no bulk-assign controls, and the core refuses bulk assignment', async ({ page }) => {
    await openApp(page)
    await signInAs(page, 'Jonas Becker')
    await openTasks(page)
    await expect(page.getByTestId('loops-view')).toHaveAttribute('data-role', 'agent')
    await expect(page.getByTestId('my-tasks')).toBeVisible()
    await expect(page.getByTestId('bulk-assign')).toHaveCount(0)
    await expect(page.getByTestId('loop-select')).toHaveCount(0)
    await expect(page.getByTestId('loops-tab-queue')).toHaveCount(0)
    await expect(page.getByTestId('team-queue')).toHaveCount(0)

    const ids = await rowIds(page, 'my-tasks-table')
    expect(ids.length).toBeGreaterThan(0)
    const colleague = await invokeAsTab<Array<{ id: number; name: string }>>(page, 'users.list', {})
    expect(colleague.ok).toBe(true)
    const lena = colleague.value?.find((u) => u.name === 'Lena Hoffmann')
    expect(lena).toBeDefined()

    const assign = await invokeAsTab(page, 'loops.assign', { ids: ids.slice(0, 2), assigneeId: lena?.id })
    expect(assign.ok).toBe(false)
    expect(assign.error?.code).toBe('FORBIDDEN')
    const auto = await invokeAsTab(page, 'loops.autoAssign', {
      ids: ids.slice(0, 2),
      strategy: 'round_robin',
    })
    expect(auto.error?.code).toBe('FORBIDDEN')
    const queue = await invokeAsTab(page, 'loops.queue', { filter: { states: 'open' } })
    expect(queue.error?.code).toBe('FORBIDDEN')
    await expectAccessible(page, 'agent: own tasks')
  })
})

test.describe('the team queue is virtualised over server-side pages', () => {
  test('only the rows in view are in the page; scrolling to the end fetches the last page', async ({
    page,
  }) => {
    test.setTimeout(90_000)
    await openApp(page)
    await signInAs(page, LEAD)
    // More low-priority callbacks than one page holds, all on the demo's last customer.
    const customerId = lastCustomerId()
    let created = 0
    for (let i = 0; i < 130; i++) {
      const result = await invokeAsTab(page, 'loops.create', {
        customerId,
        type: 'callback',
        title: `Rückruf Seitentest ${i + 1}`,
        priority: 5,
      })
      if (result.ok) created++
    }
    expect(created).toBe(130)
    const expected = openLoopCount("type = 'callback' AND priority = 5")
    expect(expected).toBeGreaterThanOrEqual(130)

    await openTasks(page)
    await chooseMany(page, 'loop-filter-priority', ['Priorität 5'])
    await chooseMany(page, 'loop-filter-type', ['Rückruf'])
    const queue = page.getByTestId('queue-table')
    await expect(queue).toHaveAttribute('data-total', String(expected))
    await expect(page.getByTestId('queue-total')).toHaveText(`${expected} Loops`)
    await expect(queue.getByTestId('loop-row').first()).toBeVisible()
    // Virtualised: far fewer rows in the DOM than the queue holds.
    expect(await queue.getByTestId('loop-row').count()).toBeLessThan(60)
    await expect(queue.locator(`[aria-rowindex="${expected + 1}"]`)).toHaveCount(0)

    await page.getByTestId('queue-table-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    const lastRow = queue.locator(`[data-testid="loop-row"][aria-rowindex="${expected + 1}"]`)
    await expect(lastRow).toBeVisible()
    await expect(queue.locator('[aria-rowindex="2"]')).toHaveCount(0)
    await expectAccessible(page, 'team lead: queue scrolled to the end')
  })
})

test.describe('team lead: several filter values, SLA sort, editing a loop; English and dark theme', () => {
  test('filters by two priorities, sorts by SLA, edits priority, due date and root causes', async ({
    page,
  }) => {
    test.setTimeout(150_000)
    await openApp(page)
    await signInAs(page, LEAD)
    await openTasks(page)
    const queue = page.getByTestId('queue-table')
    await chooseMany(page, 'loop-filter-priority', ['Priorität 1', 'Priorität 2'])
    const expected = openLoopCount('priority IN (1, 2)')
    await expect(queue).toHaveAttribute('data-total', String(expected))
    await expect(page.getByTestId('loop-filter-priority')).toContainText('Priorität 1, Priorität 2')

    await page.getByLabel('Sortierung', { exact: true }).selectOption('sla')
    await expect(queue.getByTestId('loop-row').first()).toBeVisible()
    // Worst SLA first: breached rows (if any) before due-soon ones before the rest, due dates rising.
    const rows = await queue
      .getByTestId('loop-row')
      .evaluateAll((els) =>
        els.map((r) => ({ sla: r.getAttribute('data-sla'), due: Number(r.getAttribute('data-due')) })),
      )
    const rank = { breached: 0, due_soon: 1, ok: 2 } as Record<string, number>
    const ranks = rows.map((r) => rank[r.sla ?? ''] ?? 3)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const dues = rows.filter((r) => r.due > 0 && r.sla !== 'met' && r.sla !== 'missed').map((r) => r.due)
    expect(dues).toEqual([...dues].sort((a, b) => a - b))

    const first = queue.getByTestId('loop-row').first()
    const id = Number(await first.getAttribute('data-loop-id'))
    await first.getByTestId('loop-open').click()
    const drawer = page.getByTestId('loop-drawer')
    await expect(drawer.getByTestId('loop-story')).toHaveAttribute('data-loop-id', String(id))
    const fields = drawer.getByTestId('loop-fields')
    await expect(fields).toBeVisible()
    await expect(fields.getByTestId('loop-fields-save')).toBeDisabled()
    await fields.getByLabel('Priorität', { exact: true }).selectOption('4')
    await fields.getByLabel('Fällig am').fill('2030-05-31T09:30')
    await chooseMany(page, `loop-${id}-root-causes`, ['Rechnung', 'Kommunikation'])
    await expectAccessible(page, 'team lead: editing a loop')
    await fields.getByTestId('loop-fields-save').click()
    await expect(fields.getByTestId('loop-fields-feedback')).toHaveText('Gespeichert.')
    const timeline = drawer.getByTestId('loop-timeline')
    await expect(timeline).toContainText('→ 4')
    await expect(timeline).toContainText('Ursachen: Rechnung, Kommunikation')
    await expect(drawer).toContainText('Kommunikation')
    const saved = readDb(
      (db) =>
        db
          .prepare('SELECT priority, root_causes AS rootCauses, due_at AS dueAt FROM loops WHERE id = ?')
          .get(id) as {
          priority: number
          rootCauses: string
          dueAt: number
        },
    )
    expect(saved.priority).toBe(4)
    expect(JSON.parse(saved.rootCauses)).toEqual(['billing', 'communication'])
    // The browser's time zone turns the local input into the stored instant.
    const local = await page.evaluate(() => new Date('2030-05-31T09:30').getTime())
    expect(saved.dueAt).toBe(local)
    await expect(fields.getByTestId('loop-fields-save')).toBeDisabled()

    // The same views in English, then in the dark theme. The open panel covers the toolbar's
    // right end, so the switches are used from the keyboard there.
    await page.getByTestId('language-en').press('Enter')
    await expect(fields.getByRole('heading', { name: 'Priority, due date, root causes' })).toBeVisible()
    await expect(timeline).toContainText('Root causes: Billing, Communication')
    await expectAccessible(page, 'team lead: queue and drawer in English')
    await page.getByTestId('theme-toggle').press('Enter')
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true')
    await expectAccessible(page, 'team lead: queue and drawer in English, dark theme')
    await page.getByTestId('loop-drawer-close').click()
    await expectAccessible(page, 'team lead: queue in English, dark theme')
    await page.getByTestId('language-de').click()
    await expectAccessible(page, 'team lead: queue, dark theme')
  })

  test('the supervisor review is accessible in English and in the dark theme', async ({ page }) => {
    test.setTimeout(120_000)
    await openApp(page)
    await signInAs(page, SUPERVISOR)
    await page.getByTestId('language-en').click()
    await openTasks(page)
    await expect(page.getByTestId('review-view')).toBeVisible()
    await expect(page.getByTestId('review-row').first()).toBeVisible()
    await page.getByTestId('review-row').first().click()
    await expect(page.getByTestId('loop-story')).toBeVisible()
    await expect(page.getByTestId('review-view')).toContainText('Waiting for review')
    await expectAccessible(page, 'supervisor: review in English')
    await page.getByTestId('theme-toggle').click()
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true')
    await expectAccessible(page, 'supervisor: review in English, dark theme')
    await page.getByTestId('language-de').click()
    await expectAccessible(page, 'supervisor: review, dark theme')
  })
})
