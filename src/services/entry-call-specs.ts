/**
 * The first call of each tab page the app can open on (no Taro here: index.html's early call on H5 reads
 * this table too). services/entry-calls.ts turns them into the calls the pages adopt.
 */
import { ROUTES } from '../routes'

export interface EntryCallSpec {
  name: string
  action: string
  params?: object
}

export const STUDY_FEED = { name: 'study', action: 'feed' } as const
export const UPCOMING_MEETINGS = { name: 'meeting', action: 'list', params: { scope: 'upcoming' } } as const
export const QUIZ_HOME = { name: 'quiz', action: 'daily' } as const

/** By page path without its leading slash (how weapp's launch options and app.config name pages). */
const BY_PAGE: Record<string, EntryCallSpec> = {
  [ROUTES.study.slice(1)]: STUDY_FEED,
  [ROUTES.checkin.slice(1)]: UPCOMING_MEETINGS,
  [ROUTES.quiz.slice(1)]: QUIZ_HOME,
}

/** app.config.ts pages[0]: what an H5 visit of `/` shows. */
const FIRST_PAGE = ROUTES.study.slice(1)

/** The first call of the page at `path` ('/', '/pages/study/index', 'pages/study/index?x=1'), if it has one. */
export function entryCallOf(path: string): EntryCallSpec | undefined {
  const page = path.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '') || FIRST_PAGE
  return Object.prototype.hasOwnProperty.call(BY_PAGE, page) ? BY_PAGE[page] : undefined
}
