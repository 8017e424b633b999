import { useEffect, useState } from 'react'
import type { DashboardFilter, DashboardSummary, DrillTarget } from '../../../../shared/ipc/dashboardContract'
import type { PeriodDays } from '../../../../shared/domain/kpi'
import { toFailure } from '../../actions'
import { call } from '../../api/transport'
import type { LookupFailure } from '../../store'

export type Remote<T> =
  { state: 'loading' } | { state: 'ok'; value: T; stale?: boolean } | { state: 'error'; error: LookupFailure }

/** The dashboard summary for a period and filter; `nonce` changes to load it again. */
export function useDashboardSummary(
  days: PeriodDays,
  filter: DashboardFilter,
  nonce: number,
): Remote<DashboardSummary> {
  const key = JSON.stringify({ days, filter, nonce })
  const [result, setResult] = useState<{ key: string; remote: Remote<DashboardSummary> } | null>(null)
  useEffect(() => {
    let live = true
    const request = JSON.parse(key) as { days: PeriodDays; filter: DashboardFilter }
    call('dashboard.summary', { days: request.days, filter: request.filter }).then(
      (value) => {
        if (live) setResult({ key, remote: { state: 'ok', value } })
      },
      (err: unknown) => {
        if (live) setResult({ key, remote: { state: 'error', error: toFailure(err) } })
      },
    )
    return () => {
      live = false
    }
  }, [key])
  // While a new period or filter loads, the last figures stay on screen (no flicker).
  if (result && result.key === key) return result.remote
  if (result?.remote.state === 'ok') return { ...result.remote, stale: true }
  return { state: 'loading' }
}

/** What a click on a number or chart element asks for. */
export interface DrillRequest {
  label: string
  target: DrillTarget
  period: 'current' | 'previous'
  fromDay?: number
  toDay?: number
}

/** Props of a dashboard section that shows the summary and drills down on a click. */
export interface DrillableSectionProps {
  summary: DashboardSummary
  onDrill: (r: DrillRequest) => void
  /** the active filters the section does not apply, as a caption */
  ignored?: string | undefined
}
