import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { expect, type Page } from '@playwright/test'

export const appUrl = (extra = ''): string => {
  const url = process.env.LOOPDESK_E2E_URL
  const token = process.env.LOOPDESK_E2E_TOKEN
  if (!url || !token) throw new Error('headless server not started: global setup did not run')
  return `${url}/?token=${token}${extra}`
}

export async function openApp(page: Page, extra = ''): Promise<void> {
  await page.goto(appUrl(extra))
  await expect(page.getByTestId('app-info')).toBeVisible()
}

/**
 * WCAG 2.1 AA rules; serious and critical findings fail the test with their details (`strict`: any
 * finding, moderate and minor included).
 */
export async function expectAccessible(
  page: Page,
  state: string,
  { strict = false }: { strict?: boolean } = {},
): Promise<void> {
  // Colour contrast is judged on the settled view: a button fading from its disabled grey to its
  // colour (MUI's 250 ms transition) would otherwise be measured half-way.
  // Endless ones (progress bars, spinners) are left running.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = results.violations.filter((v) => strict || v.impact === 'serious' || v.impact === 'critical')
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    `accessibility violations in state "${state}"`,
  ).toEqual([])
}

export interface DemoCaller {
  id: number
  name: string
  e164: string
  national: string
}

/** A demo customer with a German mobile number and answers, read straight from the test database. */
export function demoCaller(where = "p.value LIKE '+4915%'"): DemoCaller {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    const row = db
      .prepare(
        `SELECT c.id, c.display_name AS name, p.value AS e164 FROM contact_points p JOIN customers c ON c.id = p.customer_id
          WHERE p.kind = 'phone' AND ${where}
            AND (SELECT count(*) FROM contact_points q WHERE q.kind = 'phone' AND q.value = p.value) = 1
            AND EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id AND f.nps IS NOT NULL)
          ORDER BY c.id LIMIT 1`,
      )
      .get() as { id: number; name: string; e164: string }
    const national = parsePhoneNumberFromString(row.e164)?.formatNational() ?? row.e164
    return { ...row, national }
  } finally {
    db.close()
  }
}

export function phoneIsUnknown(e164: string): boolean {
  const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
  try {
    return (
      db
        .prepare(`SELECT count(*) FROM contact_points WHERE kind = 'phone' AND value = ?`)
        .pluck()
        .get(e164) === 0
    )
  } finally {
    db.close()
  }
}

export const searchBox = (page: Page, lang: 'de' | 'en' = 'de') =>
  page.getByRole('combobox', { name: lang === 'de' ? /Anrufer suchen/ : /Search caller/ })

/** Signs this tab in as a user of the switcher (single-seat mode: name and role, no password). */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.getByTestId('user-switcher').click()
  await page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click()
  await expect(page.getByTestId('user-switcher')).toContainText(name)
}

export interface TabResult<T> {
  ok: boolean
  value?: T
  error?: { code: string; message: string; reason?: string }
}

/** Calls the core as this tab's signed-in user, the way the renderer does. */
export async function invokeAsTab<T = unknown>(
  page: Page,
  method: string,
  payload: unknown,
): Promise<TabResult<T>> {
  const token = process.env.LOOPDESK_E2E_TOKEN as string
  return page.evaluate(
    async ({ method, payload, token }) => {
      const session = window.sessionStorage.getItem('loopdesk.session') ?? ''
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          'X-LoopDesk-Session': session,
        },
        body: JSON.stringify({ method, payload }),
      })
      return (await res.json()) as TabResult<T>
    },
    { method, payload, token },
  )
}
