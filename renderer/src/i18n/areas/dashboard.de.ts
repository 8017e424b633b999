/** German texts of the dashboard area (typed source of the English file). */
export const dashboardDe = {}
