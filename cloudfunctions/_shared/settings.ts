import { DEFAULT_COLLEGE_SETTINGS, type CollegeSettings } from './domain'

/**
 * A college's settings as every function reads them: what the college stored, merged deeply over the
 * defaults (a college that sets one quiz limit keeps the default of the others). Arrays and values replace
 * the default whole; a missing or null value keeps it. Pure: the app receives the resolved settings and never merges again.
 */
export function readSettings(college: { settings?: unknown } | null | undefined): CollegeSettings {
  return mergeOver(DEFAULT_COLLEGE_SETTINGS, college?.settings)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function mergeOver<T>(defaults: T, stored: unknown): T {
  if (stored === undefined || stored === null) return defaults
  if (!isPlainObject(defaults) || !isPlainObject(stored)) return stored as T
  const merged: Record<string, unknown> = { ...defaults }
  for (const [key, value] of Object.entries(stored)) merged[key] = mergeOver(defaults[key], value)
  return merged as T
}
