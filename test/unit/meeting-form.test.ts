import { describe, expect, it, vi } from 'vitest'
import { taroDouble } from './taro-double'

vi.mock('@tarojs/taro', () => ({ default: taroDouble().Taro }))

const { blankForm, meetingFormProblem, requestOf } = await import('../../src/packages/meeting/edit/form')

/** The 发起会议 form's rules (issue #16): what the button waits for, and an end before the start named as such. */
describe('meeting form', () => {
  const filled = { ...blankForm(), title: '学习身边榜样', place: '学院党员活动室', date: '2026-12-10' }

  it('names what the submit button waits for, field by field', () => {
    expect(meetingFormProblem(blankForm())).toBe('请填写会议主题')
    expect(meetingFormProblem({ ...filled, title: '学' })).toBe('会议主题至少 2 个字')
    expect(meetingFormProblem({ ...filled, place: ' ' })).toBe('请填写会议地点')
    expect(meetingFormProblem({ ...filled, audience: 'chosen', memberIds: [] })).toBe('请选择参会人员')
    expect(meetingFormProblem({ ...filled, start: '14:00', end: '16:00' })).toBeNull()
  })

  it('says an end before the start is before the start (not 「超过 12 小时」), and sends it as such', () => {
    const backwards = { ...filled, start: '14:00', end: '12:00' }
    expect(meetingFormProblem(backwards)).toBe('结束时间应晚于开始时间')
    const req = requestOf(backwards)
    expect(new Date(req.endAt).getTime()).toBeLessThan(new Date(req.startAt).getTime())
  })

  it('still takes an evening meeting that ends after midnight', () => {
    const late = { ...filled, start: '20:00', end: '00:30' }
    expect(meetingFormProblem(late)).toBeNull()
    const req = requestOf(late)
    expect(new Date(req.endAt).getTime() - new Date(req.startAt).getTime()).toBe(4.5 * 3_600_000)
  })
})
