/**
 * A list kept as consecutive chunks of at most `chunkMax` items, for the sorted indexes: inserting or
 * removing one item moves at most a chunk's items, where one flat array moves half the collection.
 * On a college-sized heap one `splice` into a flat index array of 150k entries cost 0.1–0.5 ms, and an
 * approved report changes seven of its nine indexes: every write was slower the larger the collection.
 *
 * Positions are global (0 … length-1), as in an array; `starts` holds each chunk's first position.
 */

export class ChunkedList<T> {
  /** Items per chunk at most (scripts/bench/write-path.ts sets Infinity to measure one flat array). */
  static chunkMax = 1024
  private chunks: T[][] = []
  private starts: number[] = []
  private total = 0
  /** The chunk read last: in-order walks (index spans) find their next item there or in the next one. */
  private recent = 0

  constructor(items: readonly T[] = []) {
    this.replaceAll(items)
  }

  get length(): number {
    return this.total
  }

  /** The item at `position`, or undefined outside 0 … length-1. */
  at(position: number): T | undefined {
    if (position < 0 || position >= this.total) return undefined
    const c = this.chunkOf(position)
    return this.chunks[c][position - this.starts[c]]
  }

  insert(position: number, item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item])
      this.starts.push(0)
      this.total = 1
      return
    }
    // At the end, the item joins the last chunk; elsewhere the chunk holding `position`.
    const c = position >= this.total ? this.chunks.length - 1 : this.chunkOf(position)
    const chunk = this.chunks[c]
    chunk.splice(position - this.starts[c], 0, item)
    this.total++
    if (chunk.length > ChunkedList.chunkMax) {
      this.chunks.splice(c + 1, 0, chunk.splice(ChunkedList.chunkMax / 2))
      this.starts.splice(c + 1, 0, 0)
    }
    this.restart(c + 1)
  }

  removeAt(position: number): void {
    if (position < 0 || position >= this.total) return
    const c = this.chunkOf(position)
    const chunk = this.chunks[c]
    chunk.splice(position - this.starts[c], 1)
    this.total--
    if (chunk.length === 0) {
      this.chunks.splice(c, 1)
      this.starts.splice(c, 1)
      this.restart(c)
    } else this.restart(c + 1)
  }

  /** Every item in order, as one new array. */
  toArray(): T[] {
    return this.chunks.flat()
  }

  replaceAll(items: readonly T[]): void {
    this.chunks = []
    this.starts = []
    // Built half full: room to insert before the next split.
    const fill = ChunkedList.chunkMax / 2
    for (let start = 0; start < items.length; start += fill) {
      this.chunks.push(items.slice(start, start + fill))
      this.starts.push(start)
    }
    this.total = items.length
    this.recent = 0
  }

  /** Binary search for the first position ≥ `from` where a predicate, monotone over the list, turns true. */
  firstWhere(pred: (item: T) => boolean, from = 0): number {
    if (from >= this.total) return Math.max(from, this.total)
    // The first chunk (from the one holding `from`) whose last item passes holds the answer.
    let lo = this.chunkOf(Math.max(0, from))
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = this.chunks[mid]
      if (pred(chunk[chunk.length - 1])) hi = mid
      else lo = mid + 1
    }
    if (lo === this.chunks.length) return this.total
    const chunk = this.chunks[lo]
    let inLo = Math.max(0, from - this.starts[lo])
    let inHi = chunk.length - 1
    while (inLo < inHi) {
      const mid = (inLo + inHi) >>> 1
      if (pred(chunk[mid])) inHi = mid
      else inLo = mid + 1
    }
    return this.starts[lo] + inLo
  }

  /** The chunk holding `position` (0 ≤ position < length). */
  private chunkOf(position: number): number {
    const r = this.recent
    if (r < this.chunks.length && this.starts[r] <= position) {
      if (position < this.starts[r] + this.chunks[r].length) return r
      if (r + 1 < this.chunks.length && position < this.starts[r + 1] + this.chunks[r + 1].length) {
        this.recent = r + 1
        return r + 1
      }
    }
    let lo = 0
    let hi = this.chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (this.starts[mid] <= position) lo = mid
      else hi = mid - 1
    }
    this.recent = lo
    return lo
  }

  /** Recomputes the first positions of the chunks from `c` on, after chunk c-1 changed. */
  private restart(c: number): void {
    for (let i = Math.max(c, 1); i < this.chunks.length; i++)
      this.starts[i] = this.starts[i - 1] + this.chunks[i - 1].length
    if (this.starts.length > 0) this.starts[0] = 0
  }
}
