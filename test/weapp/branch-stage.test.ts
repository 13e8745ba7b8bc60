/**
 * The branch workspace's stage page on the weapp build, as the secretary (issue #17): it records through
 * the development file's step recorder — an extension of the probation (step 21) that the file then reads,
 * the one-year rule refused as a block (no override offered), and a late assessment (a warning) recorded
 * only with a reason, which the step keeps. Stored data is read back with the real SDK.
 */
import { describe, expect, it } from 'vitest'
import type { DevStepDoc } from '../../cloudfunctions/development/src/file'
import type { MemberDoc } from '../../cloudfunctions/_shared/models'
import { chinaDay } from '../../cloudfunctions/_shared/time'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { memberIdOf } from '../helpers/members'
import { findDocs } from '../helpers/sdk'
import { useWeappCloud } from './suite'
import { type WeappApp } from './weapp'

const world = useWeappCloud()
const SECRETARY = demoOpenid('T2016003') // 陈立华, branch-cs
const WU = memberIdOf('2021010208') // 吴佳怡, probationary
const ZHANG = memberIdOf('2022010107') // 张欣怡, activist of 11 months
const ZHAO = memberIdOf('2022010219') // 赵一鸣, second assessment missing
const today = chinaDay(new Date())

function stagePage(query: Record<string, string>): Promise<WeappApp> {
  return world.launch(SECRETARY, 'packages/branch/stage/index', query)
}

async function step(memberId: string, no: number): Promise<DevStepDoc | undefined> {
  return (await findDocs<DevStepDoc>(world.sdk, 'devSteps', { memberId, step: no }))[0]
}

describe('weapp: the stage page records steps of the development file', () => {
  it('延长预备期 is step 21: stored with its months and decision day', async () => {
    const app = await stagePage({ id: WU, mode: 'extend' })
    await app.page.waitForText('延长预备期')
    expect(app.page.text()).toContain('第三十二条')
    await app.page.tap('确认登记')
    expect(app.errors).toEqual([])
    expect(app.toasts).toContain('已登记')
    expect((await step(WU, 21))?.facts).toMatchObject({ extensionMonths: 6, extensionDecidedOn: today })
  })

  it('the one-year rule is a block: refused with its message, no override offered, nothing stored', async () => {
    const app = await stagePage({ id: ZHANG, mode: 'advance' })
    await app.page.waitForText('登记第 7 步：确定发展对象')
    await app.page.tap('确认登记')
    await app.page.waitForText('尚不能确定为发展对象')
    expect(app.page.text()).not.toContain('破例办理的理由')
    expect(await step(ZHANG, 7)).toBeUndefined()
    const [zhang] = await findDocs<MemberDoc>(world.sdk, 'members', { _id: ZHANG })
    expect(zhang.stage).toBe('activist')
  })

  it('a late assessment is a warning: the reason field appears, and the step keeps the reason', async () => {
    const app = await stagePage({ id: ZHAO, mode: 'assess' })
    await app.page.waitForText('登记积极分子考察')
    await app.page.tap('确认登记')
    await app.page.waitForText('破例办理的理由')
    expect(app.page.text()).toContain('间隔超过 6 个月')
    await app.page.input('破例的理由', '培养联系人外出挂职，经支委会研究顺延考察')
    await app.page.tap('破例办理并登记')
    expect(app.errors).toEqual([])
    const saved = await step(ZHAO, 6)
    expect(saved?.facts.assessments).toContain(today)
    expect(saved?.override?.reason).toBe('培养联系人外出挂职，经支委会研究顺延考察')
  })
})
