import { afterAll, beforeAll } from 'vitest'
import { adminSdk } from '../../helpers/sdk'
import { startE2ESession, type E2ESession } from './session'

/** A describe's session, read inside its tests, with the real SDK on its cloud (`sdk`). */
export interface E2EWorld extends Omit<E2ESession, 'close'> {
  readonly sdk: ReturnType<typeof adminSdk>
}

/**
 * One session for a describe: started before its tests, closed after them (call it in the describe's body).
 * Its parts are getters, so they are read when a test runs.
 */
export function useE2ESession(): E2EWorld {
  let started: { session: E2ESession; sdk: ReturnType<typeof adminSdk> } | undefined
  beforeAll(async () => {
    const session = await startE2ESession()
    started = { session, sdk: adminSdk(session.cloud.url) }
  })
  afterAll(async () => {
    await started?.session.close()
  })
  const world = (): NonNullable<typeof started> => {
    if (!started) throw new Error('the e2e session has not started: read it inside a test')
    return started
  }
  return {
    get cloud() {
      return world().session.cloud
    },
    get browser() {
      return world().session.browser
    },
    get sdk() {
      return world().sdk
    },
    signIn: (name) => world().session.signIn(name),
    newPhone: () => world().session.newPhone(),
  }
}
