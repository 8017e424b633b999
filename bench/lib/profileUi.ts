/**
 * Where a screen pop's renderer time goes: a CPU profile of Chromium over N screen pops on a fresh
 * demo database, self time summed per function (and per source file). A development aid for
 * bench:ui, not a benchmark: `LOOPDESK_OUT=out npx tsx bench/lib/profileUi.ts`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { createCore } from '../../electron/core/core'
import { startHeadlessServer } from '../../electron/core/http/server'
import { COMPLETE_MARK } from '../../renderer/src/components/call/perfMarks'

const POPS = Number(process.env.LOOPDESK_PROFILE_POPS ?? 30)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopdesk-prof-'))
const core = await createCore({ dbPath: path.join(dir, 'p.db'), region: 'DE', mode: 'headless', demo: true })
const phones = core.db
  .prepare(
    `SELECT p.value FROM contact_points p WHERE p.kind = 'phone'
       AND (SELECT count(*) FROM contact_points q WHERE q.kind = 'phone' AND q.value = p.value) = 1
     ORDER BY p.rowid LIMIT ?`,
  )
  .pluck()
  .all(POPS + 5) as string[]
const server = await startHeadlessServer({
  dispatch: core.dispatch,
  staticDir: path.resolve(process.env.LOOPDESK_OUT ?? 'out', 'renderer'),
})
const browser = await chromium.launch({
  executablePath: process.env.LOOPDESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await (
  await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' })
).newPage()
await page.goto(server.appUrl)
await page.getByTestId('app-info').waitFor()
const search = page.getByRole('combobox', { name: /Anrufer suchen/ })
const pop = async (q: string) => {
  await page.evaluate(() => performance.clearMarks())
  await search.fill(q)
  await search.press('Enter')
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, COMPLETE_MARK)
}
for (const q of phones.slice(0, 5)) await pop(q)
const cdp = await page.context().newCDPSession(page)
await cdp.send('Profiler.enable')
await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
await cdp.send('Profiler.start')
for (const q of phones.slice(5)) await pop(q)
const { profile } = await cdp.send('Profiler.stop')
const elements = await page.evaluate(
  () => document.querySelectorAll('[data-testid="customer-card"] *').length,
)

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
const nodes = new Map<number, Node>((profile.nodes as Node[]).map((n) => [n.id, n]))
const dt = new Map<number, number>()
const times = profile.timeDeltas as number[]
;(profile.samples as number[]).forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (times[i] ?? 0)))
const byFn = new Map<string, number>()
const byFile = new Map<string, number>()
for (const [id, us] of dt) {
  const n = nodes.get(id)
  if (!n) continue
  const file = n.callFrame.url.split('/').pop() || '(native)'
  const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}`
  byFn.set(key, (byFn.get(key) ?? 0) + us)
  byFile.set(file, (byFile.get(file) ?? 0) + us)
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, us]) => `${(us / 1000 / POPS).toFixed(2).padStart(7)} ms/pop  ${name}`)
// Who forces layout: the JS frames above getBoundingClientRect.
const parent = new Map<number, number>()
for (const n of profile.nodes as (Node & { children?: number[] })[])
  for (const c of n.children ?? []) parent.set(c, n.id)
const layoutCallers = new Map<string, number>()
for (const [id, us] of dt) {
  const n = nodes.get(id)
  if (n?.callFrame.functionName !== 'getBoundingClientRect') continue
  const chain: string[] = []
  for (let p = parent.get(id); p !== undefined && chain.length < 6; p = parent.get(p)) {
    const f = nodes.get(p)?.callFrame
    if (f) chain.push(`${f.functionName || '(anon)'}:${f.lineNumber}`)
  }
  const key = chain.join(' < ')
  layoutCallers.set(key, (layoutCallers.get(key) ?? 0) + us)
}
console.log(`${POPS} pops; ${elements} elements in the card`)
console.log(top(byFile, 8).join('\n'))
console.log(top(byFn, 30).join('\n'))
console.log('layout forced by:')
console.log(top(layoutCallers, 8).join('\n'))
await browser.close()
await server.close()
await core.close()
fs.rmSync(dir, { recursive: true, force: true })
