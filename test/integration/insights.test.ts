import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import type { CustomerCard } from '../../shared/ipc/types'
import { insertAnswers, insertCustomers, T0 } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'
import { caller } from '../helpers/call'

const DAY = 86_400_000

describe('insight engine through the core (real SQLite file)', () => {
  const tmp = tempDir()
  let core: Core
  const call = caller(() => core)

  beforeAll(async () => {
    core = await createCore({
      dbPath: tmp.file('i.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      clock: () => T0,
      log: () => {},
    })
    insertCustomers(core.db, [
      { id: 1, firstName: 'Anna', lastName: 'Schröder', phones: ['+49301234567'] },
      { id: 2, firstName: 'Jürgen', lastName: 'Müller', phones: ['+49897654321'] },
      { id: 3, firstName: 'Eva', lastName: 'Lang', phones: ['+49401111111'] },
      { id: 4, firstName: 'Tim', lastName: 'Kurz', phones: ['+49402222222'] },
    ])
    const db = core.db
    // Anna: contract ends in 45 days, usage fell from 10/week to 5/week (-50%), one open ticket 20 days old.
    db.prepare(`UPDATE customers SET contract_end = ?, value_cents = 60000 WHERE id = 1`).run(
      new Date(T0 + 45 * DAY).toISOString().slice(0, 10),
    )
    const usage = db.prepare(`INSERT INTO usage (customer_id, period_start, units) VALUES (1, ?, ?)`)
    for (let w = 0; w < 12; w++)
      usage.run(new Date(T0 - w * 7 * DAY).toISOString().slice(0, 10), w < 4 ? 5 : 10)
    db.prepare(
      `INSERT INTO tickets (customer_id, subject, status, opened_at) VALUES (1, 'Rechnung', 'open', ?)`,
    ).run(T0 - 20 * DAY)
    insertAnswers(db, [
      { customerId: 2, daysAgo: 10, nps: 2, intent: { raw: 9, scale: '0-10', normalised: 0.9 } },
    ])
    db.prepare(
      `INSERT INTO offers (code, kind, name_de, name_en, cost_cents, rules_json) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      'DISCOUNT',
      'discount',
      '10 % Rabatt',
      '10% off',
      3000,
      JSON.stringify({
        segments: ['at_risk_promoter'],
        minRisk: 20,
        minValueCents: 0,
        minTenureMonths: 0,
        cooldownDays: 90,
        monthlyBudgetCents: 100000,
      }),
    )
    db.prepare(
      `INSERT INTO offers (code, kind, name_de, name_en, cost_cents, rules_json) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      'CALLBACK',
      'service_callback',
      'Rückruf',
      'Callback',
      800,
      JSON.stringify({
        segments: ['at_risk_promoter', 'captive_critic'],
        minRisk: 0,
        minValueCents: 0,
        minTenureMonths: 0,
        cooldownDays: 30,
        monthlyBudgetCents: 100000,
      }),
    )
    await core.close()
    // Reopen so the offer catalogue is read, as on a normal start.
    core = await createCore({
      dbPath: tmp.file('i.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      clock: () => T0,
      log: () => {},
    })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('recording NPS 9 and intent 2/10 during a call turns Anna into an at-risk promoter with reasons and offers', async () => {
    const card = await call<CustomerCard>('feedback.record', {
      customerId: 1,
      nps: 9,
      intentRaw: 2,
      intentScale: '0-10',
      comment: 'Eigentlich zufrieden, aber ehrlich gesagt viel zu teuer. Die Konkurrenz ist günstiger.',
    })
    expect(card.segment).toEqual({ key: 'at_risk_promoter', play: 'retention' })
    const flags = Object.fromEntries(card.insight.flags.map((f) => [f.factor, f]))
    // usage: (5*4)/(10*4) - 1 = -0.5 -> severity 1 -> 20 points
    expect(flags.declining_usage).toMatchObject({ points: 20, params: { pct: -50, weeks: 4, prior: 8 } })
    // intent 0.2: (0.7 - 0.2) / 0.7 = 0.714 -> 14.3 -> 14 points
    expect(flags.low_intent?.points).toBe(14)
    expect(flags.price_competitor?.params.quote).toMatch(/teuer/)
    // contract: 1 - 45/90 + 0.25 = 0.75 -> 7.5 -> 8 points
    expect(flags.contract_end).toMatchObject({ points: 8, params: { days: 45 } })
    expect(card.insight.riskScore).toBe(card.insight.flags.reduce((s, f) => s + f.points, 0))
    expect(card.insight.model.kind).toBe('hand')
    expect(card.offers.map((o) => o.code)).toContain('DISCOUNT')
    expect(card.offers[0]?.reasons.map((r) => r.key)).toEqual([
      'segment',
      'risk',
      'value',
      'acceptance',
      'expected_value',
    ])
    // The new answer is stored with its comment analysis.
    const row = core.db
      .prepare(`SELECT polarity, topics, source FROM feedback WHERE customer_id = 1`)
      .get() as Record<string, string>
    expect(row).toMatchObject({ polarity: 'negative', source: 'loopdesk' })
    expect(row.topics).toContain('price')
  })

  it('updates only that customer incrementally', async () => {
    const before = core.db.prepare(`SELECT count(*) FROM customer_insights`).pluck().get()
    await call('feedback.record', { customerId: 3, nps: 10, intentRaw: 5, intentScale: '1-5' })
    const rows = core.db
      .prepare(`SELECT customer_id, segment FROM customer_insights ORDER BY customer_id`)
      .all()
    expect(rows).toEqual([
      { customer_id: 1, segment: 'at_risk_promoter' },
      { customer_id: 3, segment: 'loyal_advocate' },
    ])
    expect(before).toBe(1)
  })

  it('learns from offer outcomes: a declined offer drops in the ranking', async () => {
    const first = await call<{ code: string; acceptance: number }[]>('offers.record', {
      customerId: 1,
      offerId: 2,
      outcome: 'declined',
    })
    const callback = first.find((o) => o.code === 'CALLBACK')
    // Beta(2, 6) prior and one decline: 2 / 9
    expect(callback?.acceptance).toBeCloseTo(2 / 9, 10)
    expect(core.db.prepare(`SELECT outcome, segment FROM offer_events`).all()).toEqual([
      { outcome: 'declined', segment: 'at_risk_promoter' },
    ])
  })

  it('refuses bad answers with clear errors and stores nothing', async () => {
    const count = () => core.db.prepare(`SELECT count(*) FROM feedback`).pluck().get()
    const before = count()
    for (const payload of [
      { customerId: 1, nps: 11 },
      { customerId: 1, intentRaw: 11, intentScale: '0-10' },
      { customerId: 1, intentRaw: 3, intentScale: 'stars' },
      { customerId: 1, intentRaw: 3 },
      { customerId: 1 },
      { customerId: 1, comment: 'x'.repeat(10_001) },
    ]) {
      const r = await core.dispatch('feedback.record', payload)
      expect(r.ok, JSON.stringify(payload).slice(0, 80)).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('VALIDATION')
    }
    expect(await core.dispatch('feedback.record', { customerId: 999, nps: 5 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(count()).toBe(before)
  })

  it('says "unknown" for comments it cannot read instead of guessing', async () => {
    expect(await call('insights.analyzeComment', { text: '' })).toMatchObject({ polarity: 'unknown' })
    expect(
      await call('insights.analyzeComment', { text: 'Le service était vraiment très lent et cher.' }),
    ).toMatchObject({ language: 'unknown' })
  })

  it('runs the full recompute in the worker thread and builds the watchlist and segment matrix', async () => {
    const report = await call<{ customers: number; model: { kind: string } }>('insights.recompute', {})
    expect(report.customers).toBe(4)
    // 0 churned customers: no outcomes to fit, the hand weights stay in force.
    expect(report.model.kind).toBe('hand')
    const watch = await call<{ customerId: number; riskScore: number }[]>('insights.watchlist', {
      threshold: 30,
      limit: 10,
    })
    expect(watch.map((w) => w.customerId)).toContain(1)
    const matrix = await call<{
      counts: { promoter: { low: number; high: number }; detractor: { high: number } }
    }>('insights.segmentMatrix', {})
    expect(matrix.counts.promoter.low).toBe(1) // Anna
    expect(matrix.counts.promoter.high).toBe(1) // Eva
    expect(matrix.counts.detractor.high).toBe(1) // Jürgen
  })

  it('gives NPS and intent trends per week for one customer and per month for everyone', async () => {
    // Anna answered once, at T0 (Thu 1 Oct 2026, ISO week 2026-W40): NPS 9, intent 2/10.
    const anna = await call<
      { label: string; n: number; nps: number | null; intentAvg: number | null; tooFew: boolean }[]
    >('insights.trend', { unit: 'week', count: 2, customerId: 1 })
    expect(anna.map((p) => [p.label, p.n, p.nps, p.intentAvg])).toEqual([
      ['2026-W39', 0, null, null],
      ['2026-W40', 1, 100, 0.2],
    ])
    expect(anna[1]?.tooFew).toBe(true)
    // September 2026: Jürgen's NPS 2 (10 days before T0); October: Anna 9 and Eva 10 -> NPS 100.
    // Intent in October: Anna 0.2 and Eva 1.0 (5 on 1-5) -> mean 0.6.
    const all = await call<{ label: string; n: number; nps: number | null; intentAvg: number | null }[]>(
      'insights.trend',
      {
        unit: 'month',
        count: 2,
      },
    )
    expect(all.map((p) => [p.label, p.n, p.nps])).toEqual([
      ['2026-09', 1, -100],
      ['2026-10', 2, 100],
    ])
    expect(all[1]?.intentAvg).toBeCloseTo(0.6, 10)
    const loyal = await call<{ n: number }[]>('insights.trend', {
      unit: 'month',
      count: 1,
      segment: 'loyal_advocate',
    })
    expect(loyal.map((p) => p.n)).toEqual([1]) // Eva only
  })

  it('takes configured intent cut-offs everywhere: card, stored segments, matrix', async () => {
    const bad = await core.dispatch('settings.setIntentCutoffs', { high: 0.4, medium: 0.6 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // Jürgen: NPS 2 with intent 0.9. With "high" from 0.95, 0.9 is medium -> undecided.
    const r = await call<{ customersReassessed: number }>('settings.setIntentCutoffs', {
      high: 0.95,
      medium: 0.5,
    })
    expect(r.customersReassessed).toBe(4)
    expect((await call<CustomerCard>('customers.get', { id: 2 })).segment?.key).toBe('undecided')
    expect(core.db.prepare(`SELECT segment FROM customer_insights WHERE customer_id = 2`).pluck().get()).toBe(
      'undecided',
    )
    const matrix = await call<{ counts: { detractor: { high: number; medium: number } } }>(
      'insights.segmentMatrix',
      {},
    )
    expect(matrix.counts.detractor).toMatchObject({ high: 0, medium: 1 })
    expect(await call<{ intentCutoffs: unknown }>('app.info', {})).toMatchObject({
      intentCutoffs: { high: 0.95, medium: 0.5 },
    })
    await call('settings.setIntentCutoffs', { high: 0.7, medium: 0.4 })
    expect((await call<CustomerCard>('customers.get', { id: 2 })).segment?.key).toBe('captive_critic')
  })

  it('watchlist and segment queries use their indexes', () => {
    const plan = (sql: string) =>
      (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ')
    expect(plan(`SELECT customer_id FROM customer_insights WHERE risk_score >= 60`)).toMatch(
      /SEARCH customer_insights USING (COVERING )?INDEX customer_insights_risk/,
    )
    expect(plan(`SELECT customer_id FROM customer_insights WHERE segment = 'at_risk_promoter'`)).toMatch(
      /INDEX customer_insights_segment/,
    )
  })
})

describe('churn rate per period (hand-computed data)', () => {
  const tmp = tempDir()
  let core: Core
  beforeAll(async () => {
    // "now" is 15 Nov 2026; October 2026 is the last full month.
    core = await createCore({
      dbPath: tmp.file('c.db'),
      region: 'DE',
      mode: 'headless',
      demo: false,
      clock: () => Date.UTC(2026, 10, 15),
      log: () => {},
    })
    const db = core.db
    const add = db.prepare(
      `INSERT INTO customers (id, customer_no, last_name, display_name, vertical, customer_since, status, churned_at, created_at, updated_at)
       VALUES (?, ?, 'X', 'X', 'telecom', ?, ?, ?, 0, 0)`,
    )
    // 10 customers since 2020; 2 churn in October, 1 in November, 1 already in September.
    for (let i = 1; i <= 10; i++) {
      const churnedAt =
        i <= 2
          ? Date.UTC(2026, 9, 10)
          : i === 3
            ? Date.UTC(2026, 10, 2)
            : i === 4
              ? Date.UTC(2026, 8, 5)
              : null
      add.run(i, `K-${i}`, '2020-01-01', churnedAt ? 'churned' : 'active', churnedAt)
    }
    // One customer joins mid-October: not counted at the start of October.
    add.run(11, 'K-11', '2026-10-15', 'active', null)
    // Two loyal advocates who never churned: their segment has nobody lost (0, not "no data").
    const seg = db.prepare(
      `INSERT INTO customer_insights (customer_id, segment, risk_score, flags_json, value_cents, computed_at) VALUES (?, 'loyal_advocate', 0, '[]', 0, 0)`,
    )
    seg.run(9)
    seg.run(10)
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('is lost during the month / customers at its start', async () => {
    const r = await core.dispatch('insights.churn', { unit: 'month', count: 3 })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const periods = r.value as {
      label: string
      overall: { atStart: number; lost: number; churnRate: number }
    }[]
    expect(periods.map((p) => p.label)).toEqual(['2026-09', '2026-10', '2026-11'])
    // September: 10 at start, customer 4 lost -> 10 %
    expect(periods[0]?.overall).toMatchObject({ atStart: 10, lost: 1, churnRate: 0.1 })
    // October: 9 at start (4 gone), customers 1 and 2 lost -> 2/9
    expect(periods[1]?.overall.atStart).toBe(9)
    expect(periods[1]?.overall.churnRate).toBeCloseTo(2 / 9, 10)
    // November: 7 + the October joiner = 8 at start, customer 3 lost -> 1/8
    expect(periods[2]?.overall).toMatchObject({ atStart: 8, lost: 1, churnRate: 0.125 })
    const bySegment = (
      periods[2] as unknown as {
        bySegment: Record<string, { atStart: number; lost: number; churnRate: number | null }>
      }
    ).bySegment
    expect(bySegment.loyal_advocate).toEqual({ atStart: 2, lost: 0, churnRate: 0, retentionRate: 1 })
    expect(bySegment.none).toMatchObject({ atStart: 6, lost: 1 })
    expect(bySegment.churn_risk).toMatchObject({ atStart: 0, churnRate: null })
  })
})
