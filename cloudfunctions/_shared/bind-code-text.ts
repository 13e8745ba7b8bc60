/** The binding code's written form, shared by the functions and the app (no server code here). */

/** No 0/O, 1/I/L: a code is read off paper and typed on a phone. */
export const BIND_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const BIND_CODE_LENGTH = 8

/** What a person typed, as stored: upper case, without the spaces and dashes of the printed form. */
export function normalizeBindCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** ABCD-EFGH: the printed form, easier to read aloud and copy. */
export function formatBindCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
