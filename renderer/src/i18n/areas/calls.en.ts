import type { callsDe } from './calls.de'

export const callsEn: typeof callsDe = {}
