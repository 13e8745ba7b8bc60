import { useCallback, type ReactNode } from 'react'
import { useQuery } from '../../hooks/useCall'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import type { GetResult } from '../../services/api'
import { callFunction } from '../../services/call'
import { LoadingView, QueryView } from '../../ui'

/** A report as `report.get` answers it, the report itself present. */
export type LoadedReport = GetResult & { report: NonNullable<GetResult['report']> }

const stay = () => undefined

/**
 * One report by id behind the page gate (loading, refusal, error), for its author (report/detail) and for its
 * secretary (review/detail). `reloadOnShow`: the author comes back from editing it on another page.
 */
export function ReportQuery({
  id,
  reloadOnShow = false,
  children,
}: {
  id: string
  reloadOnShow?: boolean
  children: (data: LoadedReport, reload: () => void) => ReactNode
}) {
  const load = useCallback(() => callFunction('report', 'get', { id }), [id])
  const query = useQuery(load, [id])
  const { reload } = query
  useReloadOnShow(reloadOnShow ? reload : stay)
  return (
    <QueryView query={query} refusal='back'>
      {(data) => (data.report ? children({ ...data, report: data.report }, reload) : <LoadingView />)}
    </QueryView>
  )
}
