import type { Profile } from '../../src/services/api'
import { DEFAULT_COLLEGE_SETTINGS } from '../../src/services/domain'

/** A whole student profile as `user.me` answers it, for tests of what the app caches and starts from it. */
export function studentProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    memberId: 'm-1',
    name: '张欣怡',
    studentNo: '2023010101',
    className: '计科2301',
    roles: ['student'],
    primaryRole: 'student',
    stage: 'activist',
    stageLabel: '入党积极分子',
    stageDates: {},
    branch: { id: 'branch-cs', name: '计算机科学本科生党支部' },
    branchPost: null,
    college: { id: 'c-1', name: '计算机学院', settings: DEFAULT_COLLEGE_SETTINGS },
    ...overrides,
  }
}
