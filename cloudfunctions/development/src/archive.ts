/**
 * The member's approved 思想汇报 as they enter the 全程纪实表: the approved version's typed text, or, for
 * photographed pages and videos, a line naming the files (the pages themselves stay in private storage).
 */
import { findMany } from '../../_shared/db'
import { parsePeriod } from '../../_shared/periods'
import type { ReportDoc } from '../../report/src/model'
import { chinaDay } from '../../_shared/time'
import { formatDay } from './rules'

export interface ArchivedReport {
  period: string
  title: string
  /** 审阅通过：2026年3月5日（陈立华） */
  approval: string
  /** The typed text by paragraph (empty for a photographed or video report). */
  paragraphs: string[]
  /** 手写稿照片 3 页：a.jpg、b.jpg; 视频：c.mp4 (null when the report is typed only). */
  files: string | null
}

export type ReportRow = Pick<ReportDoc, 'memberId' | 'period' | 'versions'>

/** Approved reports of the members matched by `where` (one member, or a branch), with their versions. */
export function approvedReports(where: { memberId: string } | { branchId: string }, limit: number) {
  return findMany<ReportRow>(
    'reports',
    { ...where, status: 'approved' },
    { limit, fields: { memberId: true, period: true, versions: true } },
  )
}

/** The last name of a file's storage path (what the secretary finds in the member's folder). */
function fileName(fileID: string): string {
  return fileID.slice(fileID.lastIndexOf('/') + 1)
}

export function archived(rows: readonly ReportRow[]): ArchivedReport[] {
  return rows
    .slice()
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((r) => {
      const versions = r.versions ?? []
      const approved =
        [...versions].reverse().find((v) => v.review?.decision === 'approve') ?? versions[versions.length - 1]
      const photos = approved?.photos ?? []
      const files = [
        photos.length ? `手写稿照片 ${photos.length} 页：${photos.map(fileName).join('、')}` : '',
        approved?.video ? `视频：${fileName(approved.video)}` : '',
      ].filter(Boolean)
      const review = approved?.review
      return {
        period: parsePeriod(r.period)?.label ?? r.period,
        title: approved?.title || '思想汇报',
        approval: review ? `审阅通过：${formatDay(chinaDay(review.at))}（${review.reviewerName}）` : '审阅通过',
        paragraphs: (approved?.body ?? '')
          .split(/\n+/)
          .map((p) => p.trim())
          .filter(Boolean),
        files: files.length ? files.join('；') : null,
      }
    })
}
