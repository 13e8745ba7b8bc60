import { useState, type ComponentType } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { useQuery } from '../../../hooks/useCall'
import type { CallResult } from '../../../services/call'
import { Empty, QueryView } from '../../../ui'

/**
 * The page of one survey, appraisal…: loads its view by the `id` parameter. An action answers with the whole
 * new view, shown until the page loads again.
 */
export function viewPage<V>(
  { testId, missing }: { testId: string; missing: string },
  load: (id: string) => Promise<CallResult<V>>,
  Body: ComponentType<{ v: V; onLatest: (next: V) => void }>,
) {
  function LoadedView({ id }: { id: string }) {
    const query = useQuery(() => load(id), [id])
    const [latest, setLatest] = useState<V | null>(null)
    return (
      <QueryView query={query} refusal='lock'>
        {(loaded) => <Body v={latest ?? loaded} onLatest={setLatest} />}
      </QueryView>
    )
  }
  return sessionPage(testId, ({ params }) => (params.id ? <LoadedView id={params.id} /> : <Empty>{missing}</Empty>))
}
