import { afterAll, beforeAll } from 'vitest'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk } from '../helpers/sdk'
import { WeappApp, type WeappOptions } from './weapp'

/** A test file's local cloud and the weapp apps launched on it, read inside its tests. */
export interface WeappWorld {
  readonly cloud: LocalCloud
  /** The real SDK on the cloud, to read back what the pages stored. */
  readonly sdk: ReturnType<typeof adminSdk>
  /** The build opened on `route` as `openid`; closed after the file's tests. */
  launch(
    openid: string | null,
    route: string,
    query?: Record<string, string>,
    options?: Omit<WeappOptions, 'cloudUrl' | 'openid'>,
  ): Promise<WeappApp>
}

/** One seeded local cloud for a weapp test file: started before its tests, stopped (with its apps) after them. */
export function useWeappCloud(): WeappWorld {
  let started: { cloud: LocalCloud; sdk: ReturnType<typeof adminSdk> } | undefined
  const apps: WeappApp[] = []
  beforeAll(async () => {
    const cloud = await startLocalCloud()
    started = { cloud, sdk: adminSdk(cloud.url) }
  })
  afterAll(async () => {
    for (const app of apps) app.close()
    await started?.cloud.stop()
  })
  const world = (): NonNullable<typeof started> => {
    if (!started) throw new Error('the local cloud has not started: read it inside a test')
    return started
  }
  return {
    get cloud() {
      return world().cloud
    },
    get sdk() {
      return world().sdk
    },
    async launch(openid, route, query = {}, options = {}) {
      const app = await WeappApp.launch({ ...options, cloudUrl: world().cloud.url, openid }, route, query)
      apps.push(app)
      return app
    },
  }
}
