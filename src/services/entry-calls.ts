/**
 * The first call of the tab pages the app can open on, started at app start for a returning user
 * (services/prefetch) so it runs beside the page's chunk instead of after it. Each page passes the
 * same descriptor to its `useQuery` as `prefetched`. Only reads belong here: a prefetch nobody adopts
 * must change nothing. Which call each page makes: entry-call-specs.ts.
 */
import { entryCallOf, QUIZ_HOME, STUDY_FEED, UPCOMING_MEETINGS, type EntryCallSpec } from './entry-call-specs'
import { prefetch, prefetchable, type Prefetchable } from './prefetch'
import { startingProfile } from './profile-cache'

export const studyFeedCall = prefetchable(STUDY_FEED.name, STUDY_FEED.action)
export const upcomingMeetingsCall = prefetchable(UPCOMING_MEETINGS.name, UPCOMING_MEETINGS.action, {
  ...UPCOMING_MEETINGS.params,
})
export const quizHomeCall = prefetchable(QUIZ_HOME.name, QUIZ_HOME.action)

const ENTRY_CALLS = new Map<EntryCallSpec, Prefetchable<unknown>>([
  [STUDY_FEED, studyFeedCall],
  [UPCOMING_MEETINGS, upcomingMeetingsCall],
  [QUIZ_HOME, quizHomeCall],
])

/**
 * Starts the first call of the page at `path` when the session will be ready without one of its own
 * (a cached profile): else the page waits for `user.login` or binding anyway, and an early call could
 * only be wasted.
 */
export function prefetchEntryPage(path: string): void {
  const spec = entryCallOf(path)
  const call = spec && ENTRY_CALLS.get(spec)
  if (!call) return
  if (!startingProfile()) return
  prefetch(call)
}
