import { getCloud } from '../../_shared/cloud'
import { findMany, insert } from '../../_shared/db'
import { STAGE_LABELS } from '../../_shared/domain'
import type { CallContext } from '../../_shared/handler'
import type { MemberDoc } from '../../_shared/models'
import { tempUrls } from '../../_shared/storage'
import { parsePeriod } from '../../_shared/periods'
import { chinaDay, formatDay, iso } from '../../_shared/time'
import type { ArchiveReport, ArchiveResult, MemberBrief } from './contract'
import { loadWorkspace, requireManageable } from './context'
import { memberBrief } from './model'
import { auditEntry } from '../../_shared/audit'
import { store } from '../../_shared/spreadsheet'

/**
 * The paper file of a member's thought reports: every approved report (the version that was approved,
 * with the secretary's comment), for the print page in the app or as a print-ready HTML file in
 * storage (photos embedded, A4, one report per page). A student may print their own; a secretary or
 * the committee anyone they manage (audited). Requests: workspace, the member, their approved reports.
 */

interface StoredVersion {
  no: number
  title: string
  body: string
  photos: string[]
  submittedAt: Date
  review: { decision: 'approve' | 'return'; comment: string; reviewerName: string; at: Date } | null
}

interface ApprovedReport {
  _id: string
  period: string
  versions: StoredVersion[]
}

const EMBED_LIMIT = 40

function approvedVersion(r: ApprovedReport): StoredVersion | null {
  const approved = (r.versions ?? []).filter((v) => v.review?.decision === 'approve')
  return approved[approved.length - 1] ?? null
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
}

async function embedded(fileID: string, fallback: string | undefined): Promise<string> {
  try {
    const res = await getCloud().downloadFile({ fileID })
    const data = Buffer.from(res.fileContent as Buffer)
    const type = data[0] === 0x89 ? 'image/png' : 'image/jpeg'
    return `data:${type};base64,${data.toString('base64')}`
  } catch {
    return fallback ?? ''
  }
}

async function archiveHtml(
  member: MemberBrief,
  collegeName: string,
  reports: ArchiveReport[],
  photoIds: Map<string, string[]>,
  urls: Map<string, string>,
  generated: string,
): Promise<string> {
  let embeddedCount = 0
  const pages: string[] = []
  for (const r of reports) {
    const images: string[] = []
    for (const fileID of photoIds.get(r.id) ?? []) {
      const src = embeddedCount < EMBED_LIMIT ? await embedded(fileID, urls.get(fileID)) : (urls.get(fileID) ?? '')
      embeddedCount++
      if (src) images.push(`<img src="${src}" alt="手写汇报照片">`)
    }
    const body = r.body
      .split(/\n+/)
      .filter((p) => p.trim())
      .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
      .join('')
    pages.push(`<section class="report">
  <div class="meta">${escapeHtml(member.name)} · ${escapeHtml(r.periodLabel)}思想汇报${r.submittedAt ? ` · 提交于 ${formatDay(chinaDay(new Date(r.submittedAt)))}` : ''}</div>
  <h2>${escapeHtml(r.title || '思想汇报')}</h2>
  ${body}
  ${images.length ? `<div class="photos">${images.join('')}</div>` : ''}
  ${r.review ? `<div class="review"><b>审阅意见：</b>${escapeHtml(r.review.comment || '同意。')}<span>审阅人：${escapeHtml(r.review.reviewerName)}\u3000${formatDay(chinaDay(new Date(r.review.at)))}</span></div>` : ''}
</section>`)
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(member.name)}思想汇报存档</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; font-size: 14px; line-height: 1.9; margin: 0 auto; max-width: 720px; }
.cover { text-align: center; padding: 80px 0 40px; page-break-after: always; }
.cover h1 { font-size: 28px; letter-spacing: 4px; margin: 0 0 40px; }
.cover table { margin: 0 auto; border-collapse: collapse; font-size: 16px; }
.cover td { border-bottom: 1px solid #999; padding: 8px 16px; text-align: left; }
.report { page-break-after: always; padding-top: 8px; }
.report:last-child { page-break-after: auto; }
.meta { color: #555; font-size: 12px; border-bottom: 1px solid #c8161d; padding-bottom: 4px; }
h2 { text-align: center; font-size: 20px; margin: 24px 0; }
p { text-indent: 2em; margin: 0 0 8px; }
.photos img { display: block; max-width: 100%; margin: 12px auto; page-break-inside: avoid; border: 1px solid #ddd; }
.review { margin-top: 24px; padding: 12px 16px; border: 1px solid #bbb; font-size: 13px; }
.review span { display: block; text-align: right; color: #444; }
.foot { text-align: center; color: #888; font-size: 11px; margin-top: 40px; }
@media print { .noprint { display: none; } }
</style></head><body>
<div class="noprint" style="text-align:right;padding:12px 0"><button onclick="window.print()">打印</button></div>
<section class="cover">
  <h1>思想汇报存档</h1>
  <table>
    <tr><td>姓名</td><td>${escapeHtml(member.name)}</td></tr>
    <tr><td>学号</td><td>${escapeHtml(member.studentNo)}</td></tr>
    <tr><td>班级</td><td>${escapeHtml(member.className)}</td></tr>
    <tr><td>所在支部</td><td>${escapeHtml(collegeName)} ${escapeHtml(member.branchName)}</td></tr>
    <tr><td>发展阶段</td><td>${escapeHtml(STAGE_LABELS[member.stage])}</td></tr>
    <tr><td>汇报篇数</td><td>${reports.length} 篇（均已审阅通过）</td></tr>
  </table>
  <div class="foot">支部通生成于 ${escapeHtml(generated)}</div>
</section>
${pages.join('\n')}
</body></html>`
}

export async function archive(
  params: { memberId?: string; format: 'view' | 'file' },
  ctx: CallContext,
): Promise<ArchiveResult> {
  const ws = await loadWorkspace(ctx, { branches: true })
  const { caller } = ws
  const own = !params.memberId || params.memberId === caller.memberId
  let member: MemberDoc = caller.member
  if (!own) {
    const [found] = await findMany('members', { _id: params.memberId }, { limit: 1 })
    requireManageable(caller, found ?? null)
    member = found
  }
  const stored = await findMany<ApprovedReport>(
    'reports',
    { memberId: member._id, status: 'approved' },
    { limit: 200, fields: { period: true, versions: true } },
  )
  const photoIds = new Map<string, string[]>()
  const reports: ArchiveReport[] = []
  for (const r of stored.sort((a, b) => (a.period < b.period ? -1 : 1))) {
    const v = approvedVersion(r)
    if (!v) continue
    photoIds.set(r._id, v.photos ?? [])
    reports.push({
      id: r._id,
      period: r.period,
      periodLabel: parsePeriod(r.period)?.label ?? r.period,
      title: v.title,
      body: v.body,
      photos: v.photos ?? [],
      submittedAt: iso(v.submittedAt),
      review: v.review
        ? { comment: v.review.comment, reviewerName: v.review.reviewerName, at: iso(v.review.at) ?? '' }
        : null,
    })
  }
  const urls = await tempUrls(reports.flatMap((r) => r.photos))
  for (const r of reports) r.photos = r.photos.map((id) => urls.get(id) ?? '').filter(Boolean)
  const brief = memberBrief(member, ws.branches)
  const generated = formatDay(chinaDay(ctx.now))
  let file: ArchiveResult['file'] = null
  if (params.format === 'file') {
    const html = await archiveHtml(brief, ws.collegeName, reports, photoIds, urls, generated)
    const stored = await store(`exports/archives/${member._id}-${ctx.now.getTime()}.html`, Buffer.from(html, 'utf8'))
    file = { ...stored, fileName: `${member.name}思想汇报存档.html` }
  }
  if (!own) {
    await insert(
      'audit',
      auditEntry(
        caller,
        'branch.archive',
        member._id,
        {
          summary: `${params.format === 'file' ? '生成' : '查看'}${member.name}的思想汇报存档（${reports.length} 篇）`,
          memberName: member.name,
          reports: reports.length,
        },
        ctx.now,
      ),
    )
  }
  return { member: brief, collegeName: ws.collegeName, generatedAt: ctx.now.toISOString(), reports, file }
}
