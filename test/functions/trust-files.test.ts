import { crc32, deflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLLEGE_SETTINGS } from '../../cloudfunctions/_shared/domain'
import type { ErrorResult, Result } from '../../cloudfunctions/_shared/envelope'
import type { MemberDoc, RateLimitDoc } from '../../cloudfunctions/_shared/models'
import { owedPeriods, periodOf, toDay } from '../../cloudfunctions/_shared/periods'
import { WRITE_LIMITS } from '../../cloudfunctions/_shared/rate-limit'
import type { CheckInCodeResult, MeetingDetail } from '../../cloudfunctions/meeting/src/contract'
import type { ReportDoc } from '../../cloudfunctions/report/src/model'
import { DEMO_BIND_CODES, demoOpenid, PEOPLE, type SeedPerson } from '../../local-cloud/src/seed/people'
import { startLocalCloud, type LocalCloud } from '../helpers/cloud'
import { openMeetingForm } from '../helpers/meeting-form'
import { adminSdk, findDocs } from '../helpers/sdk'
import { data, expectError } from '../helpers/results'

/** Issue #14 (trust): the local gateway, rate limits, private files and hostile spreadsheets, through the real SDK. */
let cloud: LocalCloud
let sdk: ReturnType<typeof adminSdk>

const person = (name: string): SeedPerson & { openid: string } => {
  const p = PEOPLE.find((x) => x.name === name)
  if (!p) throw new Error(`no seeded person ${name}`)
  return { ...p, openid: demoOpenid(p.studentNo) }
}
const csSecretary = person('陈立华')
const alice = person('张欣怡') // activist, branch-cs
const bob = person('刘子轩') // activist, branch-cs

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${cloud.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

async function memberOf(openid: string): Promise<MemberDoc> {
  const [member] = await findDocs<MemberDoc>(sdk, 'members', { openid })
  return member
}

async function limiterCount(key: string): Promise<number> {
  const [doc] = await findDocs<RateLimitDoc>(sdk, 'rateLimits', { _id: key })
  return doc?.count ?? 0
}

const codes = (results: Result<unknown>[]): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const r of results) out[r.ok ? 'ok' : r.code] = (out[r.ok ? 'ok' : r.code] ?? 0) + 1
  return out
}

async function callCount(fn: string, action: string): Promise<number> {
  const calls = (await (await fetch(`${cloud.url}/api/dev/calls?limit=1000`)).json()) as {
    fn: string
    action: string
  }[]
  return calls.filter((c) => c.fn === fn && c.action === action).length
}

beforeAll(async () => {
  // Production runs many function instances at once; enough workers (warmed up) that parallel calls really overlap.
  cloud = await startLocalCloud({ env: { FUNCTION_WORKERS: '10' } })
  sdk = adminSdk(cloud.url)
  // Every worker loads each function used in a burst, so no burst waits on a cold load.
  for (const fn of ['user', 'meeting', 'study', 'report']) {
    await Promise.all(Array.from({ length: 20 }, () => cloud.call(fn, { action: 'nothing' }, alice.openid)))
  }
})

afterAll(async () => {
  await cloud?.stop()
})

describe('local gateway (#14.8)', () => {
  it('refuses a POST from a page on another site, and takes same-origin and tool calls', async () => {
    const event = { action: 'login' }
    const foreign = await post('/api/functions/user', event, {
      origin: 'https://evil.example',
      'x-wx-openid': alice.openid,
    })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/其他网站/)
    // A sandboxed frame or file: page sends "null".
    expect((await post('/api/functions/user', event, { origin: 'null', 'x-wx-openid': alice.openid })).status).toBe(403)
    // Same host name but another port is another origin.
    const otherPort = `http://127.0.0.1:${cloud.port + 1}`
    expect((await post('/api/functions/user', event, { origin: otherPort, 'x-wx-openid': alice.openid })).status).toBe(
      403,
    )

    const same = await post('/api/functions/user', event, { origin: cloud.url, 'x-wx-openid': alice.openid })
    expect(same.status).toBe(200)
    expect(data(((await same.json()) as { result: Result<{ name: string }> }).result).name).toBe(alice.name)
    const tool = await post('/api/functions/user', event, { 'x-wx-openid': alice.openid })
    expect(tool.status).toBe(200)

    // Uploads and temp URLs are API routes too.
    const form = new FormData()
    form.append('cloudPath', 'uploads/x/a.txt')
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'a.txt')
    const upload = await fetch(`${cloud.url}/api/storage/upload`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'x-wx-openid': alice.openid },
      body: form,
    })
    expect(upload.status).toBe(403)
  })

  it('never runs a timer job for a client: a forged timer event or a job action without a user is refused', async () => {
    const before = await callCount('meeting', 'recountAttendance')
    const forged = await post('/api/functions/meeting', {
      Type: 'Timer',
      TriggerName: 'meetingTimer',
      Time: new Date().toISOString(),
    })
    expect(forged.status).toBe(403)
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/定时/)
    // With a user, too.
    expect((await post('/api/functions/branch', { Type: 'Timer' }, { 'x-wx-openid': csSecretary.openid })).status).toBe(
      403,
    )

    // The job actions, called without a user through the gateway (a client call), are refused in the function.
    expectError(await cloud.call('meeting', { action: 'remind' }, null), 'FORBIDDEN')
    expectError(await cloud.call('meeting', { action: 'recountAttendance' }, null), 'FORBIDDEN')
    expectError(await cloud.call('report', { action: 'remind' }, null), 'FORBIDDEN')
    expectError(await cloud.call('branch', { action: 'refreshDashboards' }, null), 'FORBIDDEN')
    expectError(await cloud.call('branch', { action: 'refreshDashboards' }, csSecretary.openid), 'FORBIDDEN')
    // The forged timer event never reached the function; the refused job calls did nothing.
    expect(await callCount('meeting', 'recountAttendance')).toBe(before + 1)
    expect(await findDocs(sdk, 'dashboardSnapshots', {})).toHaveLength(0)

    // Server-side (an administrator's SDK, as the timer trigger itself) the job runs.
    expect(
      data(
        await cloud.runJob<Result<{ colleges: number }>>('branch', {
          Type: 'Timer',
          TriggerName: 'dashboardSnapshot',
          Time: new Date().toISOString(),
        }),
      ).colleges,
    ).toBe(1)
    expect(await findDocs(sdk, 'dashboardSnapshots', {})).toHaveLength(1)
  })
})

describe('rate limits under parallel guessing (#14.7)', () => {
  /** 30 binds at once with a wrong name and code, as a guesser would send them. */
  const wrongBinds = (guesser: string, studentNo: string) =>
    Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        cloud.call<Result<unknown>>(
          'user',
          { action: 'bind', studentNo, name: `不对${i}`, code: 'ABCD-EFGH' },
          guesser,
        ),
      ),
    )

  it('30 parallel wrong binds judge exactly 5; then even the right pair waits', async () => {
    const guesser = 'oTrustGuesser01'
    const target = PEOPLE.find((p) => !p.bound && p.studentNo in DEMO_BIND_CODES)!
    const results = await wrongBinds(guesser, target.studentNo)
    expect(codes(results)).toEqual({ NOT_FOUND: 5, RATE_LIMITED: 25 })
    expect(await limiterCount(`bind:${guesser}`)).toBe(5)
    expectError(
      await cloud.call(
        'user',
        { action: 'bind', studentNo: target.studentNo, name: target.name, code: DEMO_BIND_CODES[target.studentNo] },
        guesser,
      ),
      'RATE_LIMITED',
    )
    expect((await findDocs<MemberDoc>(sdk, 'members', { studentNo: target.studentNo }))[0].openid ?? null).toBeNull()
  })

  it('a window that has run out starts again, once, however many race for it', async () => {
    const guesser = 'oTrustGuesser02'
    const target = PEOPLE.find((p) => !p.bound && p.studentNo in DEMO_BIND_CODES)!
    await sdk
      .database()
      .collection('rateLimits')
      .add({ data: { _id: `bind:${guesser}`, count: 5, resetAt: new Date(Date.now() - 1000) } })
    const results = await wrongBinds(guesser, target.studentNo)
    expect(codes(results)).toEqual({ NOT_FOUND: 5, RATE_LIMITED: 25 })
    const [doc] = await findDocs<RateLimitDoc>(sdk, 'rateLimits', { _id: `bind:${guesser}` })
    expect(doc.count).toBe(5)
    expect(new Date(doc.resetAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000)
  })

  it('30 parallel wrong check-in codes judge exactly 10; the right code is then refused too', async () => {
    const meeting = data(
      await cloud.call<Result<MeetingDetail>>(
        'meeting',
        { action: 'create', ...openMeetingForm() },
        csSecretary.openid,
      ),
    )
    const screen = data(
      await cloud.call<Result<CheckInCodeResult>>(
        'meeting',
        { action: 'checkInCode', meetingId: meeting.id },
        csSecretary.openid,
      ),
    )
    const valid = new Set(screen.slots.map((s) => s.code))
    let n = 0
    const wrong = (): string => {
      let code: string
      do code = String(100000 + ((n++ * 7919) % 900000)).padStart(6, '0')
      while (valid.has(code))
      return code
    }
    const guesses = Array.from({ length: 30 }, wrong)
    const results = await Promise.all(
      guesses.map((code) =>
        cloud.call<Result<unknown>>('meeting', { action: 'checkIn', meetingId: meeting.id, code }, bob.openid),
      ),
    )
    expect(codes(results)).toEqual({ INVALID_ARGUMENT: 10, RATE_LIMITED: 20 })
    const member = await memberOf(bob.openid)
    expect(await limiterCount(`${member._id}:checkin:${meeting.id}`)).toBe(10)
    expectError(
      await cloud.call('meeting', { action: 'checkIn', meetingId: meeting.id, code: screen.slots[0].code }, bob.openid),
      'RATE_LIMITED',
    )
    expect(await findDocs(sdk, 'attendance', { meetingId: meeting.id, memberId: member._id })).toHaveLength(0)
  })

  it('comments: 12 at once from one member, 10 posted', async () => {
    const [article] = await findDocs<{ _id: string }>(sdk, 'articles', { 'audience.kind': 'all', status: 'published' })
    const member = await memberOf(alice.openid)
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        cloud.call<Result<unknown>>(
          'study',
          { action: 'comment', articleId: article._id, text: `学习了，第 ${i + 1} 条体会` },
          alice.openid,
        ),
      ),
    )
    expect(codes(results)).toEqual({ ok: WRITE_LIMITS.comment.max, RATE_LIMITED: 2 })
    expect(await findDocs(sdk, 'studyComments', { articleId: article._id, memberId: member._id })).toHaveLength(
      WRITE_LIMITS.comment.max,
    )
  })

  it('draft saves: the one past the limit is refused and changes nothing', async () => {
    // A student with a report period still unwritten.
    const [members, reports] = await Promise.all([
      findDocs<MemberDoc>(sdk, 'members', {}),
      findDocs<ReportDoc>(sdk, 'reports', {}),
    ])
    const today = toDay(new Date())
    const slot = members
      .filter((m) => m.openid && m.roles.includes('student') && DEFAULT_COLLEGE_SETTINGS.reportStages.includes(m.stage))
      .flatMap((m) => owedPeriods(m, DEFAULT_COLLEGE_SETTINGS, today).map((p) => ({ member: m, period: p })))
      .find(({ member, period }) => !reports.some((r) => r.memberId === member._id && r.period === period.id))!
    const { member, period } = slot
    const author = member.openid!
    let revision: number | undefined
    for (let i = 0; i < WRITE_LIMITS.draftSave.max; i++) {
      revision = data(
        await cloud.call<Result<{ revision: number }>>(
          'report',
          { action: 'saveDraft', period: period.id, revision, body: `第 ${i + 1} 稿` },
          author,
        ),
      ).revision
    }
    expectError(
      await cloud.call('report', { action: 'saveDraft', period: period.id, revision, body: '再保存一次' }, author),
      'RATE_LIMITED',
    )
    const [doc] = await findDocs<ReportDoc>(sdk, 'reports', { _id: `${member._id}:${period.id}` })
    expect(doc.revision).toBe(WRITE_LIMITS.draftSave.max)
  })
})

/** One zip entry: its name, its deflated bytes, and what the central directory says about it. */
interface ZipPart {
  name: string
  packed: Buffer
  crc: number
  size: number
}

function part(name: string, text: string | Buffer): ZipPart {
  const raw = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')
  return { name, packed: deflateRawSync(raw, { level: 9 }), crc: crc32(raw), size: raw.length }
}

/** A zip file (APPNOTE: local headers, data, central directory, end record), deflated entries only. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(p.crc, 14)
    local.writeUInt32LE(p.packed.length, 18)
    local.writeUInt32LE(p.size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(p.crc, 16)
    central.writeUInt32LE(p.packed.length, 20)
    central.writeUInt32LE(p.size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, p.packed)
    centrals.push(central, name)
    offset += local.length + name.length + p.packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A minimal .xlsx (one sheet, inline strings) whose sheet XML is `sheet`: what Excel itself can open. */
function xlsx(sheet: ZipPart): Buffer {
  return zip([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheet,
  ])
}

function rowXml(r: number, cells: string[]): string {
  const cols = 'ABCDEFGHIJK'
  return `<row r="${r}">${cells.map((v, i) => `<c r="${cols[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`
}

const HEADER = ['学号', '姓名', '性别', '班级', '所在支部', '发展阶段', '申请入党日期']
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rowXml(1, HEADER)}`
const SHEET_TAIL = '</sheetData></worksheet>'

/** sheet1.xml with `padding` MB of spaces inside sheetData: a few hundred KB packed, `padding` MB unpacked. */
function bombSheet(paddingMb: number): ZipPart {
  const mb = Buffer.alloc(1024 * 1024, 0x20)
  const chunks = [Buffer.from(SHEET_HEAD), ...Array.from({ length: paddingMb }, () => mb), Buffer.from(SHEET_TAIL)]
  let crc = 0
  for (const c of chunks) crc = crc32(c, crc)
  const size = chunks.reduce((n, c) => n + c.length, 0)
  return { name: 'xl/worksheets/sheet1.xml', packed: deflateRawSync(Buffer.concat(chunks), { level: 9 }), crc, size }
}

describe('hostile spreadsheets (#14.6)', () => {
  const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

  async function committeeUpload(name: string, content: Buffer): Promise<string> {
    const committee = PEOPLE.find((p) => p.roles.includes('committee'))!
    const member = await memberOf(demoOpenid(committee.studentNo))
    const form = new FormData()
    form.append('cloudPath', `uploads/${member._id}/202612/${name}`)
    form.append('file', new Blob([new Uint8Array(content)], { type: XLSX_TYPE }), name)
    const res = await fetch(`${cloud.url}/api/storage/upload`, {
      method: 'POST',
      headers: { 'x-wx-openid': member.openid! },
      body: form,
    })
    const body = (await res.json()) as { fileID?: string }
    if (!body.fileID) throw new Error(`upload failed: ${JSON.stringify(body)}`)
    return body.fileID
  }

  async function preview(fileID: string): Promise<{ result: Result<unknown>; ms: number }> {
    const committee = PEOPLE.find((p) => p.roles.includes('committee'))!
    const t0 = Date.now()
    const result = await cloud.call<Result<unknown>>(
      'branch',
      { action: 'importRoster', step: 'preview', fileID },
      demoOpenid(committee.studentNo),
    )
    return { result, ms: Date.now() - t0 }
  }

  it('refuses a zip bomb (small on disk, 200 MB unpacked) at once, with a Chinese reason', async () => {
    const bomb = xlsx(bombSheet(200))
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const { result, ms } = await preview(await committeeUpload('bomb.xlsx', bomb))
    expect(expectError(result, 'INVALID_ARGUMENT').message).toMatch(/解压后过大/)
    expect(ms).toBeLessThan(3000)
  })

  it('refuses a zip that lies about its sizes (declares 2 KB, inflates to 64 MB)', async () => {
    const sheet = bombSheet(64)
    const liar = xlsx({ ...sheet, size: 2048 })
    const { result, ms } = await preview(await committeeUpload('liar.xlsx', liar))
    expect(expectError(result, 'INVALID_ARGUMENT').message).toMatch(/解压后过大/)
    expect(ms).toBeLessThan(3000)
  })

  it('stops reading at the row limit: a sheet of 40,000 rows (15 MB, under the unpacked cap) is refused without reading them all', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) =>
      rowXml(i + 2, [
        String(2030000000 + i),
        '测试',
        '男',
        '计科',
        '计算机科学本科生党支部',
        '入党申请人',
        '2025-10-10',
      ]),
    )
    const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${rows.join('')}${SHEET_TAIL}`)
    expect(sheet.size).toBeLessThan(20 * 1024 * 1024) // under the unpacked cap: the row limit is what stops it
    const file = xlsx(sheet)
    const { result, ms } = await preview(await committeeUpload('many-rows.xlsx', file))
    expect(expectError(result, 'INVALID_ARGUMENT').message).toMatch(/一次最多导入 1000 名成员/)
    expect(ms).toBeLessThan(5000)
  })

  it('still imports a real file written by hand (inline strings, a row of data)', async () => {
    const sheet = part(
      'xl/worksheets/sheet1.xml',
      `${SHEET_HEAD}${rowXml(2, ['2030000001', '测试', '男', '计科2501', '计算机科学本科生党支部', '入党申请人', '2025-10-10'])}${SHEET_TAIL}`,
    )
    const { result } = await preview(await committeeUpload('one-row.xlsx', xlsx(sheet)))
    expect(data(result)).toMatchObject({ step: 'preview', counts: { create: 1 } })
  })
})

describe('private files (#14.2)', () => {
  interface PhotoReport {
    _id: string
    memberId: string
    branchId: string
    versions: { photos: string[] }[]
  }
  interface Got {
    report: { versions: { photos: { fileID?: string; url: string }[] }[] } | null
  }

  async function photoReport(): Promise<{ report: PhotoReport; owner: MemberDoc; members: MemberDoc[] }> {
    const [reports, members] = await Promise.all([
      findDocs<PhotoReport>(sdk, 'reports', {}),
      findDocs<MemberDoc>(sdk, 'members', {}),
    ])
    const report = reports.find((r) => r.versions.some((v) => v.photos.length > 0))!
    return { report, owner: members.find((m) => m._id === report.memberId)!, members }
  }

  it('no client reads a report photo by its fileID, not even its owner; functions hand out URLs after their check', async () => {
    const { report, owner, members } = await photoReport()
    const fileID = report.versions.find((v) => v.photos.length > 0)!.photos[0]
    const secretary = members.find((m) => m.roles.includes('secretary') && m.branchId === report.branchId && m.openid)!
    const otherSecretary = members.find(
      (m) => m.roles.includes('secretary') && m.branchId !== report.branchId && m.openid,
    )!
    const classmate = members.find(
      (m) =>
        m.roles.includes('student') &&
        !m.roles.includes('secretary') &&
        m.branchId === report.branchId &&
        m._id !== owner._id &&
        m.openid,
    )!

    for (const who of [owner, secretary, classmate, otherSecretary]) {
      const res = await post('/api/storage/temp-urls', { fileList: [fileID] }, { 'x-wx-openid': who.openid! })
      const { fileList } = (await res.json()) as { fileList: { tempFileURL: string; status: number }[] }
      expect(fileList[0], who.name).toMatchObject({ tempFileURL: '', status: -503002 })
    }

    for (const who of [owner, secretary]) {
      const got = data(await cloud.call<Result<Got>>('report', { action: 'get', id: report._id }, who.openid))
      const url = got.report!.versions.flatMap((v) => v.photos)[0].url
      const image = await fetch(url)
      expect(image.status, who.name).toBe(200)
      expect(image.headers.get('content-type')).toBe('image/png')
    }
    for (const who of [classmate, otherSecretary]) {
      const refused = await cloud.call<Result<Got>>('report', { action: 'get', id: report._id }, who.openid)
      expect(refused.ok, who.name).toBe(false)
      expect(JSON.stringify(refused)).not.toContain('/storage/download/')
    }
  })

  it("refuses an upload over another member's file", async () => {
    const { report, owner, members } = await photoReport()
    const fileID = report.versions.find((v) => v.photos.length > 0)!.photos[0]
    const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '')
    const intruder = members.find((m) => m.openid && m._id !== owner._id)!
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const form = new FormData()
    form.append('cloudPath', cloudPath)
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'x.png')
    const res = await fetch(`${cloud.url}/api/storage/upload`, {
      method: 'POST',
      headers: { 'x-wx-openid': intruder.openid! },
      body: form,
    })
    expect(res.status).toBe(403)
  })
})

describe('uploads: own folder and quota (#14.2)', () => {
  const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(2000)])

  async function h5Upload(openid: string, cloudPath: string, bytes: Buffer): Promise<Response> {
    const form = new FormData()
    form.append('cloudPath', cloudPath)
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'p.png')
    return fetch(`${cloud.url}/api/storage/upload`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: form })
  }

  it("hands out a fresh path in the caller's own folder, and only for files that may be uploaded", async () => {
    const member = await memberOf(alice.openid)
    const slot = data(
      await cloud.call<Result<{ cloudPath: string }>>(
        'user',
        { action: 'uploadSlot', ext: 'png', size: PNG.length },
        alice.openid,
      ),
    )
    expect(slot.cloudPath).toMatch(new RegExp(`^uploads/${member._id}/\\d{6}/[a-z0-9]+\\.png$`))
    const again = data(
      await cloud.call<Result<{ cloudPath: string }>>(
        'user',
        { action: 'uploadSlot', ext: 'png', size: PNG.length },
        alice.openid,
      ),
    )
    expect(again.cloudPath).not.toBe(slot.cloudPath)
    const res = await h5Upload(alice.openid, slot.cloudPath, PNG)
    expect(res.status).toBe(200)
    const { fileID } = (await res.json()) as { fileID: string }

    expect(
      expectError(
        await cloud.call('user', { action: 'uploadSlot', ext: 'exe', size: 10 }, alice.openid),
        'INVALID_ARGUMENT',
      ).message,
    ).toMatch(/不支持/)
    expect(
      expectError(
        await cloud.call('user', { action: 'uploadSlot', ext: 'mp4', size: 60 * 1024 * 1024 }, alice.openid),
        'INVALID_ARGUMENT',
      ).message,
    ).toMatch(/50 MB/)
    expectError(await cloud.call('user', { action: 'uploadSlot', ext: 'png', size: 10 }, null), 'UNAUTHENTICATED')

    // Alice's file, used by bob (a file outside his own folder), is refused and nothing is stored.
    const bobMember = await memberOf(bob.openid)
    const before = await findDocs(sdk, 'reports', { memberId: bobMember._id })
    const period = periodOf(new Date(), DEFAULT_COLLEGE_SETTINGS.reportPeriod).id
    expectError(
      await cloud.call('report', { action: 'saveDraft', period, body: '借用别人的照片', photos: [fileID] }, bob.openid),
      'FORBIDDEN',
    )
    expect(await findDocs(sdk, 'reports', { memberId: bobMember._id })).toEqual(before)
  })

  it("counts every slot against the member's quota (a college setting), atomically: 8 parallel 300 KB files into 1 MB fit 3", async () => {
    const member = await memberOf(bob.openid)
    const [college] = await findDocs<{ _id: string; settings?: Record<string, unknown> }>(sdk, 'colleges', {})
    await sdk
      .database()
      .collection('colleges')
      .doc(college._id)
      .update({ data: { 'settings.uploadQuotaMb': 1 } })
    try {
      const size = 300 * 1024
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          cloud.call<Result<{ cloudPath: string }>>('user', { action: 'uploadSlot', ext: 'jpg', size }, bob.openid),
        ),
      )
      expect(codes(results)).toEqual({ ok: 3, FAILED_PRECONDITION: 5 })
      const refused = results.find((r) => !r.ok) as ErrorResult
      expect(refused.message).toMatch(/文件空间已满（每人 1 MB）/)
      const [usage] = await findDocs<{ bytes: number; files: number }>(sdk, 'uploadUsage', { _id: member._id })
      expect(usage).toMatchObject({ bytes: 3 * size, files: 3 })
    } finally {
      await sdk
        .database()
        .collection('colleges')
        .doc(college._id)
        .update({ data: { 'settings.uploadQuotaMb': 500 } })
    }
  })
})
