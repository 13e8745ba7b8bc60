import { describe, expect, it, vi } from 'vitest'
import type { DevPersona } from '../../src/services/transport'
import { taroDouble } from './taro-double'

const { Taro } = taroDouble()
vi.mock('@tarojs/taro', () => ({ default: Taro }))

const { groupPersonas } = await import('../../src/packages/account/persona/group')
const { DEMO_BINDINGS } = await import('../../src/packages/account/persona/demo-binding')
const { DEMO_BIND_CODES, PEOPLE } = await import('../../local-cloud/src/seed/people')
const { formatBindCode } = await import('../../cloudfunctions/_shared/bind-code-text')
const { freshIdentity, getIdentity, setIdentity, clearIdentity } = await import('../../src/services/identity')

const p = (name: string, role: DevPersona['role'], branchName: string | null): DevPersona => ({
  openid: `o-${name}`,
  name,
  role,
  branchId: branchName,
  branchName,
  stage: 'full',
})

describe('persona picker', () => {
  it('puts 院党委 and 支部书记 first, then students grouped by branch', () => {
    const groups = groupPersonas([
      p('甲', 'student', '一支部'),
      p('乙', 'secretary', '一支部'),
      p('丙', 'committee', null),
      p('丁', 'student', '二支部'),
      p('戊', 'student', '一支部'),
    ])
    expect(groups.map((g) => [g.title, g.people.map((x) => x.name)])).toEqual([
      ['院党委', ['丙']],
      ['支部书记', ['乙']],
      ['学生 · 一支部', ['甲', '戊']],
      ['学生 · 二支部', ['丁']],
    ])
  })

  it('remembers the chosen identity and ignores anything malformed in storage', () => {
    setIdentity({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
    expect(getIdentity()).toEqual({ openid: 'o-dev-1', name: '张欣怡', role: 'student' })
    Taro.setStorageSync('zbt:dev-identity', { openid: 42 })
    expect(getIdentity()).toBeNull()
    clearIdentity()
    expect(getIdentity()).toBeNull()
  })

  it('makes a fresh random openid for trying the bind flow', () => {
    const a = freshIdentity()
    const b = freshIdentity()
    expect(a.openid).toMatch(/^dev-new-[0-9a-z]{12}$/)
    expect(a.openid).not.toBe(b.openid)
    expect(a.name).toBeNull()
  })

  it('shows the unbound seed entries with their demo binding codes', () => {
    const unbound = PEOPLE.filter((x) => !x.bound)
    expect(DEMO_BINDINGS.map((d) => d.studentNo).sort()).toEqual(unbound.map((x) => x.studentNo).sort())
    for (const d of DEMO_BINDINGS) {
      expect(d.name).toBe(PEOPLE.find((x) => x.studentNo === d.studentNo)?.name)
      expect(d.code).toBe(formatBindCode(DEMO_BIND_CODES[d.studentNo]))
    }
  })
})
