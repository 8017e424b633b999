import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { CallContext, CallSession, FollowUpDefaults, HistoryEntry } from '../../shared/ipc/callsContract'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertAnswers, insertCustomers, T0 } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const MINUTE = 60_000

describe('agent call workspace: call sessions, context and history in the core', () => {
  const tmp = tempDir()
  let core: Core
  let now = T0 + 10 * MINUTE
  const users = { anna: 0, ben: 0, lea: 0 }

  const { as, refused } = sessionCaller(() => core)

  beforeAll(async () => {
    core = await createTestCore(tmp.file('calls.db'), () => now)
    insertCustomers(core.db, [
      { id: 1, firstName: 'Eva', lastName: 'Lang', phones: ['+49301112223'] },
      { id: 2, firstName: 'John', lastName: 'Smith', phones: ['+447700900123'], language: 'en' },
    ])
    const add = core.db.prepare(`INSERT INTO users (name, role, languages, team) VALUES (?, ?, ?, ?)`)
    users.anna = Number(add.run('Anna Agent', 'agent', 'de', 'Nord').lastInsertRowid)
    users.ben = Number(add.run('Ben Agent', 'agent', 'de,en', 'Nord').lastInsertRowid)
    await as('anna', 'session.signIn', { userId: users.anna })
    await as('ben', 'session.signIn', { userId: users.ben })
    users.lea = Number(add.run('Lea Lead', 'team_lead', 'de', 'Nord').lastInsertRowid)
    await as('lea', 'session.signIn', { userId: users.lea })
  })

  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  it('a call lives from the screen pop to the wrap-up, each step saved at once', async () => {
    const started = await as<CallSession>('anna', 'calls.start', {
      customerId: 1,
      callerNumber: '030 1112223',
    })
    expect(started).toMatchObject({
      customerId: 1,
      customerNo: 'K-1000001',
      customerName: 'Eva Lang',
      callerId: '030 1112223',
      startedAt: T0 + 10 * MINUTE,
      endedAt: null,
      wrapUp: null,
      notes: [],
    })
    // A second pop of the same caller (a reload) continues the call instead of opening another.
    const again = await as<CallSession>('anna', 'calls.start', { customerId: 1 })
    expect(again.id).toBe(started.id)

    now += MINUTE
    await as('anna', 'calls.event', { id: started.id, kind: 'note', text: '  Rechnung März doppelt  ' })
    // The note is in the database before the call ends: a crash now would lose nothing.
    expect(await as<CallSession | null>('anna', 'calls.active', {})).toMatchObject({
      id: started.id,
      notes: [{ at: T0 + 11 * MINUTE, text: 'Rechnung März doppelt' }],
    })

    now += MINUTE
    const coded = await as<CallSession>('anna', 'calls.event', {
      id: started.id,
      kind: 'wrap_up',
      code: 'info_given',
    })
    expect(coded.wrapUp).toBe('info_given')

    now += 2 * MINUTE
    const ended = await as<CallSession>('anna', 'calls.end', {
      id: started.id,
      wrapUp: 'retention_saved',
      note: 'Gutschrift zugesagt',
    })
    expect(ended).toMatchObject({ endedAt: T0 + 14 * MINUTE, wrapUp: 'retention_saved' })
    expect(ended.notes.map((n) => n.text)).toEqual(['Rechnung März doppelt', 'Gutschrift zugesagt'])
    expect(await as('anna', 'calls.active', {})).toBeNull()

    // Ended is ended; and a colleague may not write into Anna's call.
    expect(await refused('anna', 'calls.event', { id: started.id, kind: 'note', text: 'zu spät' })).toBe(
      'CONFLICT',
    )
    expect(await refused('anna', 'calls.end', { id: started.id, wrapUp: 'info_given' })).toBe('CONFLICT')
    expect(await refused('ben', 'calls.end', { id: started.id, wrapUp: 'info_given' })).toBe('FORBIDDEN')
  })

  it('validates every request with readable errors', async () => {
    expect(await refused('anna', 'calls.start', {})).toBe('VALIDATION')
    expect(await refused('anna', 'calls.start', { customerId: 999 })).toBe('NOT_FOUND')
    expect(await refused('anna', 'calls.event', { id: 1, kind: 'note', text: '   ' })).toBe('VALIDATION')
    expect(await refused('anna', 'calls.event', { id: 1, kind: 'wrap_up', code: 'gossip' })).toBe(
      'VALIDATION',
    )
    expect(await refused('anna', 'calls.end', { id: 1, wrapUp: 'info_given', extra: 1 })).toBe('VALIDATION')
    expect(await refused('anna', 'calls.end', { id: 424242, wrapUp: 'info_given' })).toBe('NOT_FOUND')
    expect(await refused('anna', 'customers.history', { customerId: 999 })).toBe('NOT_FOUND')
  })

  it('an unknown caller gets a call that is attached once the customer exists; a new pop ends the old call', async () => {
    now += MINUTE
    const unknown = await as<CallSession>('ben', 'calls.start', { callerNumber: '+49 89 99999990' })
    expect(unknown).toMatchObject({ customerId: null, customerName: null })
    await as('ben', 'calls.event', { id: unknown.id, kind: 'note', text: 'Neukunde, ruft wegen Tarif an' })
    const attached = await as<CallSession>('ben', 'calls.attach', { id: unknown.id, customerId: 2 })
    expect(attached).toMatchObject({ customerId: 2, customerName: 'John Smith' })

    now += MINUTE
    const next = await as<CallSession>('ben', 'calls.start', { customerId: 1 })
    expect(next.id).not.toBe(unknown.id)
    // The abandoned call ended without a wrap-up code: it shows as unfinished, not as resolved.
    const recent = await as<CallSession[]>('ben', 'calls.recent', { limit: 5 })
    expect(recent.map((c) => [c.id, c.customerName, c.endedAt, c.wrapUp])).toEqual([
      [next.id, 'Eva Lang', null, null],
      [unknown.id, 'John Smith', now, null],
    ])
    // Recent calls are the agent's own.
    const annas = await as<CallSession[]>('anna', 'calls.recent', {})
    expect(annas.map((c) => c.customerName)).toEqual(['Eva Lang'])
    await as('ben', 'calls.end', { id: next.id, wrapUp: 'info_given' })

    // The note taken before the customer existed is in John's history.
    const history = await as<HistoryEntry[]>('ben', 'customers.history', { customerId: 2 })
    expect(history.filter((h) => h.kind === 'note').map((h) => (h.kind === 'note' ? h.text : ''))).toEqual([
      'Neukunde, ruft wegen Tarif an',
    ])
  })

  it('the history merges calls, notes, answers, offers and loop events, newest first', async () => {
    now += 10 * MINUTE
    const call = await as<CallSession>('anna', 'calls.start', { customerId: 1 })
    now += MINUTE
    await as('anna', 'feedback.record', {
      customerId: 1,
      nps: 9,
      intentRaw: 2,
      intentScale: '0-10',
      comment: 'Zu teuer, der Wettbewerber ist günstiger',
    })
    const answeredAt = now
    now += MINUTE
    const offer = core.db.prepare(`SELECT id, name_de FROM offers ORDER BY id LIMIT 1`).get() as
      { id: number; name_de: string } | undefined
    if (offer) await as('anna', 'offers.record', { customerId: 1, offerId: offer.id, outcome: 'accepted' })
    now += MINUTE
    const loop = await as<{ id: number }>('anna', 'loops.create', {
      customerId: 1,
      type: 'retention',
      origin: 'call',
      title: 'Rückruf wegen Preis',
      dueAt: now + 2 * 24 * 60 * MINUTE,
      assignee: 'me',
      interactionId: call.id,
    })
    now += MINUTE
    await as('anna', 'calls.event', { id: call.id, kind: 'note', text: 'Kunde will Rückruf' })
    now += MINUTE
    await as('anna', 'calls.end', { id: call.id, wrapUp: 'callback_scheduled' })

    const history = await as<HistoryEntry[]>('anna', 'customers.history', { customerId: 1, limit: 50 })
    const ats = history.map((h) => h.at)
    expect([...ats].sort((a, b) => b - a)).toEqual(ats)
    const mine = history.filter((h) => h.at >= call.startedAt)
    const summary = mine.map((h) => {
      switch (h.kind) {
        case 'call':
          return `call:${h.wrapUp}`
        case 'note':
          return `note:${h.text}`
        case 'answer':
          return `answer:${h.nps}/${h.intent}`
        case 'offer':
          return `offer:${h.outcome}`
        case 'loop':
          return `loop:${h.event}`
      }
    })
    // Newest first: note, loop created + assigned (same ms), offer, the answer (2/10 = 0.2), the call.
    expect(summary[0]).toBe('note:Kunde will Rückruf')
    expect(summary).toContain('loop:created')
    expect(summary).toContain(`answer:9/0.2`)
    expect(summary[summary.length - 1]).toBe('call:callback_scheduled')
    if (offer) expect(summary).toContain('offer:accepted')
    const created = mine.find((h) => h.kind === 'loop' && h.event === 'created')
    expect(created).toMatchObject({
      loopId: loop.id,
      loopTitle: 'Rückruf wegen Preis',
      userName: 'Anna Agent',
    })
    expect(mine.find((h) => h.kind === 'answer')).toMatchObject({
      at: answeredAt,
      comment: 'Zu teuer, der Wettbewerber ist günstiger',
    })

    // The limit bounds the merged list.
    expect(await as<HistoryEntry[]>('anna', 'customers.history', { customerId: 1, limit: 3 })).toHaveLength(3)
  })

  it('the call context: comment analysis, score trend oldest first, open tickets first', async () => {
    insertAnswers(core.db, [
      { customerId: 2, daysAgo: 60, nps: 3, intent: { raw: 6, scale: '0-10', normalised: 0.6 } },
      { customerId: 2, daysAgo: 30, nps: 6, intent: null },
      { customerId: 2, daysAgo: 20, nps: null, intent: null, comment: 'no score, only words' },
    ])
    core.db
      .prepare(
        `UPDATE feedback SET polarity = 'negative', sentiment = -0.6, topics = 'price,service', mentions = 'too expensive|cancel'
          WHERE customer_id = 2 AND comment = 'no score, only words'`,
      )
      .run()
    const ticket = core.db.prepare(
      `INSERT INTO tickets (customer_id, subject, category, status, opened_at) VALUES (2, ?, 'billing', ?, ?)`,
    )
    ticket.run('Alte Rechnung', 'closed', T0 - 90 * 24 * 60 * MINUTE)
    ticket.run('Router defekt', 'open', T0 - 5 * 24 * 60 * MINUTE)

    const context = await as<CallContext>('ben', 'calls.context', { customerId: 2 })
    expect(context.trend).toEqual([
      { at: T0 - 60 * 24 * 60 * MINUTE, nps: 3, intent: 0.6 },
      { at: T0 - 30 * 24 * 60 * MINUTE, nps: 6, intent: null },
    ])
    expect(context.feedback[0]).toMatchObject({
      polarity: 'negative',
      sentiment: -0.6,
      topics: ['price', 'service'],
      mentions: ['too expensive', 'cancel'],
    })
    expect(context.tickets.map((t) => [t.subject, t.status])).toEqual([
      ['Router defekt', 'open'],
      ['Alte Rechnung', 'closed'],
    ])
  })

  it('calls.screenPop: the card with the same context and history as their own requests; none without a match', async () => {
    type Pop = {
      result: { kind: string; card?: { customer: { id: number } } }
      context: unknown
      history: unknown
    }
    const pop = await as<Pop>('ben', 'calls.screenPop', { query: '030 1112223', historyLimit: 5 })
    expect(pop.result.kind).toBe('match')
    expect(pop.result.card?.customer.id).toBe(1)
    expect(pop.context).toEqual(await as<CallContext>('ben', 'calls.context', { customerId: 1 }))
    const history = await as<unknown[]>('ben', 'customers.history', { customerId: 1, limit: 5 })
    expect(history.length).toBeGreaterThan(0)
    expect(pop.history).toEqual(history)
    const none = await as<Pop>('ben', 'calls.screenPop', { query: '+49 89 0000000' })
    expect(none).toMatchObject({ result: { kind: 'unknown' }, context: null, history: null })
    expect(await core.dispatch('calls.screenPop', { query: '', historyLimit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })

  it('follow-up defaults: the SLA due date in business hours and a worded assignee suggestion', async () => {
    // Thursday 24 Dec 2026, 16:00 in Berlin (CET): 2 business hours left today, then Christmas
    // (Fri 25, a holiday), the weekend, and New Year's Day (Fri 1 Jan 2027).
    now = Date.UTC(2026, 11, 24, 15, 0)
    insertCustomers(core.db, [{ id: 3, firstName: 'Mia', lastName: 'Neu', phones: ['+49301112299'] }])

    // No insight yet: risk 0 x value 480 EUR is no loss, priority 5; a callback at p5 gets 50
    // business hours: Thu 2 + Mon-Thu 28-31 Dec 4 x 10 = 42, then Mon 4 Jan 08:00 + 8 h = 16:00 CET.
    const callback = await as<FollowUpDefaults>('anna', 'calls.followUpDefaults', {
      customerId: 3,
      type: 'callback',
    })
    expect(callback).toMatchObject({
      priority: 5,
      businessHours: 50,
      dueAt: Date.UTC(2027, 0, 4, 15, 0),
    })
    // Nobody spoke to Mia yet: the least-loaded German speaker is Ben (Anna holds a loop). An
    // agent may not hand a loop to a colleague, a team lead may.
    expect(callback.suggestion).toEqual({
      userId: users.ben,
      name: 'Ben Agent',
      reason: 'language_workload',
      assignable: false,
    })
    const forLea = await as<FollowUpDefaults>('lea', 'calls.followUpDefaults', {
      customerId: 3,
      type: 'callback',
    })
    expect(forLea.suggestion?.assignable).toBe(true)
    const forBen = await as<FollowUpDefaults>('ben', 'calls.followUpDefaults', {
      customerId: 3,
      type: 'callback',
    })
    expect(forBen.suggestion?.assignable).toBe(true)

    // A retention loop at p2 has 16 business hours: Thu 2 + Mon 10 + Tue 4 -> Tue 29 Dec 12:00 CET.
    expect(
      await as<FollowUpDefaults>('anna', 'calls.followUpDefaults', {
        customerId: 3,
        type: 'retention',
        priority: 2,
      }),
    ).toMatchObject({ priority: 2, businessHours: 16, dueAt: Date.UTC(2026, 11, 29, 11, 0) })

    // Eva's last call was Anna's, and Anna speaks German.
    const eva = await as<FollowUpDefaults>('anna', 'calls.followUpDefaults', {
      customerId: 1,
      type: 'callback',
    })
    expect(eva.suggestion).toEqual({
      userId: users.anna,
      name: 'Anna Agent',
      reason: 'last_contact',
      assignable: true,
    })

    // A loop saved without a due date gets the date the dialog showed.
    const saved = await as<{ dueAt: number | null; priority: number }>('anna', 'loops.create', {
      customerId: 3,
      type: 'callback',
      origin: 'call',
      title: 'Rückruf Mia Neu',
    })
    expect(saved).toMatchObject({ dueAt: Date.UTC(2027, 0, 4, 15, 0), priority: 5 })

    expect(await refused('anna', 'calls.followUpDefaults', { customerId: 3, type: 'gossip' })).toBe(
      'VALIDATION',
    )
    expect(
      await refused('anna', 'calls.followUpDefaults', { customerId: 3, type: 'callback', priority: 0 }),
    ).toBe('VALIDATION')
    expect(await refused('anna', 'calls.followUpDefaults', { customerId: 999, type: 'callback' })).toBe(
      'NOT_FOUND',
    )
  })
})
