import { describe, expect, it } from 'vitest'
import { ranked } from '../../cloudfunctions/_shared/ranking'

describe('competition ranking', () => {
  it('gives equal values one rank and skips the next (1, 2, 2, 4)', () => {
    const rows = [{ v: 9 }, { v: 7 }, { v: 7 }, { v: 3 }, { v: 0 }]
    expect(ranked(rows, (r) => r.v).map((r) => r.rank)).toEqual([1, 2, 2, 4, 5])
    expect(ranked([], (r: { v: number }) => r.v)).toEqual([])
  })
})
