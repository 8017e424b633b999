/**
 * README screenshots of the call workspace (1366x768): German in the light theme, English in the
 * dark theme. Headless mode on a fresh demo database in a temporary folder, Debian's Chromium;
 * each shot shows a real call: screen pop by number, the live answers (NPS 9, intent 2/10, a
 * comment), a note, so segment, loops and history are filled in.
 *
 *   npx electron-vite build && npx tsx scripts/screenshots.ts            # into resources/screenshots
 *   LOOPDESK_OUT=out-x npx tsx scripts/screenshots.ts --out /tmp/shots  # another build or folder
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { createCore, type Core } from '../electron/core/core'
import { startHeadlessServer, type HeadlessServer } from '../electron/core/http/server'

const CHROMIUM = process.env.LOOPDESK_CHROMIUM ?? '/usr/bin/chromium'

interface Shot {
  file: string
  language: 'de' | 'en'
  dark: boolean
  /** Which demo customers suit the shot (their language, so loop titles match the UI). */
  where: string
  comment: string
  note: string
}

const SHOTS: Shot[] = [
  {
    file: 'call-de.png',
    language: 'de',
    dark: false,
    where: `c.language = 'de' AND p.value LIKE '+4915%'`,
    comment: 'Zu teuer, der Wettbewerber ist günstiger',
    note: 'Kunde überlegt zu wechseln, Rückruf Freitag',
  },
  {
    file: 'call-en-dark.png',
    language: 'en',
    dark: true,
    where: `c.language = 'en' AND p.value LIKE '+447%'`,
    comment: 'Too expensive, a competitor is cheaper',
    note: 'Customer thinks about leaving, call back Friday',
  },
]

function outDir(): string {
  const at = process.argv.indexOf('--out')
  return path.resolve(at > 0 ? (process.argv[at + 1] ?? '') : 'resources/screenshots')
}

/** A valuable, long-standing active customer with earlier answers, risk reasons and one phone number. */
function pickCaller(core: Core, where: string): { e164: string; name: string } {
  const row = core.db
    .prepare<[], { e164: string; name: string }>(
      `SELECT p.value AS e164, c.display_name AS name
         FROM contact_points p JOIN customers c ON c.id = p.customer_id
         JOIN customer_insights i ON i.customer_id = c.id
        WHERE p.kind = 'phone' AND ${where} AND c.status = 'active' AND c.value_cents >= 200000
          AND c.customer_since <= '2023-01-01' AND i.flags_json <> '[]'
          AND (SELECT count(*) FROM contact_points q WHERE q.kind = 'phone' AND q.value = p.value) = 1
          AND EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id AND f.nps IS NOT NULL)
        ORDER BY c.id LIMIT 1`,
    )
    .get()
  if (!row) throw new Error(`no demo customer for ${where}`)
  return row
}

async function take(browser: Browser, server: HeadlessServer, core: Core, shot: Shot, dir: string) {
  const caller = pickCaller(core, shot.where)
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: shot.language === 'de' ? 'de-DE' : 'en-GB',
    timezoneId: 'Europe/Berlin',
  })
  const page = await context.newPage()
  await page.goto(server.appUrl)
  await page.getByTestId('app-info').waitFor()
  if (shot.language === 'en') await page.getByTestId('language-en').click()
  if (shot.dark) await page.getByTestId('theme-toggle').click()
  const search = page.getByRole('combobox', {
    name: shot.language === 'de' ? /Anrufer suchen/ : /Search caller/,
  })
  await search.fill(caller.e164)
  await search.press('Enter')
  await page.getByTestId('customer-name').filter({ hasText: caller.name }).waitFor()
  await page.getByTestId('nps-option-9').click()
  await page.getByTestId('intent-option-2').click()
  await page.getByTestId('answer-comment').fill(shot.comment)
  await page.getByTestId('answer-save').click()
  await page.locator('[data-testid="segment-chip"][data-segment="at_risk_promoter"]').waitFor()
  await page.getByTestId('note-input').fill(shot.note)
  await page.getByTestId('note-input').press('Enter')
  await page.getByTestId('history').getByText(shot.note).first().waitFor()
  // Settled: no focus ring on the note field, no running transitions, the timer past 0:00.
  await page.getByTestId('customer-name').click()
  // Focusing the note field scrolled its column; the shot shows every panel from its top.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('main *')) if (el.scrollTop > 0) el.scrollTop = 0
  })
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await page.waitForTimeout(1200)
  const file = path.join(dir, shot.file)
  await page.screenshot({ path: file })
  await context.close()
  console.log(`${file}: ${caller.name} (${caller.e164})`)
}

const dir = outDir()
fs.mkdirSync(dir, { recursive: true })
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-shots-'))
const core = await createCore({
  dbPath: path.join(tmp, 'demo.db'),
  region: 'DE',
  mode: 'headless',
  demo: true,
})
const server = await startHeadlessServer({
  dispatch: core.dispatch,
  staticDir: path.resolve(process.env.LOOPDESK_OUT ?? 'out', 'renderer'),
})
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
try {
  for (const shot of SHOTS) await take(browser, server, core, shot, dir)
} finally {
  await browser.close()
  await server.close()
  await core.close()
  fs.rmSync(tmp, { recursive: true, force: true })
}
