import type { loopsDe } from './loops.de'

export const loopsEn: typeof loopsDe = {}
