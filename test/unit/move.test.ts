import { describe, expect, it } from 'vitest'
import { swapped } from '../../src/utils/move'

describe('swapped (上移 / 下移 in the article and report editors)', () => {
  it.each([
    { index: 1, by: -1 as const, want: ['b', 'a', 'c'] },
    { index: 1, by: 1 as const, want: ['a', 'c', 'b'] },
    { index: 0, by: -1 as const, want: null },
    { index: 2, by: 1 as const, want: null },
  ])('moves item $index by $by', ({ index, by, want }) => {
    const list = ['a', 'b', 'c']
    expect(swapped(list, index, by)).toEqual(want)
    expect(list).toEqual(['a', 'b', 'c'])
  })
})
