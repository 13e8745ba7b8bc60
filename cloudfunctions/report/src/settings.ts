import { getById } from '../../_shared/db'
import type { CollegeSettings } from '../../_shared/domain'
import { readSettings } from '../../_shared/settings'

/** The college's settings with defaults for anything it has not set (one indexed read). */
export async function collegeSettings(collegeId: string): Promise<CollegeSettings> {
  const college = await getById('colleges', collegeId)
  return readSettings(college)
}
