/**
 * The one door from the app to the functions' shared, dependency-free code: domain vocabulary
 * (values) and the result envelope (types). Everything else in src/ imports from here.
 */
export {
  STAGES,
  STAGE_LABELS,
  ROLES,
  ROLE_LABELS,
  primaryRole,
  DEFAULT_COLLEGE_SETTINGS,
} from '../../cloudfunctions/_shared/domain'
export type { Stage, StageDates, Role, CollegeSettings } from '../../cloudfunctions/_shared/domain'
export { ERROR_CODES } from '../../cloudfunctions/_shared/envelope'
export type { ErrorCode, OkResult, ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
