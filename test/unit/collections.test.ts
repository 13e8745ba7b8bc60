import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COLLECTION_NAMES } from '../../cloudfunctions/_shared/collections'

describe('Collections', () => {
  it('types every collection of collections.json, and only those', () => {
    const declared = Object.keys(
      (JSON.parse(readFileSync('cloudfunctions/collections.json', 'utf8')) as { collections: Record<string, unknown> })
        .collections,
    )
    expect([...COLLECTION_NAMES].sort()).toEqual(declared.sort())
  })
})
