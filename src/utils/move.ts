/**
 * `list` with the item at `index` swapped with its neighbour `by` places away (上移 / 下移 in an editor),
 * or null when there is no such neighbour (the first item cannot move up).
 */
export function swapped<T>(list: readonly T[], index: number, by: -1 | 1): T[] | null {
  const target = index + by
  if (target < 0 || target >= list.length) return null
  const copy = [...list]
  ;[copy[index], copy[target]] = [copy[target], copy[index]]
  return copy
}
