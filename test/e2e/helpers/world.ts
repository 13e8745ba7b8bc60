import { startedForTests } from '../../helpers/started'
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
  const world = startedForTests(
    async () => {
      const session = await startE2ESession()
      return { session, sdk: adminSdk(session.cloud.url) }
    },
    ({ session }) => session.close(),
  )
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
