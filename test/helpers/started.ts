import { afterAll, beforeAll } from 'vitest'

/**
 * What a test file (or describe) starts before its tests and stops after them. The answer reads it, inside a
 * test: before `start` has finished it throws, so a test cannot run against nothing.
 */
export function startedForTests<T>(start: () => Promise<T>, stop: (started: T) => Promise<void>): () => T {
  let started: T | undefined
  beforeAll(async () => {
    started = await start()
  })
  afterAll(async () => {
    if (started !== undefined) await stop(started)
  })
  return () => {
    if (started === undefined) throw new Error('not started yet: read it inside a test')
    return started
  }
}
