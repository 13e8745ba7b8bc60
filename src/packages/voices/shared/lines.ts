/** One entry per non-empty line of a text box (options, candidates, motions). */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}
