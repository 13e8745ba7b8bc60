import { NATIONAL_CALENDARS, WorkCalendar } from '../../../cloudfunctions/development/src/calendar'
import type { DevStepDoc, MaterialDoc } from '../../../cloudfunctions/development/src/file'
import type { StepFacts, StepPerson } from '../../../cloudfunctions/development/src/rules'
import { STEPS, stepId, type StepNo } from '../../../cloudfunctions/development/src/steps'
import type { MemberDoc } from '../../../cloudfunctions/_shared/models'
import { addDays as shift, addMonths, chinaDay } from '../../../cloudfunctions/_shared/time'
import type { FileStore } from '../storage/file-store'
import { demoOpenid } from './people'

/**
 * The development files (issue #17) behind the seeded stage dates: every member's steps up to where
 * they are, with the people, facts and materials a real file has. Files differ on purpose: about a
 * third miss materials (the secretary's list of problems has something to say), 赵一鸣's second
 * assessment is missing (as in seed/branch.ts), and 黄诗涵's 公示 spans the latest national holiday
 * before her step 7 (the end date respects the calendar).
 */

const CALENDAR = WorkCalendar.of([])

/** The first day of the latest national holiday block that starts at least `minDaysAgo` before `today`. */
export function latestHolidayStart(today: string, minDaysAgo: number): string | null {
  const limit = shift(today, -minDaysAgo)
  const starts = NATIONAL_CALENDARS.flatMap((y) => y.holidays.filter((d) => !y.holidays.includes(shift(d, -1))))
  const past = starts.filter((d) => d <= limit).sort()
  return past[past.length - 1] ?? null
}

/**
 * Moves every stage date of one candidate by the same number of days so that her 确定发展对象 falls on the
 * day before a national holiday: her 公示 then spans it. Called on the roster before it is stored.
 */
export function alignPublicityCandidate(members: MemberDoc[], now: Date, studentNo = '2021010105'): void {
  const m = members.find((x) => x.studentNo === studentNo)
  const candidate = m?.stageDates.candidate
  const holiday = latestHolidayStart(chinaDay(now), 45)
  if (!m || !candidate || !holiday) return
  const target = shift(holiday, -1)
  const offset = Math.round((Date.parse(target) - Date.parse(candidate)) / 86_400_000)
  m.stageDates = Object.fromEntries(Object.entries(m.stageDates).map(([k, v]) => [k, shift(v as string, offset)]))
}

const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['建国', '红梅', '志强', '海燕', '卫东', '丽华', '国庆', '秀英']
function staffName(seed: number): string {
  return `${SURNAMES[seed % SURNAMES.length]}${GIVEN[(seed * 7) % GIVEN.length]}`
}

/** Small but real files: a signed page (PNG) and a scanned PDF, stored once per secretary. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5b3d1e10000000049454e44ae426082',
  'hex',
)
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

export async function seedDevelopment(opts: {
  members: MemberDoc[]
  files: FileStore | null
  now: Date
}): Promise<{ devSteps: DevStepDoc[] }> {
  const { members, now } = opts
  const today = chinaDay(now)
  const committee = members.find((m) => m.roles.includes('committee'))
  const secretaryOf = (branchId: string | null): MemberDoc | undefined =>
    members.find((m) => m.branchId === branchId && m.roles.includes('secretary')) ?? committee
  const scans = new Map<string, string[]>()
  const scanOf = async (who: MemberDoc): Promise<string[]> => {
    const have = scans.get(who._id)
    if (have) return have
    if (!opts.files) return []
    const folder = `uploads/${who._id}/${today.slice(0, 7).replace('-', '')}`
    const [png, pdf] = await Promise.all([
      opts.files.put(`${folder}/seed-signed-page.png`, PNG, {
        contentType: 'image/png',
        uploader: who.openid ?? demoOpenid(who.studentNo),
        maxBytes: 1024 * 1024,
      }),
      opts.files.put(`${folder}/seed-scan.pdf`, PDF, {
        contentType: 'application/pdf',
        uploader: who.openid ?? demoOpenid(who.studentNo),
        maxBytes: 1024 * 1024,
      }),
    ])
    const ids = [png.fileID, pdf.fileID]
    scans.set(who._id, ids)
    return ids
  }

  const devSteps: DevStepDoc[] = []
  for (const [index, m] of members.entries()) {
    const sd = m.stageDates ?? {}
    if (!sd.applicant) continue
    const secretary = secretaryOf(m.branchId)
    if (!secretary) continue
    const files = await scanOf(secretary)
    const incomplete = index % 3 === 1
    const dates: Partial<Record<StepNo, string>> = {}
    const people: Partial<Record<StepNo, StepPerson[]>> = {}
    const facts: Partial<Record<StepNo, StepFacts>> = {}
    const A = sd.applicant
    dates[1] = A
    dates[2] = sd.activist && shift(A, 12) > sd.activist ? sd.activist : shift(A, 12)
    people[2] = [{ role: 'talker', name: secretary.name }]
    if (sd.activist) {
      const B = sd.activist
      dates[3] = B
      dates[4] = shift(B, 7)
      dates[5] = shift(B, 3)
      people[5] = [
        { role: 'contact', name: staffName(index) },
        { role: 'contact', name: staffName(index + 3) },
      ]
      const assessments: string[] = []
      const end = sd.candidate ? shift(sd.candidate, -10) : today
      for (let k = 1; addMonths(B, 6 * k) <= end; k++) assessments.push(addMonths(B, 6 * k))
      // 赵一鸣's second assessment was never recorded (seed/branch.ts); his 考察 is complete otherwise.
      const missed = m.studentNo === '2022010219'
      if (sd.candidate || missed) {
        const list = missed ? assessments.slice(0, 1) : assessments
        dates[6] = list[list.length - 1] ?? shift(B, 30)
        facts[6] = { assessments: list }
      } else if (assessments.length) facts[6] = { assessments } // still under way: the assessments so far, no date yet
    }
    if (sd.candidate) {
      const C = sd.candidate
      dates[7] = C
      const publicity = CALENDAR.endOfWorkingDays(shift(C, 1), 5)
      facts[7] = {
        publicity: { start: shift(C, 1), end: publicity.end, objections: 0, handling: '公示期间未收到反映' },
      }
      dates[8] = shift(publicity.end, 3)
      dates[9] = shift(C, 14)
      people[9] = [
        { role: 'introducer', name: staffName(index + 1) },
        { role: 'introducer', name: staffName(index + 5) },
      ]
      dates[10] = shift(C, 30)
      dates[11] = shift(C, 40)
      facts[11] = { trainingHours: 24, trainingDays: 3 }
    }
    if (sd.probationary) {
      const D = sd.probationary
      dates[12] = shift(D, -30)
      dates[13] = shift(D, -20)
      dates[14] = shift(D, -10)
      dates[15] = D
      facts[15] = { vote: { expected: 21, present: 19, for: 19, against: 0, abstain: 0 } }
      dates[16] = shift(D, 10)
      people[16] = [{ role: 'talker', name: committee?.name ?? staffName(index + 2) }]
      dates[17] = shift(D, 20)
      dates[18] = shift(D, 30)
      dates[19] = shift(D, 31)
      dates[20] = shift(D, 35)
    }
    if (sd.full) {
      const E = sd.full
      dates[21] = shift(E, -40)
      dates[22] = shift(E, -30)
      dates[23] = E
      facts[23] = { vote: { expected: 22, present: 20, for: 20, against: 0, abstain: 0 } }
      dates[24] = shift(E, 15)
      dates[25] = shift(E, 30)
    }
    for (const def of STEPS) {
      const date = dates[def.no]
      const underWay = !date && def.no === 6 && facts[6]
      if (!underWay && (!date || date > today)) continue
      const materials: Record<string, MaterialDoc> = {}
      def.materials.forEach((mat, i) => {
        if (mat.generated || !date) return
        // Incomplete files miss their second material of every step, and the 函调 of the political review.
        if (incomplete && (i === 1 || mat.id === 'inquiry')) return
        const checked = index % 2 === 0
        materials[mat.id] = {
          fileIDs: files.length ? [files[i % files.length]] : [],
          date: mat.id === 'inquiry' ? shift(date, -10) : date,
          uploadedBy: secretary._id,
          uploadedByName: secretary.name,
          uploadedAt: now,
          checkedBy: checked ? (committee?._id ?? null) : null,
          checkedByName: checked ? (committee?.name ?? null) : null,
          checkedAt: checked ? now : null,
          override: null,
        }
      })
      devSteps.push({
        _id: stepId(m._id, def.no),
        memberId: m._id,
        collegeId: m.collegeId,
        branchId: m.branchId,
        step: def.no,
        date: date ?? null,
        people: people[def.no] ?? [],
        facts: facts[def.no] ?? {},
        materials,
        override: null,
        recordedBy: secretary._id,
        recordedByName: secretary.name,
        recordedAt: now,
        updatedAt: now,
      })
    }
  }
  return { devSteps }
}
