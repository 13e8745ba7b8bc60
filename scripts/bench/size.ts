import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { buildIsStale } from '../h5-build'
import { join } from 'node:path'
import { kb, row, type Row } from './table'

const KB = 1024
/** Issue #21's budgets: the main package and each subpackage at most 400 KB (WeChat's own limits: 2 MB each, 20 MB). */
export const PACKAGE_BUDGET = { main: 400 * KB, sub: 400 * KB, total: 3 * KB * KB }
const BUDGET = PACKAGE_BUDGET

function bytesUnder(dir: string, skip?: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (skip && p === skip) continue
    if (entry.isDirectory()) total += bytesUnder(p, skip)
    else if (entry.isFile()) total += statSync(p).size
  }
  return total
}

/** Package size of the weapp build: the main package (everything outside packages/), each subpackage, total. */
export function packageSize(root: string): Row[] {
  const dist = join(root, 'dist', 'weapp')
  if (buildIsStale(join(dist, 'app.json'), root)) {
    console.log('[bench] dist/weapp missing or stale: npm run build:weapp')
    execSync('npm run build:weapp', { cwd: root, stdio: 'inherit' })
  }
  const packagesDir = join(dist, 'packages')
  const main = bytesUnder(dist, packagesDir)
  const rows: Row[] = [row('size', 'main package', kb(main), `<= ${kb(BUDGET.main)}`, main <= BUDGET.main)]
  let total = main
  const subs = existsSync(packagesDir)
    ? readdirSync(packagesDir, { withFileTypes: true }).filter((e) => e.isDirectory())
    : []
  for (const sub of subs.sort((a, b) => a.name.localeCompare(b.name))) {
    const bytes = bytesUnder(join(packagesDir, sub.name))
    total += bytes
    rows.push(row('size', `packages/${sub.name}`, kb(bytes), `<= ${kb(BUDGET.sub)}`, bytes <= BUDGET.sub))
  }
  rows.push(row('size', 'total', kb(total), '<= 3 MB', total <= BUDGET.total))
  return rows
}
