/**
 * Title search served by an index. Every article keeps `titleGrams`: the distinct characters and
 * 2-character pieces (bigrams) of its lower-cased title, in a multikey index (`title_gram_*` in
 * collections.json). A search takes the keyword's rarest piece, finds the articles holding it through the
 * index, and the title pattern verifies them: a title holds the keyword only if it holds each of its pieces,
 * so nothing is missed, and the rarest piece keeps the documents read close to those returned.
 * A 1-character keyword is its own piece (the characters are indexed too): read = returned.
 *
 * How rare a piece is comes from the college's `studyTitleStats` document (articles of any status whose
 * title holds the piece), kept by `publish` when a title changes and written whole by the seed and the
 * migration. It only chooses the piece: a stale count costs reads, never a match.
 */

/** The piece as a field name of the stats document (field names cannot hold '.' or '$'). */
export function gramField(gram: string): string {
  return gram.replace(/[.$%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
}

function charsOf(text: string): string[] {
  return Array.from(text.toLowerCase())
}

const blank = (piece: string): boolean => piece.trim() === ''

/** The index keys of a title: its distinct characters and bigrams, lower-cased, none only whitespace. */
export function titleGrams(title: string): string[] {
  const chars = charsOf(title)
  const grams = new Set<string>()
  chars.forEach((c, i) => {
    if (!blank(c)) grams.add(c)
    if (i + 1 < chars.length && !blank(c + chars[i + 1])) grams.add(c + chars[i + 1])
  })
  return [...grams]
}

/** The pieces every title holding `keyword` holds: its one character, or its bigrams. */
export function keywordGrams(keyword: string): string[] {
  const chars = charsOf(keyword)
  if (chars.length === 1) return blank(chars[0]) ? [] : [chars[0]]
  const grams = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) if (!blank(chars[i] + chars[i + 1])) grams.add(chars[i] + chars[i + 1])
  return [...grams]
}

/** The piece held by the fewest articles (unknown pieces count 0: new, so rare), or null for a blank keyword. */
export function rarestGram(keyword: string, counts: Record<string, number> | undefined): string | null {
  let best: string | null = null
  let bestCount = Number.POSITIVE_INFINITY
  for (const gram of keywordGrams(keyword)) {
    const n = counts?.[gramField(gram)] ?? 0
    if (n < bestCount) {
      best = gram
      bestCount = n
    }
  }
  return best
}

/** `studyTitleStats`: per college (`_id` = collegeId), how many articles' titles hold each piece. */
export interface TitleStatsDoc {
  _id: string
  counts: Record<string, number>
  updatedAt: Date
}

/** The change of the counts when a title goes from `before` (null: a new article) to `after`. */
export function countChanges(before: string[] | null, after: string[]): Record<string, number> {
  const was = new Set(before ?? [])
  const now = new Set(after)
  const change: Record<string, number> = {}
  for (const g of now) if (!was.has(g)) change[gramField(g)] = 1
  for (const g of was) if (!now.has(g)) change[gramField(g)] = -1
  return change
}

/** The stats documents of these articles, counted whole (seed, bench, migration). */
export function titleStatsOf(articles: { collegeId: string; title: string }[], now: Date): TitleStatsDoc[] {
  const byCollege = new Map<string, Record<string, number>>()
  for (const a of articles) {
    const counts = byCollege.get(a.collegeId) ?? {}
    for (const g of titleGrams(a.title)) counts[gramField(g)] = (counts[gramField(g)] ?? 0) + 1
    byCollege.set(a.collegeId, counts)
  }
  return [...byCollege.entries()].map(([collegeId, counts]) => ({ _id: collegeId, counts, updatedAt: now }))
}
