import { afterEach, describe, expect, it } from 'vitest'
import { CallLog } from '../../local-cloud/src/functions/call-log'

/**
 * The call log's garbage-collection share (issue #21's growth figures): the local cloud keeps the whole
 * dataset in its own heap, so the bench reports server time with and without the emulator's pauses.
 */
let log: CallLog

afterEach(() => log.close())

/** Makes the main thread collect: many short-lived objects force young-generation collections. */
function makeGarbage(): number {
  let kept = 0
  for (let round = 0; round < 20; round++) {
    const junk = Array.from({ length: 50_000 }, (_, i) => ({ i, text: `item ${i}` }))
    kept += junk.length
  }
  return kept
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('call log', () => {
  it('counts the main thread’s GC pauses inside a call, never more than its wall time', async () => {
    log = new CallLog(10)
    log.start({ callId: 'c1', fn: 'f', action: 'a', openid: null, parentCallId: null })
    expect(makeGarbage()).toBeGreaterThan(0)
    log.finish('c1', 'returned', null)
    await tick()
    const [record] = log.recent(1)
    expect(record.ms).toBeGreaterThan(0)
    expect(record.gcMs).toBeGreaterThan(0)
    expect(record.gcMs).toBeLessThanOrEqual(record.ms ?? 0)
  })

  it('leaves pauses outside the call out of it', async () => {
    log = new CallLog(10)
    makeGarbage()
    log.start({ callId: 'c2', fn: 'f', action: 'a', openid: null, parentCallId: null })
    log.finish('c2', 'returned', null)
    makeGarbage()
    await tick()
    expect(log.get('c2')?.gcMs).toBe(0)
  })
})
