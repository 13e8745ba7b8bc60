/**
 * The role-specific parts of the tab pages (src/components/LazyPart, config/lazy-parts.ts): on weapp their code sits
 * in subpackages and loads with `require.async` — shown once downloaded, 重试 after a failed download — and the
 * main package does not carry it.
 */
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSeeded, type Seeded } from './cases'
import { useWeappCloud } from './suite'
import { WEAPP_ROOT } from './weapp'

const world = useWeappCloud()
const { launch } = world
let seeded: Seeded

beforeAll(async () => {
  seeded = await readSeeded(world.cloud)
})

const ROOT = resolve(__dirname, '..', '..')

interface Ci {
  Project: new (options: object) => object
  DefaultProjectAttr: object
}
type Codes = Record<string, Buffer>
type FilterUnusedFile = (isDev: boolean, project: object, codes: Codes) => Promise<Codes>

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
}

/**
 * The files WeChat's upload keeps from dist/weapp with project.config.json's `ignoreUploadUnusedFiles`: miniprogram-ci's
 * own filter (its code analysis follows require and require.async with literal paths), offline.
 */
async function uploadedFiles(): Promise<string[]> {
  const req = createRequire(join(ROOT, 'package.json'))
  const ci = req('miniprogram-ci') as Ci
  const { filterUnusedFile } = req('miniprogram-ci/dist/ci/utils/filterUnusedFile.js') as {
    filterUnusedFile: FilterUnusedFile
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ignores: [],
    attr: async () => ci.DefaultProjectAttr,
  })
  const codes: Codes = {}
  for (const file of filesOf(WEAPP_ROOT)) codes[file] = readFileSync(join(WEAPP_ROOT, file))
  return Object.keys(await filterUnusedFile(false, project, codes))
}

const PARTS = [
  { file: 'packages/meeting/lazy/manager-home.js', marker: '发起会议' },
  { file: 'packages/review/lazy/review-queue.js', marker: '待审阅' },
]

describe('lazy parts on weapp', () => {
  it.each(PARTS)(
    '$file is in its subpackage, required by literal path from runtime.js, absent from the tab page',
    ({ file, marker }) => {
      expect(existsSync(join(WEAPP_ROOT, file))).toBe(true)
      expect(readFileSync(join(WEAPP_ROOT, file), 'utf8')).toContain(marker)
      // A literal path: WeChat's upload keeps only files it sees required (ignoreUploadUnusedFiles).
      expect(readFileSync(join(WEAPP_ROOT, 'runtime.js'), 'utf8')).toContain(`require.async("./${file}")`)
      for (const tab of ['checkin', 'report'])
        expect(readFileSync(join(WEAPP_ROOT, 'pages', tab, 'index.js'), 'utf8')).not.toContain(marker)
    },
  )

  it("WeChat's upload keeps the lazy parts' files (ignoreUploadUnusedFiles is on)", async () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as {
      setting: { ignoreUploadUnusedFiles?: boolean }
    }
    expect(config.setting.ignoreUploadUnusedFiles).toBe(true)
    const kept = await uploadedFiles()
    for (const { file } of PARTS) expect(kept).toContain(file)
  }, 120_000)

  it("the secretary's 签到 tab shows the manager's part, which opens the meeting form", async () => {
    const app = await launch(seeded.personas.secretary.openid, 'pages/checkin/index')
    await app.page.waitForText('发起会议')
    expect(app.errors).toEqual([])
    await app.page.tap('发起会议')
    expect(app.page.route).toBe('packages/meeting/edit/index')
  })

  it("a failed download of the secretary's review queue shows 重试, which loads it once the network is back", async () => {
    const pending = seeded.pendingReport
    const app = await launch(
      seeded.personas.secretary.openid,
      'pages/report/index',
      {},
      {
        unreachablePackages: ['packages/review'],
      },
    )
    await app.page.waitForText('重试')
    expect(app.page.text()).toContain('网络不太顺畅')
    app.unreachablePackages.delete('packages/review')
    await app.page.tap(/^重试$/)
    await app.page.waitForText(pending.memberName)
    // React reports the error its boundary caught (console.error): webpack's, for that file; nothing else failed.
    expect(app.errors).toHaveLength(1)
    expect(app.errors[0].message).toMatch(/^ChunkLoadError: .*\n\(error: \/packages\/review\/lazy\/review-queue\.js\)/)
  })

  it('an error while the loaded part renders is not reported as a failed download', async () => {
    // The server's answer lacks the list the queue renders: a bug in the part, not the network.
    const app = await launch(
      seeded.personas.secretary.openid,
      'pages/report/index',
      {},
      {
        rewriteResult: (name, action, result) =>
          name === 'report' && action === 'listForReview' ? { ...(result as object), data: {} } : result,
      },
    )
    await app.page.waitForText('重试')
    expect(app.page.text()).toContain('这部分页面出错了')
    expect(app.page.text()).not.toContain('网络')
    expect(app.errors).toHaveLength(1)
    expect(app.errors[0].message).not.toMatch(/ChunkLoadError/)
  })
})
