import { describe, expect, it } from 'vitest'
import { ChunkedList } from '../../local-cloud/src/db/chunked-list'
import { SortedIndex } from '../../local-cloud/src/db/sorted-index'

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

describe('ChunkedList (the sorted indexes’ storage)', () => {
  it('behaves as a plain array under random inserts and removals across many chunk splits and merges', () => {
    const next = random(7)
    const list = new ChunkedList<number>()
    const array: number[] = []
    for (let step = 0; step < 20_000; step++) {
      // Grow to a few thousand items (several chunks), then shrink to empty and grow again.
      const growing = Math.floor(step / 5000) % 2 === 0
      if (array.length === 0 || next() < (growing ? 0.8 : 0.2)) {
        const position = Math.floor(next() * (array.length + 1))
        list.insert(position, step)
        array.splice(position, 0, step)
      } else {
        const position = Math.floor(next() * array.length)
        list.removeAt(position)
        array.splice(position, 1)
      }
      if (step % 997 === 0) expect(list.toArray()).toEqual(array)
    }
    expect(list.length).toBe(array.length)
    expect(list.toArray()).toEqual(array)
    for (let i = 0; i < array.length; i++) expect(list.at(i)).toBe(array[i])
    expect(list.at(-1)).toBeUndefined()
    expect(list.at(array.length)).toBeUndefined()
  })

  it('finds the first position where a monotone predicate turns true, from any start', () => {
    const sorted = Array.from({ length: 5000 }, (_, i) => Math.floor(i / 3))
    const list = new ChunkedList(sorted)
    for (const threshold of [-1, 0, 1, 511, 512, 1000, 1666, 1667, 5000]) {
      for (const from of [0, 1, 511, 512, 513, 2048, 4999, 5000]) {
        let expected = from
        while (expected < sorted.length && !(sorted[expected] >= threshold)) expected++
        expect(list.firstWhere((v) => v >= threshold, from)).toBe(expected)
      }
    }
    expect(new ChunkedList<number>().firstWhere(() => true)).toBe(0)
  })

  it('keeps an index of 5,000 documents in order through updates that move entries between chunks', () => {
    const index = new SortedIndex({ name: 'branch_rank', fields: ['branch', 'rank'], dirs: [1, -1], unique: false })
    const next = random(11)
    const docs = Array.from({ length: 5000 }, (_, ord) => ({
      key: `d${ord}`,
      ord,
      doc: { _id: `d${ord}`, branch: ord % 7, rank: Math.floor(next() * 100) },
    }))
    index.rebuild(docs)
    for (let step = 0; step < 3000; step++) {
      const target = docs[Math.floor(next() * docs.length)]
      const after = { ...target.doc, rank: Math.floor(next() * 100) }
      index.remove(target.key, target.doc, target.ord)
      index.add(target.key, after, target.ord)
      target.doc = after
    }
    const expected = [...docs]
      .sort((a, b) => a.doc.branch - b.doc.branch || b.doc.rank - a.doc.rank || a.ord - b.ord)
      .map((d) => d.key)
    expect(Array.from({ length: index.size }, (_, i) => index.entryAt(i).key)).toEqual(expected)
    const [start, end] = index.span([3])
    expect(end - start).toBe(docs.filter((d) => d.doc.branch === 3).length)
    expect(index.entryAt(start).vals[0]).toBe(3)
  })
})
