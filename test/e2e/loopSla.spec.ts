import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { expectAccessible, invokeAsTab, openApp, signInAs } from './support'

/**
 * The team lead's SLA settings: callback loops of priority 5 get 3 hours around the clock instead
 * of 50 business hours; a loop created right after has its due date exactly 3 hours after its
 * creation, shown in the queue. An agent sees no settings tab and the core refuses their change.
 */

const LEAD = 'Sabine Krüger'
const HOUR = 3_600_000

function readDb<T>(sql: string): T {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as T
  } finally {
    db.close()
  }
}

test.describe.serial('SLA settings: a team lead changes a policy, new loops follow it', () => {
  test.describe.configure({ timeout: 120_000 })
  let original: unknown = null
  let context: BrowserContext
  let lead: Page

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext()
    lead = await context.newPage()
  })

  test.afterAll(async () => {
    // The other specs share this database: put the policies back as they were.
    if (original) await invokeAsTab(lead, 'loops.setSlaSettings', { policies: original })
    await context.close()
  })

  test('the lead edits the callback P5 deadline and the next callback loop is due 3 h later', async () => {
    await openApp(lead)
    await signInAs(lead, LEAD)
    await lead.getByTestId('nav-loops').click()
    await lead.getByTestId('loops-tab-sla').click()
    const panel = lead.getByTestId('sla-settings')
    await expect(panel).toBeVisible()
    const before = await invokeAsTab<{ policies: unknown[] }>(lead, 'loops.slaSettings', {})
    original = before.value?.policies ?? null
    expect(original).not.toBeNull()

    const hours = panel.getByLabel('Stunden für Rückruf, Priorität 5')
    await expect(hours).toHaveValue('50')
    const businessOnly = panel.getByLabel('Rückruf, Priorität 5: nur Geschäftszeit zählen')
    await expect(businessOnly).toBeChecked()
    await expectAccessible(lead, 'team lead: SLA settings')

    // An impossible value is marked and cannot be saved.
    await hours.fill('0')
    await expect(hours).toHaveAttribute('aria-invalid', 'true')
    await lead.getByTestId('sla-settings-save').click()
    await expect(lead.getByTestId('sla-settings-feedback')).toContainText(
      'Bitte die markierten Felder prüfen.',
    )

    await hours.fill('3')
    await businessOnly.uncheck()
    await lead.getByTestId('sla-settings-save').click()
    await expect(lead.getByTestId('sla-settings-feedback')).toContainText('Gespeichert.')
    await expectAccessible(lead, 'team lead: SLA settings saved')
    // What the core stored is what the form shows after a reload.
    await lead.reload()
    await lead.getByTestId('nav-loops').click()
    await lead.getByTestId('loops-tab-sla').click()
    await expect(lead.getByLabel('Stunden für Rückruf, Priorität 5')).toHaveValue('3')
    await expect(lead.getByLabel('Rückruf, Priorität 5: nur Geschäftszeit zählen')).not.toBeChecked()

    // A new callback loop of priority 5, created now (Friday night or Sunday alike: 3 clock hours).
    const made = await invokeAsTab<{ id: number; createdAt: number; dueAt: number }>(lead, 'loops.create', {
      customerId: readDb<number>('SELECT min(id) FROM customers'),
      type: 'callback',
      title: 'SLA-Test Rückruf',
      priority: 5,
    })
    expect(made.ok).toBe(true)
    const loop = made.value as { id: number; createdAt: number; dueAt: number }
    expect(loop.dueAt - loop.createdAt).toBe(3 * HOUR)

    // The queue shows it with that due date (newest first).
    await lead.getByTestId('loops-tab-queue').click()
    await lead.getByLabel('Sortierung', { exact: true }).selectOption('created')
    const row = lead.getByTestId('queue-table').locator(`[data-loop-id="${loop.id}"]`)
    await expect(row).toBeVisible()
    await expect(row).toHaveAttribute('data-due', String(loop.createdAt + 3 * HOUR))
    const shown = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(loop.createdAt + 3 * HOUR))
    await expect(row).toContainText(shown)
  })

  test('an agent has no settings tab, and the core refuses their change', async () => {
    const agent = await context.newPage()
    try {
      await openApp(agent)
      await signInAs(
        agent,
        readDb<string>(`SELECT name FROM users WHERE role = 'agent' AND active = 1 ORDER BY id LIMIT 1`),
      )
      await expect(agent.getByTestId('user-switcher')).toHaveAttribute('data-role', 'agent')
      await agent.getByTestId('nav-loops').click()
      await expect(agent.getByTestId('loops-view')).toBeVisible()
      await expect(agent.getByTestId('loops-tab-sla')).toHaveCount(0)
      const refused = await invokeAsTab(agent, 'loops.setSlaSettings', { caps: [] })
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'loops.may_not_configure_sla' },
      })
    } finally {
      await agent.close()
    }
  })
})
