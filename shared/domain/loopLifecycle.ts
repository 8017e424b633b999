/**
 * The closing-the-loop lifecycle: open -> assigned -> in progress -> action taken ->
 * customer informed -> resolved, plus reopened and cancelled. Pure rules, used by the core
 * (which enforces them) and the UI (which only offers what is legal).
 */

export const LOOP_STATES = [
  'open',
  'assigned',
  'in_progress',
  'action_taken',
  'customer_informed',
  'resolved',
  'reopened',
  'cancelled',
] as const
export type LoopStateName = (typeof LOOP_STATES)[number]

export const LOOP_TYPES = ['service_recovery', 'retention', 'upsell', 'callback'] as const
export type LoopType = (typeof LOOP_TYPES)[number]

export const LOOP_ORIGINS = ['feedback', 'call', 'manual', 'rule'] as const
export type LoopOrigin = (typeof LOOP_ORIGINS)[number]

export const INFORMED_CHANNELS = ['phone', 'email', 'sms', 'letter', 'chat', 'in_person'] as const
export type InformedChannel = (typeof INFORMED_CHANNELS)[number]

export const ROLES = ['agent', 'team_lead', 'supervisor'] as const
export type RoleName = (typeof ROLES)[number]

/** States in which work is still owed to the customer. */
export const UNFINISHED_STATES: readonly LoopStateName[] = [
  'open',
  'assigned',
  'in_progress',
  'action_taken',
  'customer_informed',
  'reopened',
]

export function isFinished(state: LoopStateName): boolean {
  return state === 'resolved' || state === 'cancelled'
}

/**
 * Every legal move. "resolved" from a state before "customer informed" is not here: only a
 * supervisor may do that, with a reason (see `checkTransition`).
 */
export const TRANSITIONS: Readonly<Record<LoopStateName, readonly LoopStateName[]>> = {
  open: ['assigned', 'cancelled'],
  assigned: ['open', 'in_progress', 'cancelled'],
  in_progress: ['action_taken', 'cancelled'],
  action_taken: ['in_progress', 'customer_informed'],
  customer_informed: ['resolved', 'in_progress'],
  resolved: ['reopened'],
  reopened: ['assigned', 'in_progress', 'cancelled'],
  cancelled: [],
}

/** States a supervisor may resolve from, with an override reason, before the customer was told. */
export const OVERRIDE_RESOLVE_FROM: readonly LoopStateName[] = [
  'assigned',
  'in_progress',
  'action_taken',
  'reopened',
]

export type TransitionCheck =
  | { ok: true; override: boolean }
  | { ok: false; reason: 'illegal' | 'needs_override_reason' | 'needs_supervisor' | 'needs_assignee' }

export interface TransitionRequest {
  from: LoopStateName
  to: LoopStateName
  role: RoleName
  hasAssignee: boolean
  overrideReason?: string | undefined
}

export function checkTransition(req: TransitionRequest): TransitionCheck {
  const { from, to, role } = req
  if (TRANSITIONS[from].includes(to)) {
    // Work can only start on a loop someone owns.
    if ((to === 'in_progress' || to === 'assigned') && !req.hasAssignee)
      return { ok: false, reason: 'needs_assignee' }
    return { ok: true, override: false }
  }
  if (to === 'resolved' && OVERRIDE_RESOLVE_FROM.includes(from)) {
    if (role !== 'supervisor') return { ok: false, reason: 'needs_supervisor' }
    if (!req.overrideReason || req.overrideReason.trim().length < 5)
      return { ok: false, reason: 'needs_override_reason' }
    return { ok: true, override: true }
  }
  return { ok: false, reason: 'illegal' }
}

/** Next states a user of this role could pick in the UI (ignoring ownership, which the core checks). */
export function nextStates(from: LoopStateName, role: RoleName): LoopStateName[] {
  const legal = [...TRANSITIONS[from]]
  if (role === 'supervisor' && OVERRIDE_RESOLVE_FROM.includes(from)) legal.push('resolved')
  return legal
}

/** The shortest legal path an agent walks to tell the customer, e.g. assigned -> in_progress -> action_taken -> customer_informed. */
export function pathToInformed(from: LoopStateName): LoopStateName[] | null {
  switch (from) {
    case 'open':
      return ['assigned', 'in_progress', 'action_taken', 'customer_informed']
    case 'assigned':
    case 'reopened':
      return ['in_progress', 'action_taken', 'customer_informed']
    case 'in_progress':
      return ['action_taken', 'customer_informed']
    case 'action_taken':
      return ['customer_informed']
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------
// Permissions: enforced in the core services; the UI uses the same table to hide what is refused.
// ---------------------------------------------------------------------------------------------

export const PERMISSIONS = [
  'loop.create',
  'loop.work_own',
  'loop.take_unassigned',
  'loop.work_any',
  'loop.assign_others',
  'loop.cancel',
  'loop.review',
  'loop.override_resolve',
  'sla.configure',
  'audit.verify',
  'dashboard.view',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const ROLE_PERMISSIONS: Readonly<Record<RoleName, readonly Permission[]>> = {
  agent: ['loop.create', 'loop.work_own', 'loop.take_unassigned'],
  team_lead: [
    'loop.create',
    'loop.work_own',
    'loop.take_unassigned',
    'loop.work_any',
    'loop.assign_others',
    'loop.cancel',
    // Team leads set the SLA policies and business hours their queue is measured against.
    'sla.configure',
    'dashboard.view',
  ],
  supervisor: [...PERMISSIONS],
}

export function permissionsOf(role: RoleName): readonly Permission[] {
  return ROLE_PERMISSIONS[role]
}

export function can(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/**
 * Priority from risk x customer value: the expected loss (risk as a probability times the
 * customer's yearly value) in euros, banded. 1 is the most urgent.
 */
export const PRIORITY_LOSS_BANDS_CENTS = [60_000, 30_000, 10_000, 3_000] as const

export function loopPriority(riskScore: number, valueCents: number): number {
  const loss = (Math.max(0, Math.min(100, riskScore)) / 100) * Math.max(0, valueCents)
  const band = PRIORITY_LOSS_BANDS_CENTS.findIndex((threshold) => loss >= threshold)
  return band === -1 ? 5 : band + 1
}

/**
 * Root-cause tags the UI offers (and translates): the comment topics plus a few causes no comment
 * names. loops.update accepts other tags too; those are shown as typed.
 */
export const ROOT_CAUSES = [
  'price',
  'delivery',
  'service',
  'product_quality',
  'billing',
  'usability',
  'contract_cancellation',
  'competitor',
  'communication',
  'technical',
  'process',
  'other',
] as const
export type RootCause = (typeof ROOT_CAUSES)[number]

export function isRootCause(tag: string): tag is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(tag)
}
