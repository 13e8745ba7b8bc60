import { getById } from '../../_shared/db'
import { DEFAULT_COLLEGE_SETTINGS, type CollegeSettings } from '../../_shared/domain'
import type { CollegeDoc } from '../../_shared/models'

/** The college's settings with defaults for anything it has not set (one indexed read). */
export async function collegeSettings(collegeId: string): Promise<CollegeSettings> {
  const college = await getById<CollegeDoc>('colleges', collegeId)
  return { ...DEFAULT_COLLEGE_SETTINGS, ...college?.settings }
}
