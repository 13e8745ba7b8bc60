/** Page paths used for navigation (absolute, as Taro expects). */
export const ROUTES = {
  study: '/pages/study/index',
  report: '/pages/report/index',
  checkin: '/pages/checkin/index',
  quiz: '/pages/quiz/index',
  me: '/pages/me/index',
  bind: '/packages/account/bind/index',
  about: '/packages/account/about/index',
  persona: '/packages/account/persona/index',
} as const
