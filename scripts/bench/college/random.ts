import { mulberry32, type Random } from '../../../local-cloud/src/seed/random'

export { mulberry32, type Random }

/** A stable seed for a string (FNV-1a). */
export function seedOf(text: string): number {
  let h = 2166136261
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return h >>> 0
}

/** A random sequence of its own for one thing (a person, a day): changing one part never shifts another. */
export function randomFor(text: string): Random {
  return mulberry32(seedOf(text))
}
