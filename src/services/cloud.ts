/**
 * The runtime's transport. Taro resolves `./cloud` to `cloud.weapp.ts` or `cloud.h5.ts` at build time
 * (platform files); this neutral file is what tsc and unit tests see, and it type-checks both
 * platform files against the one `Transport` interface.
 */
import { transport as h5 } from './cloud.h5'
import { transport as weapp } from './cloud.weapp'
import type { Transport } from './transport'

export const transport: Transport = process.env.TARO_ENV === 'h5' ? h5 : weapp
