import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { adminSdk } from '../helpers/sdk'
import { startedForTests } from '../helpers/started'
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
  const apps: WeappApp[] = []
  const world = startedForTests(
    async () => {
      const cloud = await startLocalCloud()
      return { cloud, sdk: adminSdk(cloud.url) }
    },
    async ({ cloud }) => {
      for (const app of apps) app.close()
      await cloud.stop()
    },
  )
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
