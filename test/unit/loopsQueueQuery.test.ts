import { describe, expect, it } from 'vitest'
import { NO_FILTERS, SORTS, toQueueQuery } from '../../renderer/src/loops/queueQuery'

describe('team queue filter bar -> loops.queue request', () => {
  it('asks for every open loop by priority when nothing is chosen', () => {
    expect(toQueueQuery(NO_FILTERS)).toEqual({ filter: { states: 'open' }, sort: 'priority' })
  })

  it('sends every chosen value of the list filters, once and in a fixed order', () => {
    const query = toQueueQuery({
      priority: ['2', '1', '2'],
      slaState: ['breached', 'due_soon'],
      segment: ['churn_risk', 'at_risk_promoter'],
      topic: ['billing', 'price'],
      type: ['callback'],
      assignee: '17',
      language: 'en',
      sort: 'sla',
    })
    expect(query).toEqual({
      filter: {
        states: 'open',
        priority: [1, 2],
        slaState: ['due_soon', 'breached'],
        segment: expect.arrayContaining(['churn_risk', 'at_risk_promoter']),
        topic: ['price', 'billing'],
        type: ['callback'],
        assignee: 17,
        language: 'en',
      },
      sort: 'sla',
    })
    expect(query.filter.segment).toHaveLength(2)
  })

  it('offers the new sort orders', () => {
    expect(SORTS).toEqual(expect.arrayContaining(['sla', 'segment', 'topic', 'assignee']))
    for (const sort of ['sla', 'segment', 'topic', 'assignee'] as const)
      expect(toQueueQuery({ ...NO_FILTERS, sort }).sort).toBe(sort)
  })

  it('keeps "me" and "unassigned" as words and drops values the core would refuse', () => {
    expect(toQueueQuery({ ...NO_FILTERS, assignee: 'me' }).filter.assignee).toBe('me')
    expect(toQueueQuery({ ...NO_FILTERS, assignee: 'unassigned' }).filter.assignee).toBe('unassigned')
    // A tampered select (devtools) must not send an invalid request: 0 and 6 are no priorities,
    // "met" is an SLA state of finished loops only, "fr" no supported language.
    expect(
      toQueueQuery({
        ...NO_FILTERS,
        priority: ['6', '0'],
        slaState: ['met'],
        segment: ['vip'],
        topic: ['weather'],
        type: ['refund'],
        assignee: '-3',
        language: 'fr',
      }),
    ).toEqual({ filter: { states: 'open' }, sort: 'priority' })
    // One valid value among invalid ones still goes through alone.
    expect(toQueueQuery({ ...NO_FILTERS, priority: ['9', '3'] }).filter.priority).toEqual([3])
  })
})
