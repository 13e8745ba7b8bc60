import { describe, expect, it } from 'vitest'
import { MediaUrls } from '../../cloudfunctions/study/src/media-urls'

const MIN = 60_000

/** A storage that signs each URL with the time it was asked, and records what it was asked for. */
function storage(clock: { now: number }, missing: string[] = []) {
  const asked: string[][] = []
  const fetch = async (ids: string[]) => {
    asked.push(ids)
    return new Map(ids.filter((id) => !missing.includes(id)).map((id) => [id, `https://files/${id}?at=${clock.now}`]))
  }
  return { asked, fetch }
}

describe('article media URLs kept by a function instance', () => {
  it('asks the storage only for files it holds no URL for, and reuses a URL while an hour of it remains', async () => {
    const clock = { now: 0 }
    const s = storage(clock)
    const urls = new MediaUrls(s.fetch, { validMs: 120 * MIN, minLeftMs: 60 * MIN, max: 10 }, () => clock.now)
    const first = await urls.of(['a', 'b', null, 'a', undefined, ''])
    expect([...first.keys()]).toEqual(['a', 'b'])
    expect(s.asked).toEqual([['a', 'b']])

    clock.now = 30 * MIN
    const second = await urls.of(['b', 'c'])
    expect(second.get('b')).toBe(first.get('b'))
    expect(s.asked[1]).toEqual(['c'])

    // Less than an hour left on a and b: fresh ones; c (30 min younger) is still good.
    clock.now = 61 * MIN
    const third = await urls.of(['a', 'b', 'c'])
    expect(s.asked[2]).toEqual(['a', 'b'])
    expect(third.get('a')).toBe(`https://files/a?at=${61 * MIN}`)
    expect(third.get('c')).toBe(second.get('c'))
  })

  it('keeps no entry for a missing file, and forgets the oldest URLs beyond its size', async () => {
    const clock = { now: 0 }
    const s = storage(clock, ['gone'])
    const urls = new MediaUrls(s.fetch, { validMs: 120 * MIN, minLeftMs: 60 * MIN, max: 2 })
    expect((await urls.of(['gone', 'x'])).has('gone')).toBe(false)
    expect(s.asked.at(-1)).toEqual(['gone', 'x'])
    await urls.of(['y', 'z'])
    await urls.of(['x', 'z', 'gone'])
    expect(s.asked.at(-1)).toEqual(['x', 'gone'])
  })
})
