import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import {
  classifyQuery,
  createScreenPopService,
  type ScreenPopService,
} from '../../electron/core/services/screenPop'
import { AppError } from '../../electron/core/errors'
import { createCardCompleter } from '../../electron/core/insights/cardInsight'
import { createInsightService } from '../../electron/core/insights/insightService'
import { createOfferService } from '../../electron/core/insights/offerService'
import { insertAnswers, insertCustomers, T0 } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

describe('screen pop on a real SQLite file', () => {
  const tmp = tempDir()
  let db: DB
  let pop: ScreenPopService

  beforeAll(() => {
    db = openDatabase(tmp.file('pop.db'))
    insertCustomers(db, [
      {
        id: 1,
        firstName: 'Anna',
        lastName: 'Schröder',
        phones: ['+49301234567', '+4915123456789'],
        emails: ['anna.schroeder@example.de'],
      },
      {
        id: 2,
        firstName: 'Jürgen',
        lastName: 'Müller',
        phones: ['+49897654321'],
        company: 'Müller Logistik GmbH',
      },
      // A household: two customers behind one landline.
      { id: 3, firstName: 'Petra', lastName: 'Klein', phones: ['+49402222222'] },
      { id: 4, firstName: 'Thomas', lastName: 'Klein', phones: ['+49402222222'] },
      { id: 5, firstName: 'Oliver', lastName: 'Smith', phones: ['+447911123456'], language: 'en' },
    ])
    insertAnswers(db, [
      // Anna: NPS 6 a year ago, then 9 with intent 2/10 -> an at-risk promoter (9 = promoter, 0.2 < 0.4 = low).
      {
        customerId: 1,
        daysAgo: 365,
        nps: 6,
        intent: { raw: 5, scale: '0-10', normalised: 0.5 },
        comment: 'Hotline war schlecht',
      },
      {
        customerId: 1,
        daysAgo: 30,
        nps: 9,
        intent: { raw: 2, scale: '0-10', normalised: 0.2 },
        comment: 'Super Service, aber zu teuer',
      },
      // A later answer without any score must not hide the latest NPS.
      { customerId: 1, daysAgo: 2, nps: null, intent: null, comment: 'Bitte rufen Sie mich an' },
      // Jürgen: one detractor answer with high intent on a 1-5 scale (5 -> 1.0): captive critic.
      { customerId: 2, daysAgo: 10, nps: 3, intent: { raw: 5, scale: '1-5', normalised: 1 } },
    ])
    db.prepare(
      `INSERT INTO users (id, name, role) VALUES (1, 'Lena Agentin', 'agent');
       `,
    ).run()
    db.prepare(
      `INSERT INTO loops (customer_id, origin, type, title, state, priority, due_at, assignee_id, created_at, updated_at)
       VALUES (1, 'feedback', 'callback', 'Rückruf wegen Preis', 'assigned', 2, 1, 1, 0, 0),
              (1, 'feedback', 'callback', 'Alter Fall', 'resolved', 3, 1, 1, 0, 0)`,
    ).run()
    db.prepare(
      `INSERT INTO tickets (customer_id, subject, status, opened_at) VALUES (1, 'Rechnung falsch', 'open', 0), (1, 'Alt', 'closed', 0)`,
    ).run()
    pop = createScreenPopService(
      db,
      'DE',
      createCardCompleter(
        createInsightService(db, () => T0),
        createOfferService(db, () => T0),
      ),
    )
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it.each([
    '+49 30 1234567',
    '030/1234567',
    '0049301234567',
    '(030) 123 45 67',
    '030 1234567',
    '+49-30-1234567',
  ])('finds Anna by her landline written as %s', (query) => {
    const result = pop.lookup(query)
    expect(result.kind).toBe('match')
    if (result.kind !== 'match') return
    expect(result.matchedBy).toBe('phone')
    expect(result.card.customer.displayName).toBe('Anna Schröder')
  })

  it('finds Anna by her mobile, her customer number, her id and her e-mail', () => {
    for (const q of ['0151 23456789', 'K-1000001', 'k1000001', '#1', 'ANNA.SCHROEDER@example.de']) {
      const result = pop.lookup(q)
      expect(result.kind, q).toBe('match')
      if (result.kind === 'match') expect(result.card.customer.id).toBe(1)
    }
  })

  it('assembles the card: latest and previous NPS, latest intent, segment, feedback, open loops and tickets', () => {
    const card = pop.card(1)
    expect(card.latestNps).toMatchObject({ score: 9, group: 'promoter' })
    expect(card.previousNps).toMatchObject({ score: 6, group: 'detractor' })
    expect(card.latestIntent).toMatchObject({ value: 0.2, band: 'low', raw: 2, scale: '0-10' })
    expect(card.segment).toEqual({ key: 'at_risk_promoter', play: 'retention' })
    expect(card.recentFeedback.map((f) => f.comment)).toEqual([
      'Bitte rufen Sie mich an',
      'Super Service, aber zu teuer',
      'Hotline war schlecht',
    ])
    expect(card.feedbackCount).toBe(3)
    expect(card.openLoops.map((l) => [l.title, l.state, l.assigneeName])).toEqual([
      ['Rückruf wegen Preis', 'assigned', 'Lena Agentin'],
    ])
    expect(card.openTickets).toBe(1)
    expect(card.contacts.map((c) => c.value)).toEqual([
      '+49301234567',
      '+4915123456789',
      'anna.schroeder@example.de',
    ])
  })

  it('labels a detractor with high intent on a 1-5 scale as captive critic', () => {
    expect(pop.card(2).segment).toEqual({ key: 'captive_critic', play: 'service_recovery' })
  })

  it('has no segment when a customer never answered', () => {
    const card = pop.card(5)
    expect(card.latestNps).toBeNull()
    expect(card.segment).toBeNull()
  })

  it('offers a choice when several customers share a number', () => {
    const result = pop.lookup('040 2222222')
    expect(result.kind).toBe('multiple')
    if (result.kind === 'multiple')
      expect(result.candidates.map((c) => c.displayName).sort()).toEqual(['Petra Klein', 'Thomas Klein'])
  })

  it('finds by name with umlauts folded and by prefix (type-ahead)', () => {
    expect(pop.search('schroder', 5).map((c) => c.id)).toEqual([1])
    expect(pop.search('Mül', 5).map((c) => c.id)).toEqual([2])
    expect(pop.search('müller logistik', 5).map((c) => c.id)).toEqual([2])
    expect(
      pop
        .search('kle', 5)
        .map((c) => c.id)
        .sort(),
    ).toEqual([3, 4])
    const byName = pop.lookup('Jürgen Müller')
    expect(byName.kind === 'match' && byName.card.customer.id).toBe(2)
  })

  it('survives FTS syntax in the search box', () => {
    for (const q of ['"', 'NEAR(', 'a OR b', '*', 'display_name:x', "'); DROP TABLE customers; --"]) {
      expect(() => pop.search(q, 5)).not.toThrow()
    }
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(5)
  })

  it('reports an unknown caller with the normalised number', () => {
    expect(pop.lookup('089 1111111')).toEqual({
      kind: 'unknown',
      query: '089 1111111',
      normalizedPhone: '+49891111111',
    })
    expect(pop.lookup('000000000')).toEqual({ kind: 'unknown', query: '000000000', normalizedPhone: null })
    expect(pop.lookup('Niemand Unbekannt').kind).toBe('unknown')
  })

  it('creates a customer who is then found by phone and name', () => {
    const card = pop.create({
      firstName: 'Maria',
      lastName: 'Weber',
      phone: '0171 2345678',
      email: 'Maria.Weber@Example.de',
      language: 'de',
      vertical: 'saas',
    })
    expect(card.customer.customerNo).toMatch(/^K-\d+$/)
    expect(card.contacts.map((c) => c.value)).toEqual(['+491712345678', 'maria.weber@example.de'])
    const byPhone = pop.lookup('+49 171 2345678')
    expect(byPhone.kind === 'match' && byPhone.card.customer.id).toBe(card.customer.id)
    expect(pop.search('weber', 5).map((c) => c.id)).toEqual([card.customer.id])
  })

  it('refuses an invalid phone number on create and stores nothing', () => {
    const before = db.prepare('SELECT count(*) FROM customers').pluck().get()
    expect(() =>
      pop.create({ lastName: 'Fehler', phone: '12ab', language: 'de', vertical: 'telecom' }),
    ).toThrow(AppError)
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(before)
  })

  it('classifies queries', () => {
    expect(classifyQuery('#42')).toEqual({ kind: 'id', id: 42 })
    expect(classifyQuery('K-1000042')).toEqual({ kind: 'customer_no', customerNo: 'K-1000042' })
    expect(classifyQuery('a@b.de')).toEqual({ kind: 'email', email: 'a@b.de' })
    expect(classifyQuery('030 123')).toEqual({ kind: 'phone', raw: '030 123' })
    expect(classifyQuery('Müller')).toEqual({ kind: 'name', text: 'Müller' })
  })

  describe('query plans', () => {
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ')

    it('phone lookup searches the contact point index, never scans', () => {
      const detail = plan(
        `SELECT DISTINCT customer_id FROM contact_points WHERE kind = ? AND value = ? LIMIT ?`,
        'phone',
        '+49301234567',
        21,
      )
      expect(detail).toMatch(
        /SEARCH contact_points USING (COVERING )?INDEX contact_points_lookup \(kind=\? AND value=\?\)/,
      )
      expect(detail).not.toMatch(/SCAN contact_points/)
    })

    it('card queries on feedback, loops and tickets use their customer indexes', () => {
      expect(
        plan(
          `SELECT id, nps, comment FROM feedback WHERE customer_id = ? ORDER BY answered_at DESC LIMIT 10`,
          1,
        ),
      ).toMatch(/^SEARCH feedback USING INDEX feedback_customer_time \(customer_id=\?\)$/)
      expect(
        plan(
          `SELECT nps FROM feedback WHERE customer_id = ? AND nps IS NOT NULL ORDER BY answered_at DESC LIMIT 2`,
          1,
        ),
      ).not.toMatch(/TEMP B-TREE|SCAN feedback/)
      expect(plan(`SELECT id FROM loops WHERE customer_id = ? AND state IN ('open','assigned')`, 1)).toMatch(
        /USING (COVERING )?INDEX loops_customer\b/,
      )
      expect(
        plan(`SELECT count(*) FROM tickets WHERE customer_id = ? AND status IN ('open','pending')`, 1),
      ).toMatch(/USING (COVERING )?INDEX tickets_customer/)
    })
  })
})
