import { describe, expect, it } from 'vitest'
import {
  can,
  checkTransition,
  LOOP_STATES,
  loopPriority,
  nextStates,
  pathToInformed,
  PERMISSIONS,
  permissionsOf,
  TRANSITIONS,
  type LoopStateName,
  type Permission,
} from '../../shared/domain/loopLifecycle'

// Hand-written on purpose: a change to TRANSITIONS that is not mirrored here must fail.
const LEGAL = new Set([
  'open->assigned',
  'open->cancelled',
  'assigned->open',
  'assigned->in_progress',
  'assigned->cancelled',
  'in_progress->action_taken',
  'in_progress->cancelled',
  'action_taken->in_progress',
  'action_taken->customer_informed',
  'customer_informed->resolved',
  'customer_informed->in_progress',
  'resolved->reopened',
  'reopened->assigned',
  'reopened->in_progress',
  'reopened->cancelled',
])
const SUPERVISOR_RESOLVE_FROM = new Set<LoopStateName>([
  'assigned',
  'in_progress',
  'action_taken',
  'reopened',
])
const NEEDS_OWNER = new Set<LoopStateName>(['assigned', 'in_progress'])

const allPairs = LOOP_STATES.flatMap((from) => LOOP_STATES.map((to) => ({ from, to })))

describe('checkTransition over all 64 state pairs', () => {
  it('has exactly the 8 states and the hand-written legal moves', () => {
    expect(allPairs).toHaveLength(64)
    const declared = LOOP_STATES.flatMap((from) => TRANSITIONS[from].map((to) => `${from}->${to}`))
    expect(new Set(declared)).toEqual(LEGAL)
  })

  it.each(allPairs)('agent with an assignee: $from -> $to', ({ from, to }) => {
    const result = checkTransition({ from, to, role: 'agent', hasAssignee: true })
    if (LEGAL.has(`${from}->${to}`)) expect(result).toEqual({ ok: true, override: false })
    else if (to === 'resolved' && SUPERVISOR_RESOLVE_FROM.has(from))
      expect(result).toEqual({ ok: false, reason: 'needs_supervisor' })
    else expect(result).toEqual({ ok: false, reason: 'illegal' })
  })

  it.each(allPairs)('supervisor with a reason, no assignee: $from -> $to', ({ from, to }) => {
    const result = checkTransition({
      from,
      to,
      role: 'supervisor',
      hasAssignee: false,
      overrideReason: 'customer asked to close',
    })
    if (LEGAL.has(`${from}->${to}`))
      expect(result).toEqual(
        NEEDS_OWNER.has(to) ? { ok: false, reason: 'needs_assignee' } : { ok: true, override: false },
      )
    else if (to === 'resolved' && SUPERVISOR_RESOLVE_FROM.has(from))
      expect(result).toEqual({ ok: true, override: true })
    else expect(result).toEqual({ ok: false, reason: 'illegal' })
  })
})

describe('supervisor override to resolved', () => {
  const resolveFrom = (from: LoopStateName, role: 'agent' | 'team_lead' | 'supervisor', reason?: string) =>
    checkTransition({ from, to: 'resolved', role, hasAssignee: true, overrideReason: reason })

  it.each([...SUPERVISOR_RESOLVE_FROM])('from %s needs the supervisor role', (from) => {
    expect(resolveFrom(from, 'agent', 'long enough reason')).toEqual({
      ok: false,
      reason: 'needs_supervisor',
    })
    expect(resolveFrom(from, 'team_lead', 'long enough reason')).toEqual({
      ok: false,
      reason: 'needs_supervisor',
    })
    expect(resolveFrom(from, 'supervisor', 'long enough reason')).toEqual({ ok: true, override: true })
  })

  it('needs a reason of at least 5 characters after trimming', () => {
    expect(resolveFrom('in_progress', 'supervisor')).toEqual({ ok: false, reason: 'needs_override_reason' })
    expect(resolveFrom('in_progress', 'supervisor', '')).toEqual({
      ok: false,
      reason: 'needs_override_reason',
    })
    expect(resolveFrom('in_progress', 'supervisor', '  abcd   ')).toEqual({
      ok: false,
      reason: 'needs_override_reason',
    })
    expect(resolveFrom('in_progress', 'supervisor', ' abcde ')).toEqual({ ok: true, override: true })
  })

  it('is not possible from open, cancelled or an already resolved loop', () => {
    expect(resolveFrom('open', 'supervisor', 'long enough reason')).toEqual({ ok: false, reason: 'illegal' })
    expect(resolveFrom('cancelled', 'supervisor', 'long enough reason')).toEqual({
      ok: false,
      reason: 'illegal',
    })
    expect(resolveFrom('resolved', 'supervisor', 'long enough reason')).toEqual({
      ok: false,
      reason: 'illegal',
    })
  })

  it('is a normal move from customer_informed for every role, without a reason', () => {
    expect(resolveFrom('customer_informed', 'agent')).toEqual({ ok: true, override: false })
  })
})

describe('needs_assignee', () => {
  it.each([
    ['open', 'assigned'],
    ['assigned', 'in_progress'],
    ['action_taken', 'in_progress'],
    ['customer_informed', 'in_progress'],
    ['reopened', 'assigned'],
    ['reopened', 'in_progress'],
  ] as const)('%s -> %s without an assignee is refused', (from, to) => {
    expect(checkTransition({ from, to, role: 'supervisor', hasAssignee: false })).toEqual({
      ok: false,
      reason: 'needs_assignee',
    })
  })

  it('does not block moves that need no owner', () => {
    expect(checkTransition({ from: 'assigned', to: 'open', role: 'agent', hasAssignee: false })).toEqual({
      ok: true,
      override: false,
    })
    expect(checkTransition({ from: 'open', to: 'cancelled', role: 'agent', hasAssignee: false })).toEqual({
      ok: true,
      override: false,
    })
  })
})

describe('nextStates', () => {
  it('offers the override resolve to supervisors only', () => {
    expect(nextStates('in_progress', 'agent')).toEqual(['action_taken', 'cancelled'])
    expect(nextStates('in_progress', 'team_lead')).toEqual(['action_taken', 'cancelled'])
    expect(nextStates('in_progress', 'supervisor')).toEqual(['action_taken', 'cancelled', 'resolved'])
    expect(nextStates('open', 'supervisor')).toEqual(['assigned', 'cancelled'])
    expect(nextStates('cancelled', 'supervisor')).toEqual([])
  })
})

describe('pathToInformed', () => {
  it.each<[LoopStateName, LoopStateName[] | null]>([
    ['open', ['assigned', 'in_progress', 'action_taken', 'customer_informed']],
    ['assigned', ['in_progress', 'action_taken', 'customer_informed']],
    ['reopened', ['in_progress', 'action_taken', 'customer_informed']],
    ['in_progress', ['action_taken', 'customer_informed']],
    ['action_taken', ['customer_informed']],
    ['customer_informed', null],
    ['resolved', null],
    ['cancelled', null],
  ])('from %s', (from, expected) => {
    expect(pathToInformed(from)).toEqual(expected)
  })

  it('walks only legal steps for an owner', () => {
    for (const from of LOOP_STATES) {
      let state = from
      for (const step of pathToInformed(from) ?? []) {
        expect(checkTransition({ from: state, to: step, role: 'agent', hasAssignee: true }).ok).toBe(true)
        state = step
      }
    }
  })
})

describe('permissions', () => {
  const expected: Record<'agent' | 'team_lead' | 'supervisor', Permission[]> = {
    agent: ['loop.create', 'loop.work_own', 'loop.take_unassigned'],
    team_lead: [
      'loop.create',
      'loop.work_own',
      'loop.take_unassigned',
      'loop.work_any',
      'loop.assign_others',
      'loop.cancel',
      'sla.configure',
      'dashboard.view',
    ],
    supervisor: [...PERMISSIONS],
  }

  it.each(['agent', 'team_lead', 'supervisor'] as const)('%s has exactly its permissions', (role) => {
    expect([...permissionsOf(role)].sort()).toEqual([...expected[role]].sort())
    for (const permission of PERMISSIONS)
      expect(can(role, permission)).toBe(expected[role].includes(permission))
  })

  it('keeps assigning and reviewing away from agents and reviewing from team leads', () => {
    expect(can('agent', 'loop.assign_others')).toBe(false)
    expect(can('agent', 'loop.review')).toBe(false)
    expect(can('team_lead', 'loop.assign_others')).toBe(true)
    expect(can('team_lead', 'loop.review')).toBe(false)
    expect(can('supervisor', 'loop.review')).toBe(true)
    expect(can('agent', 'sla.configure')).toBe(false)
    expect(can('team_lead', 'sla.configure')).toBe(true)
    expect(PERMISSIONS).toHaveLength(11)
  })
})

describe('loopPriority', () => {
  it('bands risk x yearly value in cents (expected loss), 1 most urgent', () => {
    expect(loopPriority(80, 100_000)).toBe(1) // 80,000 >= 60,000
    expect(loopPriority(60, 100_000)).toBe(1) // exactly 60,000
    expect(loopPriority(50, 100_000)).toBe(2) // 50,000
    expect(loopPriority(10, 100_000)).toBe(3) // exactly 10,000
    expect(loopPriority(3, 100_000)).toBe(4) // exactly 3,000
    expect(loopPriority(2, 100_000)).toBe(5) // 2,000
    expect(loopPriority(150, 50_000)).toBe(2) // risk capped at 100 -> 50,000
    expect(loopPriority(-5, 1_000_000)).toBe(5)
  })
})
