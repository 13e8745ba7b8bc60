/**
 * The weapp check has teeth: a tiny mini program passes it, and the same mini program with a `> *` rule, a
 * broken template and an unknown page-config field fails it, each named with its file (the rule also with
 * its .scss line). Runs `npm run check:weapp`'s script on the fixture, as CI runs it on dist/weapp.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..', '..')
const run = promisify(execFile)

const LIST_SCSS = `.list {
  display: flex;

  &__items {
    padding: 0;

    > * {
      margin-right: 20px;
    }
  }
}
`

/** A built mini program (as Taro writes it) and the .scss of its page, under a project root. */
function writeProject(faulty: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-check-fixture-'))
  const files: Record<string, string> = {
    'project.config.json': JSON.stringify({
      miniprogramRoot: 'dist/',
      appid: 'touristappid',
      compileType: 'miniprogram',
      setting: { es6: false, minified: true, minifyWXML: true, minifyWXSS: true },
    }),
    'dist/app.json': JSON.stringify({
      pages: ['pages/list/index'],
      window: { navigationBarTitleText: '支部通' },
      lazyCodeLoading: 'requiredComponents',
    }),
    'dist/app.js': 'App({})\n',
    'dist/app.wxss': '.page{color:#333}\n',
    'dist/pages/list/index.js': 'Page({ data: { items: ["学习", "汇报"] } })\n',
    'dist/pages/list/index.json': JSON.stringify(
      faulty ? { navigationBarTitleText: '列表', navigationBarTitleTxt: '列表' } : { navigationBarTitleText: '列表' },
    ),
    'dist/pages/list/index.wxml': faulty
      ? '<view class="list"><view class="list__items"><text wx:for="{{items}}" wx:key="*this">{{item}}</view></view>\n'
      : '<view class="list"><view class="list__items"><text wx:for="{{items}}" wx:key="*this">{{item}}</text></view></view>\n',
    'dist/pages/list/index.wxss': faulty
      ? '.list{display:flex}.list__items{padding:0}.list__items>*{margin-right:20rpx}\n'
      : '.list{display:flex}.list__items{padding:0}\n',
    'src/pages/list/index.scss': faulty ? LIST_SCSS : LIST_SCSS.replace(/\n\n {4}> \* \{\n.*\n {4}\}/, ''),
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

async function check(project: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'scripts', 'check-weapp.ts'), '--project', project],
      { cwd: ROOT },
    )
    return { code: 0, output: stdout + stderr }
  } catch (e) {
    const failed = e as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}

describe('npm run check:weapp', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('passes a mini program that WeChat accepts, offline, and prints its package sizes', async () => {
    const dir = writeProject(false)
    dirs.push(dir)
    const { code, output } = await check(dir)
    expect(output).toContain('0 error(s), 0 warning(s)')
    expect(output).toMatch(/main\s+\d+\.\d KB/)
    expect(code).toBe(0)
  }, 90_000)

  it('fails on a `> *` rule, a broken template and an unknown config field, naming each file', async () => {
    const dir = writeProject(true)
    dirs.push(dir)
    const { code, output } = await check(dir)
    expect(code).toBe(1)
    expect(output).toMatch(
      /error \[wcsc\] pages\/list\/index\.wxss:1:\d+ \(source: src\/pages\/list\/index\.scss:7\): error at token `\*`/,
    )
    expect(output).toMatch(/error \[wcc\] pages\/list\/index\.wxml:1:\d+: expect end-tag `text`/)
    expect(output).toMatch(/warning \[miniprogram-ci\] pages\/list\/index\.json: .*navigationBarTitleTxt/)
  }, 90_000)
})
