import type { DependencyList } from 'react'
import type { CallResult } from '../services/call'
import { useQuery, type QueryOptions, type QueryState } from './useCall'
import { useReloadOnShow } from './useReloadOnShow'

/**
 * A query that loads again when its page shows after having been hidden: coming back from a page that changed
 * something (a talk recorded, a stage moved) shows the news.
 */
export function useShownQuery<T>(
  load: () => Promise<CallResult<T>>,
  deps: DependencyList,
  options?: QueryOptions<T>,
): QueryState<T> {
  const query = useQuery(load, deps, options)
  useReloadOnShow(query.reload)
  return query
}
