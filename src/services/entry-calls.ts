/**
 * The first call of the tab pages the app can open on, started at app start for a returning user
 * (services/prefetch) so it runs beside the page's chunk instead of after it. Each page passes the
 * same descriptor to its `useQuery` as `prefetched`. Only reads belong here: a prefetch nobody adopts
 * must change nothing.
 */
import { ROUTES } from '../routes'
import { prefetch, prefetchable, type Prefetchable } from './prefetch'
import { startingProfile } from './profile-cache'

export const studyFeedCall = prefetchable('study', 'feed')
export const upcomingMeetingsCall = prefetchable('meeting', 'list', { scope: 'upcoming' })
export const quizHomeCall = prefetchable('quiz', 'daily')

/** By page path without its leading slash (how weapp's launch options and app.config name pages). */
const ENTRY_CALLS: Record<string, Prefetchable<unknown>> = {
  [ROUTES.study.slice(1)]: studyFeedCall,
  [ROUTES.checkin.slice(1)]: upcomingMeetingsCall,
  [ROUTES.quiz.slice(1)]: quizHomeCall,
}

/** app.config.ts pages[0]: what an H5 visit of `/` shows. */
const FIRST_PAGE = ROUTES.study.slice(1)

/**
 * Starts the first call of the page at `path` ('/', '/pages/study/index', 'pages/study/index?x=1') when
 * the session will be ready without one of its own (a cached profile): else the page waits for
 * `user.login` or binding anyway, and an early call could only be wasted.
 */
export function prefetchEntryPage(path: string): void {
  const page = path.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '') || FIRST_PAGE
  const call = ENTRY_CALLS[page]
  if (!call) return
  if (!startingProfile()) return
  prefetch(call)
}
