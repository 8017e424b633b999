import type { dashboardDe } from './dashboard.de'

export const dashboardEn: typeof dashboardDe = {}
