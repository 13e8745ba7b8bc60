/**
 * The 发展党员全程纪实表 of a member, generated from the file's records as one document spec (the documents
 * toolkit renders it to .docx and PDF): basic facts, the 25 steps by stage with their dates, people, facts and
 * materials, the member's approved 思想汇报 (the report archive joins the file), and the problems still open.
 */
import type { Block, DocumentSpec } from '../../_shared/documents'
import type { ArchivedReport } from './archive'
import type { FileView } from './contract'
import { formatDay } from './rules'

const day = (d: string | null): string => (d ? formatDay(d) : '未办理')

export function recordBlocks(file: FileView, reports: readonly ArchivedReport[]): Block[] {
  const m = file.member
  const blocks: Block[] = [
    { kind: 'title', text: '发展党员全程纪实表' },
    {
      kind: 'fields',
      columns: 2,
      fields: [
        { label: '姓名', value: m.name },
        { label: '班级', value: m.className },
        { label: '所在党支部', value: m.branchName },
        { label: '当前阶段', value: m.stageLabel },
        { label: '当前进度', value: file.position.where, wide: true },
        ...(file.probationEnds ? [{ label: '预备期满', value: formatDay(file.probationEnds), wide: true }] : []),
      ],
    },
  ]
  for (const phase of file.phases) {
    blocks.push({ kind: 'heading', text: `${'一二三四五'[phase.no - 1]}、${phase.label}` })
    blocks.push({
      kind: 'grid',
      header: ['步骤', '日期', '人员与情况', '材料'],
      widths: [3, 2, 4, 4],
      rows: phase.steps.map((s) => [
        `${s.no}. ${s.label}`,
        day(s.date),
        [
          ...s.people.map((p) => `${p.roleLabel}：${p.name}`),
          ...s.facts,
          ...(s.override ? [`破例办理：${s.override.reason}`] : []),
        ].join('\n') || '—',
        s.materials
          .map((mat) => `${mat.label}：${mat.statusLabel}${mat.date ? `（${formatDay(mat.date)}）` : ''}`)
          .join('\n') || '—',
      ]),
    })
  }
  blocks.push({ kind: 'heading', text: '六、思想汇报存档' })
  if (reports.length) blocks.push(...reports.flatMap(reportBlocks))
  else blocks.push({ kind: 'paragraph', text: '暂无审阅通过的思想汇报。' })
  blocks.push({ kind: 'heading', text: '七、需要更正的问题' })
  if (file.problems.length) for (const p of file.problems) blocks.push({ kind: 'paragraph', text: p.fix })
  else blocks.push({ kind: 'paragraph', text: '经核对，各步骤的日期先后和材料均符合要求。' })
  blocks.push({ kind: 'signature', lines: ['党支部（盖章）', '支部书记（签字）：', formatDay(file.today)] })
  return blocks
}

/** One approved report: its period and title, who approved it, then its text or the files it was handed in as. */
function reportBlocks(r: ArchivedReport): Block[] {
  return [
    { kind: 'heading', level: 2, text: `${r.period}：${r.title}` },
    { kind: 'paragraph', text: r.approval, indent: false },
    ...r.paragraphs.map((text): Block => ({ kind: 'paragraph', text })),
    ...(r.files ? [{ kind: 'paragraph', text: r.files, indent: false } satisfies Block] : []),
  ]
}

export function recordSheet(file: FileView, reports: readonly ArchivedReport[]): DocumentSpec {
  return { title: `${file.member.name}发展党员全程纪实表`, bodySize: '四号', blocks: recordBlocks(file, reports) }
}
