import { describe, expect, it } from 'vitest'
import { NO_FILTERS, toQueueQuery } from '../../renderer/src/loops/queueQuery'

describe('team queue filter bar -> loops.queue request', () => {
  it('asks for every open loop by priority when nothing is chosen', () => {
    expect(toQueueQuery(NO_FILTERS)).toEqual({ filter: { states: 'open' }, sort: 'priority' })
  })

  it('turns each chosen value into the one-element list the contract expects', () => {
    const query = toQueueQuery({
      priority: '2',
      slaState: 'breached',
      segment: 'churn_risk',
      topic: 'billing',
      type: 'callback',
      assignee: '17',
      language: 'en',
      sort: 'due',
    })
    expect(query).toEqual({
      filter: {
        states: 'open',
        priority: [2],
        slaState: ['breached'],
        segment: ['churn_risk'],
        topic: ['billing'],
        type: ['callback'],
        assignee: 17,
        language: 'en',
      },
      sort: 'due',
    })
  })

  it('keeps "me" and "unassigned" as words and drops values the core would refuse', () => {
    expect(toQueueQuery({ ...NO_FILTERS, assignee: 'me' }).filter.assignee).toBe('me')
    expect(toQueueQuery({ ...NO_FILTERS, assignee: 'unassigned' }).filter.assignee).toBe('unassigned')
    // A tampered select (devtools) must not send an invalid request: 0 and 6 are no priorities,
    // "met" is an SLA state of finished loops only, "fr" no supported language.
    expect(
      toQueueQuery({
        ...NO_FILTERS,
        priority: '6',
        slaState: 'met',
        segment: 'vip',
        topic: 'weather',
        type: 'refund',
        assignee: '-3',
        language: 'fr',
      }),
    ).toEqual({ filter: { states: 'open' }, sort: 'priority' })
    expect(toQueueQuery({ ...NO_FILTERS, priority: '0' }).filter.priority).toBeUndefined()
  })
})
