import type { ReactNode } from 'react'
import { MeetingCard } from '../../../components/MeetingCard'
import type { CursorList } from '../../../hooks/useCursorList'
import type { MeetingSummary } from '../../../services/api'
import { Empty, ErrorView, LoadingView, MoreButton } from '../../../ui'

/**
 * A list of past meetings paged by 加载更多, each card opening its meeting: the student's record (history) and the
 * branch's meetings (past). `summary` stands above the cards once some are in.
 */
export function MeetingList<T>({
  list,
  empty,
  meetingOf,
  status,
  summary,
}: {
  list: CursorList<T>
  empty: string
  meetingOf: (item: T) => MeetingSummary
  status: (item: T) => ReactNode
  summary?: ReactNode
}) {
  if (list.loading && list.items.length === 0) return <LoadingView />
  // Nothing loaded: the full error card with 重试, not a one-line footer at the top of an empty page.
  if (list.failure && list.items.length === 0) return <ErrorView failure={list.failure} onRetry={list.retry} />
  return (
    <>
      {list.items.length > 0 ? summary : null}
      {!list.loading && !list.failure && list.items.length === 0 ? <Empty>{empty}</Empty> : null}
      {list.items.map((item) => {
        const meeting = meetingOf(item)
        return <MeetingCard key={meeting.id} meeting={meeting} linked status={status(item)} />
      })}
      <MoreButton list={list} />
    </>
  )
}
