const MIN = 60_000

/** A meeting.create request for a meeting starting in 20 minutes whose check-in is already open (tests, bench). */
export function openMeetingForm(overrides: Record<string, unknown> = {}, now = Date.now()): Record<string, unknown> {
  return {
    type: 'themeDay',
    title: '学习身边榜样主题党日',
    startAt: new Date(now + 20 * MIN).toISOString(),
    endAt: new Date(now + 140 * MIN).toISOString(),
    place: '学院党员活动室',
    agenda: '重温入党誓词；分组交流',
    audience: 'branch',
    checkInOpensAt: new Date(now - MIN).toISOString(),
    checkInClosesAt: new Date(now + 140 * MIN).toISOString(),
    ...overrides,
  }
}
