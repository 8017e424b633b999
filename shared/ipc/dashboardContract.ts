/** Supervisor and team-lead dashboards: KPIs, charts, drill-down, reports. */
export const dashboardContract = {} as const
