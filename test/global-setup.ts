import { buildFunctions } from '../scripts/build-functions'
import { ensureWeappBuild } from './weapp/build'

/** Tests run the real bundles the local cloud runs, so build them first (esbuild: well under a second). */
export default async function setup(): Promise<void> {
  await buildFunctions()
  // The weapp renderer's tests read dist/weapp: build it once here when missing or stale.
  ensureWeappBuild()
}
