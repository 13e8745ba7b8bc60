import { buildFunctions } from '../scripts/build-functions'

export default async function setup(): Promise<void> {
  await buildFunctions()
}
