/** A seeded pseudo-random sequence in [0, 1): the bench dataset is the same on every run. */
export type Random = () => number

export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
