import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NATIONAL_CALENDARS, WorkCalendar } from '../../cloudfunctions/development/src/calendar'
import type {
  CalendarView,
  ExportResult,
  FileView,
  ProblemsResult,
  RecordResult,
  RulesView,
  UpcomingResult,
} from '../../cloudfunctions/development/src/contract'
import type { DevStepDoc } from '../../cloudfunctions/development/src/file'
import { addMonths, RULES } from '../../cloudfunctions/development/src/rules'
import type { Result } from '../../cloudfunctions/_shared/envelope'
import type {
  DashboardResult,
  MemberDetail,
  MembersResult,
  RemindersResult,
} from '../../cloudfunctions/branch/src/contract'
import { STAGE_STEP, STAGES, type Stage } from '../../cloudfunctions/_shared/domain'
import type { AuditDoc, CollegeDoc, MemberDoc } from '../../cloudfunctions/_shared/models'
import { addDays as shift, chinaDay } from '../../cloudfunctions/_shared/time'
import { demoOpenid } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { holidayEve } from '../helpers/development'
import { memberIdOf } from '../helpers/members'
import { data, expectError } from '../helpers/results'
import { docxXml, pdfText, xmlText } from '../helpers/documents'
import JSZip from 'jszip'
import { PDFDocument } from 'pdf-lib'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { adminSdk, findDocs } from '../helpers/sdk'
import { COMMITTEE } from '../helpers/personas'

/**
 * 发展党员全程纪实 (issue #17) through the gateway and the real SDK on a freshly seeded local cloud: every
 * rule of the file (blocks refuse, warnings need a reason that is kept and audited), dates in order with
 * both dates named in Chinese, the working-day calendar with holidays and unconfigured years, the branch
 * meeting's quorum, materials (own uploads, checked by whom), the student's position, the secretary's
 * next 30 days and the college's files with problems. Refused requests change nothing.
 */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const SECRETARY = demoOpenid('T2016003') // 陈立华, branch-cs
const SE_SECRETARY_NO = 'T2017002'
const ZHAO = memberIdOf('2022010219') // 赵一鸣, activist 18 months, branch-cs
const ZHANG = memberIdOf('2022010107') // 张欣怡, activist 11 months
const HUANG = memberIdOf('2021010105') // 黄诗涵, candidate whose 公示 spans a holiday
const ZHOU = memberIdOf('2021010122') // 周俊杰, candidate 8 months
const WU = memberIdOf('2021010208') // 吴佳怡, probationary 11 months
const WANG = memberIdOf('2023010101') // 王思远, applicant
const TWO_DATES = /\d{4}年\d{1,2}月\d{1,2}日[\s\S]*\d{4}年\d{1,2}月\d{1,2}日/
const today = chinaDay(new Date())

function call<T>(action: string, params: Record<string, unknown>, openid: string): Promise<Result<T>> {
  return cloud.call<Result<T>>('development', { action, ...params }, openid)
}

async function steps(memberId: string): Promise<DevStepDoc[]> {
  return findDocs<DevStepDoc>(sdk, 'devSteps', { memberId })
}

async function member(id: string): Promise<MemberDoc> {
  const [m] = await findDocs<MemberDoc>(sdk, 'members', { _id: id })
  return m
}

/** A refused request leaves the member and their file as they were. */
async function unchanged<T>(memberId: string, run: () => Promise<T>): Promise<T> {
  const before = JSON.stringify([await member(memberId), (await steps(memberId)).sort((a, b) => a.step - b.step)])
  const out = await run()
  expect(JSON.stringify([await member(memberId), (await steps(memberId)).sort((a, b) => a.step - b.step)])).toBe(before)
  return out
}

beforeAll(async () => {
  cloud = await startLocalCloud()
  sdk = adminSdk(cloud.url)
})

afterAll(async () => {
  await cloud?.stop()
})

describe('rules carry their source', () => {
  it('every rule names its text and article, with its severity and this college’s value', async () => {
    const res = data(await call<RulesView>('rules', {}, SECRETARY))
    expect(res.rules.map((r) => r.id).sort()).toEqual(RULES.map((r) => r.id).sort())
    for (const r of res.rules) {
      expect(r.text.length).toBeGreaterThan(8)
      expect(r.article).toMatch(/《中国共产党发展党员工作细则》第|本院/)
      expect(['block', 'warn']).toContain(r.severity)
    }
    expect(res.rules.find((r) => r.id === 'activist-year')).toMatchObject({
      value: 12,
      article: '《中国共产党发展党员工作细则》第十三条',
    })
    expect(res.rules.find((r) => r.id === 'publicity-days')).toMatchObject({ value: 5, unit: '个工作日' })
    expect(
      res.materials
        .find((m) => m.step === 10)
        ?.items.map((i) => i.label)
        .join(),
    ).toMatch(/函调/)
  })
})

describe('the working-day calendar', () => {
  it('knows the national holidays and make-up days; an unconfigured year is said so; only the committee edits', async () => {
    const y2026 = data(await call<CalendarView>('calendar', { year: 2026 }, SECRETARY))
    expect(y2026).toMatchObject({ configured: true, origin: 'national', canEdit: false })
    expect(y2026.holidays).toContain('2026-10-01')
    expect(y2026.workdays).toContain('2026-10-10')
    const cal = WorkCalendar.of([])
    expect(cal.isWorkingDay('2026-10-10')).toBe(true) // a Saturday worked
    expect(cal.isWorkingDay('2026-10-05')).toBe(false) // a Monday off
    expect(cal.endOfWorkingDays('2026-09-28', 5)).toMatchObject({ end: '2026-10-09', unconfigured: [] })
    const next = Math.max(...NATIONAL_CALENDARS.map((c) => c.year)) + 1
    expect(data(await call<CalendarView>('calendar', { year: next }, SECRETARY))).toMatchObject({
      configured: false,
      origin: 'none',
    })

    const body = {
      year: next,
      holidays: [`${next}-01-01`],
      workdays: [],
      source: `国务院办公厅关于${next}年部分节假日安排的通知`,
    }
    expectError(await call('saveCalendar', body, SECRETARY), 'FORBIDDEN')
    expectError(await call('saveCalendar', { ...body, holidays: [`${next + 1}-01-01`] }, COMMITTEE), 'INVALID_ARGUMENT')
    expect((await findDocs(sdk, 'workCalendars', {})).length).toBe(0)
  })
})

describe('a secretary takes an activist through 确定发展对象', () => {
  it('refuses a date before one year as activist, in the future, or before 培养考察, naming the dates', async () => {
    const file = data(await call<FileView>('file', { memberId: ZHAO }, SECRETARY))
    const activist = file.phases[1].steps.find((s) => s.no === 3)?.date as string
    const assessed = file.phases[1].steps.find((s) => s.no === 6)?.date as string
    expect(file.position.next).toMatchObject({ step: 7, from: addMonths(activist, 12) })

    const publicity = { start: today, objections: 0 }
    const early = await unchanged(ZHAO, () =>
      call(
        'recordStep',
        { memberId: ZHAO, step: 7, date: shift(addMonths(activist, 12), -1), facts: { publicity } },
        SECRETARY,
      ),
    )
    expect(expectError(early, 'FAILED_PRECONDITION').message).toMatch(/满 12 个月/)
    const future = await unchanged(ZHAO, () =>
      call(
        'recordStep',
        {
          memberId: ZHAO,
          step: 7,
          date: shift(today, 1),
          facts: { publicity: { start: shift(today, 1), objections: 0 } },
        },
        SECRETARY,
      ),
    )
    expect(expectError(future, 'FAILED_PRECONDITION').message).toMatch(TWO_DATES)
    const beforeAssessment = await unchanged(ZHAO, () =>
      call('recordStep', { memberId: ZHAO, step: 7, date: shift(assessed, -1), facts: { publicity } }, SECRETARY),
    )
    expect(expectError(beforeAssessment, 'FAILED_PRECONDITION').message).toMatch(/早于第 6 步「培养教育考察」的日期/)
    expect(expectError(beforeAssessment, 'FAILED_PRECONDITION').message).toMatch(TWO_DATES)
  })

  it('records it with a 公示 across a national holiday: the end skips the holiday; stage, audit and file follow', async () => {
    const file = data(await call<FileView>('file', { memberId: ZHAO }, SECRETARY))
    const from = file.position.next?.from as string
    const cal = WorkCalendar.of([])
    // The latest holiday block after the day he became eligible whose eve is in the past.
    const eve = holidayEve(from, today)
    const expected = cal.endOfWorkingDays(eve, 5)
    expect(expected.skipped.length).toBeGreaterThan(0)

    const res = data(
      await call<RecordResult>(
        'recordStep',
        {
          memberId: ZHAO,
          step: 7,
          date: eve,
          facts: { publicity: { start: eve, objections: 0, handling: '未收到反映' } },
        },
        SECRETARY,
      ),
    )
    const seven = res.file.phases[2].steps.find((s) => s.no === 7)
    expect(seven).toMatchObject({ state: 'done', date: eve, raw: { publicityStart: eve, publicityEnd: expected.end } })
    expect(res.file.member.stage).toBe('candidate')
    const stored = await member(ZHAO)
    expect(stored.stage).toBe('candidate')
    expect(stored.stageDates.candidate).toBe(eve)
    const [doc] = (await steps(ZHAO)).filter((s) => s.step === 7)
    expect(doc.facts.publicity?.end).toBe(expected.end)
    const audits = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.recordStep', targetId: ZHAO })
    expect(audits[0].detail).toMatchObject({ step: 7, before: null, after: { date: eve } })

    // 备案 must come after the 公示 ends: both dates named.
    const filed = await unchanged(ZHAO, () =>
      call('recordStep', { memberId: ZHAO, step: 8, date: expected.end, facts: {} }, SECRETARY),
    )
    expect(expectError(filed, 'FAILED_PRECONDITION').message).toMatch(/应在公示结束/)
  })

  it('nobody records on their own file; another branch’s member does not exist for a secretary', async () => {
    const own = memberIdOf('T2016003')
    expectError(await call('recordStep', { memberId: own, step: 1, date: today, facts: {} }, SECRETARY), 'FORBIDDEN')
    expectError(await call('file', { memberId: memberIdOf('2022020109') }, SECRETARY), 'NOT_FOUND')
    expectError(await call('recordStep', { memberId: ZHAO, step: 7, date: 'yesterday' }, SECRETARY), 'INVALID_ARGUMENT')
  })
})

describe('every rule of the steps', () => {
  it('谈话 within one month is a warning: refused without a reason, kept with one', async () => {
    const file = data(await call<FileView>('file', { memberId: WANG }, SECRETARY))
    const applied = file.phases[0].steps[0].date as string
    const late = shift(addMonths(applied, 1), 2)
    if (late > today) return // the seeded applicant applied too recently to be late
    const people = [{ role: 'talker', name: '陈立华' }]
    const refused = await unchanged(WANG, () =>
      call('recordStep', { memberId: WANG, step: 2, date: late, people }, SECRETARY),
    )
    const warned = expectError(refused, 'FAILED_PRECONDITION')
    expect(warned.message).toMatch(/超过 1 个月[\s\S]*破例理由/)
    expect(warned.reason).toBe('stageRuleBroken')
    const ok = data(
      await call<RecordResult>(
        'recordStep',
        { memberId: WANG, step: 2, date: late, people, override: { reason: '申请人暑期社会实践在外地，返校后即谈话' } },
        SECRETARY,
      ),
    )
    expect(ok.warnings[0]).toMatch(/超过 1 个月/)
    expect(ok.file.phases[0].steps[1].override?.reason).toMatch(/暑期/)
  })

  it('培养联系人 one or two; 考察 every six months', async () => {
    const three = ['甲老师', '乙老师', '丙老师'].map((name) => ({ role: 'contact', name }))
    const refused = await unchanged(ZHANG, () =>
      call('recordStep', { memberId: ZHANG, step: 5, date: today, people: three }, SECRETARY),
    )
    expect(expectError(refused, 'FAILED_PRECONDITION').message).toMatch(/一至两名/)
    const gap = await unchanged(ZHANG, () =>
      call('recordStep', { memberId: ZHANG, step: 6, date: today, facts: { assessments: [] } }, SECRETARY),
    )
    expect(expectError(gap, 'FAILED_PRECONDITION').message).toMatch(/间隔超过 6 个月/)
  })

  it('介绍人 two; 培训 24 学时; 志愿书 after 预审; no admission without 政审; 预审 warns of leaving within 3 months', async () => {
    const one = await unchanged(ZHAO, () =>
      call(
        'recordStep',
        { memberId: ZHAO, step: 9, date: today, people: [{ role: 'introducer', name: '李老师' }] },
        SECRETARY,
      ),
    )
    expect(expectError(one, 'FAILED_PRECONDITION').message).toMatch(/两名正式党员/)
    const short = await unchanged(ZHAO, () =>
      call('recordStep', { memberId: ZHAO, step: 11, date: today, facts: { trainingHours: 16 } }, SECRETARY),
    )
    expect(expectError(short, 'FAILED_PRECONDITION').message).toMatch(/少于 24 学时/)
    const volunteer = await unchanged(ZHAO, () =>
      call('recordStep', { memberId: ZHAO, step: 14, date: today }, SECRETARY),
    )
    expect(expectError(volunteer, 'FAILED_PRECONDITION').message).toMatch(/预审尚未登记/)
    const vote = { expected: 20, present: 18, for: 18, against: 0, abstain: 0 }
    const admit = await unchanged(ZHAO, () =>
      call('recordStep', { memberId: ZHAO, step: 15, date: today, facts: { vote } }, SECRETARY),
    )
    expect(expectError(admit, 'FAILED_PRECONDITION').message).toMatch(/未经政治审查不能发展入党/)

    // 周俊杰 has 政审 and training on file: 支委会审查, then 预审 with his graduation in two months.
    data(await call('recordStep', { memberId: ZHOU, step: 12, date: shift(today, -3) }, SECRETARY))
    const leaving = await unchanged(ZHOU, () =>
      call(
        'recordStep',
        { memberId: ZHOU, step: 13, date: shift(today, -2), facts: { leavesOn: addMonths(today, 2) } },
        SECRETARY,
      ),
    )
    expect(expectError(leaving, 'FAILED_PRECONDITION').message).toMatch(/不足 3 个月/)
    data(
      await call(
        'recordStep',
        { memberId: ZHOU, step: 13, date: shift(today, -2), facts: { leavesOn: addMonths(today, 8) } },
        SECRETARY,
      ),
    )
    data(await call('recordStep', { memberId: ZHOU, step: 14, date: shift(today, -1) }, SECRETARY))
  })

  it('the branch meeting: no quorum is refused with its message; 思想汇报 count warns; then 预备党员', async () => {
    const noQuorum = await unchanged(ZHOU, () =>
      call(
        'recordStep',
        {
          memberId: ZHOU,
          step: 15,
          date: today,
          facts: { vote: { expected: 20, present: 10, for: 10, against: 0, abstain: 0 } },
        },
        SECRETARY,
      ),
    )
    expect(expectError(noQuorum, 'FAILED_PRECONDITION').message).toMatch(/应到 20 人，实到 10 人，未超过半数/)
    const notPassed = await unchanged(ZHOU, () =>
      call(
        'recordStep',
        {
          memberId: ZHOU,
          step: 15,
          date: today,
          facts: { vote: { expected: 20, present: 15, for: 10, against: 5, abstain: 0 } },
        },
        SECRETARY,
      ),
    )
    expect(expectError(notPassed, 'FAILED_PRECONDITION').message).toMatch(/未通过/)
    const vote = { expected: 20, present: 15, for: 14, against: 1, abstain: 0 }
    const first = await call<RecordResult>(
      'recordStep',
      { memberId: ZHOU, step: 15, date: today, facts: { vote } },
      SECRETARY,
    )
    const done = first.ok
      ? first.data
      : data(
          await call<RecordResult>(
            'recordStep',
            {
              memberId: ZHOU,
              step: 15,
              date: today,
              facts: { vote },
              override: { reason: '纸质思想汇报已审阅，尚未录入系统' },
            },
            SECRETARY,
          ),
        )
    expect(done.file.member.stage).toBe('probationary')
    expect((await member(ZHOU)).stageDates.probationary).toBe(today)
  })

  it('审批 within three months warns, beyond six is refused', async () => {
    const file = data(await call<FileView>('file', { memberId: WU }, COMMITTEE))
    const meeting = file.phases[3].steps.find((s) => s.no === 15)?.date as string
    // Her later steps removed so that only the 审批 rule speaks (fixture through the SDK).
    for (const no of [17, 18, 19, 20]) await sdk.database().collection('devSteps').doc(`${WU}:${no}`).remove()
    const talk = file.phases[3].steps.find((s) => s.no === 16)?.date as string
    const four = addMonths(meeting, 4)
    const warned = await unchanged(WU, () =>
      call('recordStep', { memberId: WU, step: 17, date: four < talk ? talk : four }, COMMITTEE),
    )
    expect(expectError(warned, 'FAILED_PRECONDITION').message).toMatch(/超过 3 个月/)
    const seven = addMonths(meeting, 7)
    if (seven <= today) {
      const refused = await unchanged(WU, () =>
        call(
          'recordStep',
          { memberId: WU, step: 17, date: seven, override: { reason: '院党委会议延期召开' } },
          COMMITTEE,
        ),
      )
      expect(expectError(refused, 'FAILED_PRECONDITION').message).toMatch(/超过六个月/)
    }
  })

  it('延长预备期 6–12 months once; 转正申请 about a month before; 转正 not before the period ends, with a quorum', async () => {
    const extend = await unchanged(WU, () =>
      call(
        'recordStep',
        { memberId: WU, step: 21, date: today, facts: { extensionMonths: 3, extensionDecidedOn: today } },
        COMMITTEE,
      ),
    )
    expect(expectError(extend, 'FAILED_PRECONDITION').message).toMatch(/不能少于半年/)
    const file = data(await call<FileView>('file', { memberId: WU }, COMMITTEE))
    const ends = file.probationEnds as string
    const meeting = file.phases[3].steps.find((s) => s.no === 15)?.date as string
    const early = await unchanged(WU, () =>
      call('recordStep', { memberId: WU, step: 22, date: shift(meeting, 40) }, COMMITTEE),
    )
    expect(expectError(early, 'FAILED_PRECONDITION').message).toMatch(/早于预备期满/)
    const convert = await unchanged(WU, () =>
      call(
        'recordStep',
        {
          memberId: WU,
          step: 23,
          date: today,
          facts: { vote: { expected: 20, present: 8, for: 8, against: 0, abstain: 0 } },
        },
        COMMITTEE,
      ),
    )
    const message = expectError(convert, 'FAILED_PRECONDITION').message
    expect(message).toContain(`预备期至 ${Number(ends.slice(0, 4))}年`)
    expect(message).toMatch(/未超过半数/)
  })

  it('a 公示 into a year without an arrangement warns and names the year; the committee’s calendar then counts it', async () => {
    const next = Math.max(...NATIONAL_CALENDARS.map((c) => c.year)) + 1
    const start = `${next - 1}-12-28`
    const file = data(await call<FileView>('file', { memberId: HUANG }, SECRETARY))
    const seven = file.phases[2].steps.find((s) => s.no === 7)
    // Her seeded 公示 spans the latest national holiday before it (seed/development.ts).
    expect(WorkCalendar.of([]).endOfWorkingDays(seven?.raw.publicityStart as string, 5).skipped.length).toBeGreaterThan(
      0,
    )
    const cal = WorkCalendar.of([])
    expect(cal.endOfWorkingDays(start, 5).unconfigured).toEqual([next])
    // 刘子轩 (activist 14 months): his 公示 would run into the unconfigured year — a warning naming it.
    const LIU = memberIdOf('2022010112')
    const body = { memberId: LIU, step: 7, date: today, facts: { publicity: { start, objections: 0 } } }
    const warned = await unchanged(LIU, () => call('recordStep', body, SECRETARY))
    expect(expectError(warned, 'FAILED_PRECONDITION').message).toContain(`${next} 年的节假日安排尚未配置`)
    data(
      await call<CalendarView>(
        'saveCalendar',
        { year: next, holidays: [`${next}-01-01`], workdays: [], source: '测试：院党委维护的安排' },
        COMMITTEE,
      ),
    )
    const counted = data(await call<RecordResult>('recordStep', body, SECRETARY))
    expect(counted.warnings).toEqual([])
    expect(counted.file.phases[2].steps.find((s) => s.no === 7)?.raw.publicityEnd).toBe(
      WorkCalendar.of([{ year: next, holidays: [`${next}-01-01`], workdays: [], source: '' }]).endOfWorkingDays(
        start,
        5,
      ).end,
    )
    const audit = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.saveCalendar' })
    expect(audit[0].detail).toMatchObject({ before: null, after: { holidays: [`${next}-01-01`] } })
    expect(data(await call<CalendarView>('calendar', { year: next }, SECRETARY))).toMatchObject({
      origin: 'college',
      configured: true,
    })
  })
})

describe('rules are college settings over the national default', () => {
  it('a college’s 公示 of 7 working days, a warning made a block, and an added material', async () => {
    const db = sdk.database()
    const [college] = await findDocs<{ _id: string; settings: Record<string, unknown> }>(sdk, 'colleges', {})
    const before = college.settings
    const development = {
      ...((before.development as Record<string, unknown>) ?? {}),
      rules: { 'publicity-days': { value: 7 }, 'training-hours': { severity: 'block' } },
      extraMaterials: [{ step: 11, id: 'exam', label: '培训结业考试试卷' }],
    }
    await db
      .collection('colleges')
      .doc(college._id)
      .update({ data: { 'settings.development': development } })
    try {
      const rules = data(await call<RulesView>('rules', {}, SECRETARY))
      expect(rules.rules.find((r) => r.id === 'publicity-days')?.value).toBe(7)
      expect(rules.rules.find((r) => r.id === 'training-hours')?.severity).toBe('block')
      expect(rules.materials.find((m) => m.step === 11)?.items.find((i) => i.id === 'exam')).toMatchObject({
        label: '培训结业考试试卷',
        local: true,
      })
      // A block cannot be overridden with a reason.
      const zhou = data(await call<FileView>('file', { memberId: ZHOU }, SECRETARY))
      const trained = zhou.phases[2].steps.find((s) => s.no === 11)?.date as string
      const short = await unchanged(ZHOU, () =>
        call(
          'recordStep',
          {
            memberId: ZHOU,
            step: 11,
            date: trained,
            facts: { trainingHours: 16 },
            override: { reason: '学院统一安排的线上培训' },
          },
          SECRETARY,
        ),
      )
      expect(expectError(short, 'FAILED_PRECONDITION').message).toMatch(/^不能登记：.*少于 24 学时/)
      const file = data(await call<FileView>('file', { memberId: ZHAO }, SECRETARY))
      const seven = file.phases[2].steps.find((s) => s.no === 7)
      expect(seven?.rules.find((r) => r.id === 'publicity-days')).toMatchObject({
        value: 7,
        article: expect.stringContaining('本院'),
      })
      expect(file.phases[2].steps.find((s) => s.no === 11)?.materials.map((m) => m.label)).toContain('培训结业考试试卷')
    } finally {
      await db
        .collection('colleges')
        .doc(college._id)
        .update({
          data: { 'settings.development': db.command.set((before.development as Record<string, unknown>) ?? {}) },
        })
    }
  })
})

describe('materials', () => {
  it('uploads own files with a date in order, checked by someone else; the student sees what is missing', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    )
    const slot = data(
      await cloud.call<Result<{ cloudPath: string }>>(
        'user',
        { action: 'uploadSlot', ext: 'png', size: png.length },
        SECRETARY,
      ),
    )
    const form = new FormData()
    form.append('cloudPath', slot.cloudPath)
    form.append('file', new Blob([png], { type: 'image/png' }), 'page.png')
    const up = (await (
      await fetch(`${cloud.url}/api/storage/upload`, {
        method: 'POST',
        body: form,
        headers: { 'x-wx-openid': SECRETARY },
      })
    ).json()) as { fileID: string }

    const file = data(await call<FileView>('file', { memberId: ZHAO }, SECRETARY))
    const review = file.phases[2].steps.find((s) => s.no === 10)
    expect(review?.materials.find((m) => m.id === 'inquiry')?.status).toBe('missing')
    const seven = file.phases[2].steps.find((s) => s.no === 7)?.date as string
    const wrong = await unchanged(ZHAO, () =>
      call(
        'saveMaterial',
        { memberId: ZHAO, step: 10, item: 'inquiry', date: shift(seven, -1), fileIDs: [up.fileID] },
        SECRETARY,
      ),
    )
    expect(expectError(wrong, 'FAILED_PRECONDITION').message).toMatch(TWO_DATES)
    expectError(
      await call(
        'saveMaterial',
        {
          memberId: ZHAO,
          step: 10,
          item: 'inquiry',
          date: today,
          fileIDs: ['cloud://env.bucket/uploads/someone/x.png'],
        },
        SECRETARY,
      ),
      'FORBIDDEN',
    )
    const saved = data(
      await call<FileView>(
        'saveMaterial',
        { memberId: ZHAO, step: 10, item: 'inquiry', date: today, fileIDs: [up.fileID] },
        SECRETARY,
      ),
    )
    expect(saved.phases[2].steps.find((s) => s.no === 10)?.materials.find((m) => m.id === 'inquiry')).toMatchObject({
      status: 'present',
      uploadedBy: '陈立华',
      files: 1,
    })
    const checked = data(
      await call<FileView>('checkMaterial', { memberId: ZHAO, step: 10, item: 'inquiry' }, COMMITTEE),
    )
    expect(checked.phases[2].steps.find((s) => s.no === 10)?.materials.find((m) => m.id === 'inquiry')).toMatchObject({
      status: 'checked',
      checkedBy: '刘建国',
    })
    expectError(await call('checkMaterial', { memberId: ZHAO, step: 10, item: 'inquiry' }, COMMITTEE), 'CONFLICT')

    // The student's own view: where, next, from which day, what is missing; a secretary's item is not theirs to upload.
    const mine = data(await call<FileView>('file', {}, demoOpenid('2022010107')))
    expect(mine.isOwn).toBe(true)
    expect(mine.position.where).toMatch(/入党积极分子/)
    expect(mine.position.next?.fromText).toMatch(/办理/)
    expect(mine.phases.flatMap((p) => p.steps).every((s) => !s.canRecord)).toBe(true)
    expectError(
      await call(
        'saveMaterial',
        { memberId: ZHANG, step: 3, item: 'recommendation', date: today, fileIDs: [up.fileID] },
        demoOpenid('2022010107'),
      ),
      'FORBIDDEN',
    )
  })
})

describe('the branch’s next 30 days and the files with problems', () => {
  it('lists who becomes eligible, whose 公示 ends, whose materials are missing; each problem says what to fix', async () => {
    const up = data(await call<UpcomingResult>('upcoming', {}, SECRETARY))
    expect(up.scopeLabel).toBe('计算机科学本科生党支部')
    expect(up.items.some((i) => i.kind === 'materials')).toBe(true)
    expect(up.items.every((i) => i.text.length > 4)).toBe(true)
    expectError(await call('upcoming', { branchId: 'branch-se' }, SECRETARY), 'FORBIDDEN')
    expectError(await call('upcoming', {}, demoOpenid('2022010107')), 'FORBIDDEN')

    const college = data(await call<ProblemsResult>('problems', {}, COMMITTEE))
    expect(college.files.length).toBeGreaterThan(0)
    const all = college.files.flatMap((f) => f.problems.map((p) => p.fix))
    expect(all.some((fix) => /缺少「[^」]+」：请上传/.test(fix))).toBe(true)
    expect(college.files.map((f) => f.branchName)).toContain('软件工程本科生党支部')
    void SE_SECRETARY_NO
  })
})

describe('the 全程纪实表', () => {
  async function download(url: string): Promise<Buffer> {
    const res = await fetch(url)
    expect(res.ok).toBe(true)
    return Buffer.from(await res.arrayBuffer())
  }

  it('downloads as .docx and PDF with the steps’ dates, the reports archive, and is audited', async () => {
    const file = data(await call<FileView>('file', { memberId: WU }, SECRETARY))
    const dates = file.phases
      .flatMap((p) => p.steps)
      .filter((s) => s.date)
      .map((s) => s.date as string)
    const docx = data(await call<ExportResult>('exportFile', { memberId: WU, format: 'docx' }, SECRETARY))
    expect(docx.fileName).toBe('吴佳怡发展党员全程纪实表.docx')
    const text = xmlText(await docxXml(await download(docx.url)))
    expect(text).toContain('发展党员全程纪实表')
    for (const d of dates) {
      const [y, m, dd] = d.split('-').map(Number)
      expect(text).toContain(`${y}年${m}月${dd}日`)
    }
    expect(text).toContain('思想汇报存档')
    const pdf = data(await call<ExportResult>('exportFile', { memberId: WU, format: 'pdf' }, SECRETARY))
    const read = await pdfText(await download(pdf.url))
    expect(read.pages).toBeGreaterThan(0)
    if (read.via === 'pdftotext') expect(read.text.replace(/\s/g, '')).toContain('发展党员全程纪实表')
    const audits = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.exportFile', targetId: WU })
    expect(audits.map((a) => a.detail.format).sort()).toEqual(['docx', 'pdf'])

    // The student downloads their own; nobody else's.
    const own = data(await call<ExportResult>('exportFile', { format: 'docx' }, demoOpenid('2022010107')))
    expect(own.fileName).toBe('张欣怡发展党员全程纪实表.docx')
    expectError(await call('exportFile', { memberId: WU, format: 'docx' }, demoOpenid('2022010107')), 'NOT_FOUND')
  })

  it('a branch’s files as a .zip of one .docx per member, each opening on its own, audited', async () => {
    const res = data(await call<ExportResult>('exportBranch', { format: 'docx' }, SECRETARY))
    expect(res.fileName).toBe('计算机科学本科生党支部发展党员全程纪实表.zip')
    const zip = await JSZip.loadAsync(await download(res.url))
    const names = Object.keys(zip.files).sort()
    const roster = (await findDocs<MemberDoc>(sdk, 'members', { branchId: 'branch-cs' })).filter(
      (m) => m.stage !== 'masses',
    )
    expect(names).toHaveLength(roster.length)
    for (const m of roster) {
      const name = `${m.studentNo}${m.name}发展党员全程纪实表.docx`
      expect(names).toContain(name)
      const text = xmlText(await docxXml(await (zip.file(name) as JSZip.JSZipObject).async('nodebuffer')))
      expect(text).toContain('发展党员全程纪实表')
      expect(text).toContain(m.name)
    }
    const pdfs = await JSZip.loadAsync(
      await download(data(await call<ExportResult>('exportBranch', { format: 'pdf' }, SECRETARY)).url),
    )
    const first = Object.keys(pdfs.files).find((n) => n.endsWith('.pdf')) as string
    expect((await pdfText(await (pdfs.file(first) as JSZip.JSZipObject).async('nodebuffer'))).pages).toBeGreaterThan(0)
    const [audit] = await findDocs<AuditDoc>(sdk, 'audit', {
      action: 'development.exportBranch',
      'detail.format': 'zip',
    })
    expect(audit.detail.memberIds).toHaveLength(roster.length)
    expectError(await call('exportBranch', { format: 'docx' }, COMMITTEE), 'INVALID_ARGUMENT')
    expectError(await call('exportBranch', { format: 'pdf', branchId: 'branch-se' }, SECRETARY), 'FORBIDDEN')
  })

  it('an approved report joins the file with its text, or a line naming its photographed pages', async () => {
    const approved = await findDocs<ReportDoc>(sdk, 'reports', { branchId: 'branch-cs', status: 'approved' })
    const typed = approved.find((r) => r.versions.at(-1)?.body.trim())
    expect(typed).toBeDefined()
    const t = typed as ReportDoc
    const firstParagraph = (t.versions.at(-1)?.body ?? '').split(/\n+/)[0].trim()
    const res = data(await call<ExportResult>('exportFile', { memberId: t.memberId, format: 'docx' }, SECRETARY))
    const text = xmlText(await docxXml(await download(res.url)))
    expect(text).toContain(firstParagraph.slice(0, 30))
    expect(text).toMatch(/审阅通过：\d{4}年\d{1,2}月\d{1,2}日（[^）]+）/)

    // A photographed report: the file names its pages (the photos stay in private storage).
    const photographed = approved.find((r) => (r.versions.at(-1)?.photos.length ?? 0) > 0)
    if (photographed) {
      const doc = data(
        await call<ExportResult>('exportFile', { memberId: photographed.memberId, format: 'docx' }, SECRETARY),
      )
      const photos = photographed.versions.at(-1)?.photos ?? []
      const read = xmlText(await docxXml(await download(doc.url)))
      expect(read).toContain(`手写稿照片 ${photos.length} 页`)
      expect(read).toContain(photos[0].slice(photos[0].lastIndexOf('/') + 1))
    }
  })
})

describe('the college’s settings of the file', () => {
  const college = async () => (await findDocs<CollegeDoc>(sdk, 'colleges', {}))[0]

  it('shows every rule with its source, national default and this college’s value; only the committee edits', async () => {
    const view = data(await call<RulesView>('rules', {}, COMMITTEE))
    expect(view.canEdit).toBe(true)
    expect(data(await call<RulesView>('rules', {}, SECRETARY)).canEdit).toBe(false)
    const publicity = view.rules.find((r) => r.id === 'publicity-days')
    expect(publicity).toMatchObject({ nationalValue: 5, value: 5, changed: false, min: 1, max: 30 })
    for (const r of view.rules) expect(r.article).toMatch(/《|本院/)
    expect(view.rules.find((r) => r.id === 'leaving-soon')?.article).toContain('第十九条')

    const before = JSON.stringify(await college())
    expectError(
      await call('saveRule', { ruleId: 'publicity-days', severity: 'block', value: 7 }, SECRETARY),
      'FORBIDDEN',
      /院党委/,
    )
    expectError(
      await call('addMaterial', { step: 7, label: '发展对象公示回执' }, demoOpenid('2022010107')),
      'FORBIDDEN',
    )
    expect(JSON.stringify(await college())).toBe(before)
  })

  it('changes a number within the national limits, audited; the next step is judged by it', async () => {
    const before = JSON.stringify(await college())
    expectError(
      await call('saveRule', { ruleId: 'activist-year', severity: 'block', value: 6 }, COMMITTEE),
      'INVALID_ARGUMENT',
      /应在 12 至 36 个月之间，国家规定为 12 个月/,
    )
    expectError(
      await call('saveRule', { ruleId: 'contacts', severity: 'warn' }, COMMITTEE),
      'FAILED_PRECONDITION',
      /只能必须遵守，不能改为提醒/,
    )
    expectError(
      await call('saveRule', { ruleId: 'order', severity: 'block' }, COMMITTEE),
      'FAILED_PRECONDITION',
      /基本程序/,
    )
    expectError(
      await call('saveRule', { ruleId: 'publicity-days', severity: 'block', value: 'x' }, COMMITTEE),
      'INVALID_ARGUMENT',
      /数值/,
    )
    expect(JSON.stringify(await college())).toBe(before)

    const view = data(
      await call<RulesView>('saveRule', { ruleId: 'publicity-days', severity: 'block', value: 7 }, COMMITTEE),
    )
    expect(view.rules.find((r) => r.id === 'publicity-days')).toMatchObject({
      value: 7,
      nationalValue: 5,
      changed: true,
    })
    expect((await college()).settings.development.rules['publicity-days']).toEqual({ value: 7 })
    const [entry] = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.saveRule' })
    expect(entry.detail.summary).toBe('修改规则「确定发展对象后公示」：必须遵守，5 个工作日 → 必须遵守，7 个工作日')
    expect(entry.detail.before).toBeNull()
    expect(entry.detail.after).toEqual({ value: 7 })
    const file = data(await call<FileView>('file', { memberId: ZHAO }, SECRETARY))
    const rule = file.phases
      .flatMap((p) => p.steps)
      .find((st) => st.no === 7)
      ?.rules.find((r) => r.id === 'publicity-days')
    expect(rule?.value).toBe(7)

    // A warning made hard, then everything back to the national default.
    data(await call('saveRule', { ruleId: 'training-hours', severity: 'block', value: 32 }, COMMITTEE))
    data(await call('saveRule', { ruleId: 'training-hours', severity: 'warn', value: null }, COMMITTEE))
    const reset = data(
      await call<RulesView>('saveRule', { ruleId: 'publicity-days', severity: 'block', value: null }, COMMITTEE),
    )
    expect(reset.rules.filter((r) => r.changed)).toEqual([])
    expect((await college()).settings.development.rules).toEqual({})
  })

  it('adds and removes the college’s own material items; the national list stays', async () => {
    expectError(
      await call('addMaterial', { step: 7, label: '公' }, COMMITTEE),
      'INVALID_ARGUMENT',
      /材料名称至少 2 个字/,
    )
    const added = data(await call<RulesView>('addMaterial', { step: 7, label: '发展对象公示回执' }, COMMITTEE))
    const item = added.materials.find((m) => m.step === 7)?.items.find((i) => i.label === '发展对象公示回执')
    expect(item?.local).toBe(true)
    expectError(
      await call('addMaterial', { step: 7, label: '发展对象公示回执' }, COMMITTEE),
      'CONFLICT',
      /已有材料「发展对象公示回执」/,
    )
    // The member's checklist asks for it.
    const file = data(await call<FileView>('file', { memberId: HUANG }, SECRETARY))
    expect(
      file.phases
        .flatMap((p) => p.steps)
        .find((st) => st.no === 7)
        ?.materials.map((m) => m.label),
    ).toContain('发展对象公示回执')
    const national = added.materials.find((m) => m.step === 7)?.items.find((i) => !i.local)
    if (national)
      expectError(
        await call('removeMaterial', { step: 7, id: national.id }, COMMITTEE),
        'FAILED_PRECONDITION',
        /国家规定的材料不能删除/,
      )
    const removed = data(await call<RulesView>('removeMaterial', { step: 7, id: item?.id }, COMMITTEE))
    expect(removed.materials.find((m) => m.step === 7)?.items.some((i) => i.local)).toBe(false)
    const audits = await findDocs<AuditDoc>(sdk, 'audit', { targetId: (await college())._id })
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['development.addMaterial', 'development.removeMaterial']),
    )
  })
})

describe('a material as a PDF', () => {
  async function uploadAs(openid: string, ext: string, content: Buffer, type?: string): Promise<string> {
    const slot = data(
      await cloud.call<Result<{ cloudPath: string }>>(
        'user',
        { action: 'uploadSlot', ext, size: content.length },
        openid,
      ),
    )
    // The weapp client uploads straight to storage (no content check on the way): the SDK's upload, as it does.
    if (!type) return (await sdk.uploadFile({ cloudPath: slot.cloudPath, fileContent: content })).fileID
    const form = new FormData()
    form.append('cloudPath', slot.cloudPath)
    form.append('file', new Blob([new Uint8Array(content)], { type }), `material.${ext}`)
    const res = await fetch(`${cloud.url}/api/storage/upload`, {
      method: 'POST',
      body: form,
      headers: { 'x-wx-openid': openid },
    })
    return ((await res.json()) as { fileID: string }).fileID
  }
  const STUDENT = demoOpenid('2022010107') // 张欣怡, her own 入党申请书

  it('the student uploads a signed PDF of her application; the server reads it back; only her file’s readers see it', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([595, 842]).drawText('Application', { x: 72, y: 760 })
    const pdf = Buffer.from(await doc.save())
    const applied = data(await call<FileView>('file', {}, STUDENT)).phases[0].steps[0].date as string
    const save = (fileIDs: string[]) =>
      call<FileView>('saveMaterial', { memberId: ZHANG, step: 1, item: 'application', date: applied, fileIDs }, STUDENT)

    // Not a PDF inside, a type materials do not take, and a PDF over the limit: refused, nothing stored.
    const fake = await uploadAs(STUDENT, 'pdf', Buffer.from('这不是 PDF 文件'))
    expectError(await unchanged(ZHANG, () => save([fake])), 'INVALID_ARGUMENT', /不是有效的 PDF/)
    const word = await uploadAs(STUDENT, 'docx', Buffer.from('PK'))
    expectError(await unchanged(ZHANG, () => save([word])), 'INVALID_ARGUMENT', /照片（jpg、png、webp）或 PDF/)
    const huge = await uploadAs(
      STUDENT,
      'pdf',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024, 32)]),
    )
    expectError(await unchanged(ZHANG, () => save([huge])), 'INVALID_ARGUMENT', /不能超过 20 MB/)

    const real = await uploadAs(STUDENT, 'pdf', pdf, 'application/pdf')
    const saved = data(await save([real]))
    expect(saved.phases[0].steps[0].materials.find((m) => m.id === 'application')).toMatchObject({
      status: 'present',
      files: 1,
    })
    const [audit] = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.saveMaterial', targetId: ZHANG })
    expect(audit.detail.summary).toContain('入党申请书')

    // Read back through a temporary link: the student, her secretary, the committee; nobody else.
    for (const who of [STUDENT, SECRETARY, COMMITTEE]) {
      const params =
        who === STUDENT ? { step: 1, item: 'application' } : { memberId: ZHANG, step: 1, item: 'application' }
      const res = data(
        await call<{ label: string; files: { kind: string; url: string }[] }>('materialFiles', params, who),
      )
      expect(res.files).toHaveLength(1)
      expect(res.files[0].kind).toBe('pdf')
      const body = Buffer.from(await (await fetch(res.files[0].url)).arrayBuffer())
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    }
    expectError(
      // The software-engineering branch's secretary manages another branch.
      await call('materialFiles', { memberId: ZHANG, step: 1, item: 'application' }, demoOpenid('2020020102')),
      'NOT_FOUND',
    )
    expectError(
      await call('materialFiles', { memberId: ZHANG, step: 1, item: 'application' }, demoOpenid('2022010219')),
      'NOT_FOUND',
    )
  })
})

describe('the steps are the one record of a member’s development', () => {
  const branchCall = <T>(action: string, params: Record<string, unknown>, openid: string) =>
    cloud.call<Result<T>>('branch', { action, ...params }, openid)

  it('an extension recorded by the secretary is read by the file, the member page and the reminders', async () => {
    const before = data(await call<FileView>('file', { memberId: WU }, SECRETARY))
    const meeting = before.phases[3].steps.find((s) => s.no === 15)?.date as string
    const reminded = data(await branchCall<RemindersResult>('reminders', {}, SECRETARY))
    expect(reminded.reminders.some((r) => r.memberId === WU && r.kind === 'conversion')).toBe(true)

    const res = data(
      await call<RecordResult>(
        'recordStep',
        { memberId: WU, step: 21, date: today, facts: { extensionMonths: 6, extensionDecidedOn: today } },
        SECRETARY,
      ),
    )
    const ends = shift(addMonths(meeting, 18), -1)
    expect(res.file.probationEnds).toBe(ends)
    const detail = data(await branchCall<MemberDetail>('member', { memberId: WU }, SECRETARY))
    expect(detail.facts.probation).toMatchObject({ start: meeting, extendedMonths: 6, extensions: 1, ends })
    expect(detail.events[0]).toMatchObject({ kind: 'extend', title: '延长预备期 6 个月', date: today })
    const after = data(await branchCall<RemindersResult>('reminders', {}, SECRETARY))
    expect(after.reminders.some((r) => r.memberId === WU && r.kind === 'conversion')).toBe(false)
    const [entry] = await findDocs<AuditDoc>(sdk, 'audit', { action: 'development.recordStep', targetId: WU })
    expect(entry.detail.step).toBe(21)
  })

  it('a stage step out of order is refused naming both dates; the stage does not move', async () => {
    const file = data(await call<FileView>('file', { memberId: WANG }, SECRETARY))
    const applied = file.phases[0].steps.find((s) => s.no === 1)?.date as string
    const early = shift(applied, -3)
    const refused = await unchanged(WANG, () => call('recordStep', { memberId: WANG, step: 3, date: early }, SECRETARY))
    const message = expectError(refused, 'FAILED_PRECONDITION').message
    expect(message).toMatch(TWO_DATES)
    const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
    expect(message).toContain(cn(early))
    expect((await member(WANG)).stage).toBe('applicant')

    // Moving an earlier stage's date past a later step is refused the same way (ZHANG: 申请 after 积极分子,
    // so after the 谈话 that followed it).
    const zhang = data(await call<FileView>('file', { memberId: ZHANG }, SECRETARY))
    const activist = zhang.phases[1].steps.find((s) => s.no === 3)?.date as string
    const talk = zhang.phases[0].steps.find((s) => s.no === 2)?.date as string
    const late = await unchanged(ZHANG, () =>
      call('recordStep', { memberId: ZHANG, step: 1, date: shift(activist, 2) }, SECRETARY),
    )
    const lateMessage = expectError(late, 'FAILED_PRECONDITION').message
    expect(lateMessage).toContain(cn(shift(activist, 2)))
    expect(lateMessage).toContain(cn(talk))
  })

  it('the roster’s stage filter and the dashboard’s stage counts agree with the steps', async () => {
    const file = data(await call<FileView>('file', { memberId: WANG }, SECRETARY))
    const talked = file.phases[0].steps.find((s) => s.no === 2)?.date
    data(
      await call('recordStep', { memberId: WANG, step: 3, date: talked && talked > today ? talked : today }, SECRETARY),
    )

    const members = await findDocs<MemberDoc>(sdk, 'members', { collegeId: 'college-main' })
    const stepDocs = await findDocs<DevStepDoc>(sdk, 'devSteps', { collegeId: 'college-main' })
    for (const m of members) {
      const mine = stepDocs.filter((d) => d.memberId === m._id && d.date)
      const dated = Object.entries(STAGE_STEP).filter(([, no]) => mine.some((d) => d.step === no))
      // Every stage date is the date of the step that sets it, and the stage is at least the last one reached.
      expect(m.stageDates ?? {}).toEqual(
        Object.fromEntries(dated.map(([stage, no]) => [stage, mine.find((d) => d.step === no)?.date])),
      )
      const reached = dated.length ? dated[dated.length - 1][0] : 'masses'
      expect(STAGES.indexOf(m.stage)).toBeGreaterThanOrEqual(STAGES.indexOf(reached as Stage))
    }
    const cs = members.filter((m) => m.branchId === 'branch-cs')
    const activists = data(await branchCall<MembersResult>('members', { stage: 'activist' }, SECRETARY))
    expect(activists.members.map((m) => m.id).sort()).toEqual(
      cs
        .filter((m) => m.stage === 'activist')
        .map((m) => m._id)
        .sort(),
    )
    expect(activists.members.some((m) => m.id === WANG)).toBe(true)
    const dashboard = data(await branchCall<DashboardResult>('dashboard', {}, SECRETARY))
    const counts = Object.fromEntries(dashboard.branches[0].byStage.map((s) => [s.stage, s.count]))
    expect(counts).toEqual(Object.fromEntries(STAGES.map((s) => [s, cs.filter((m) => m.stage === s).length])))
  })
})
