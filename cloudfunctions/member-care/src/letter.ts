import type { Caller } from '../../_shared/auth'
import { renderDocument, saveGeneratedFile, type DocumentFormat, type DocumentSpec } from '../../_shared/documents'
import { chinaDay, formatDay } from '../../_shared/time'
import type { TransferDoc } from './model'

/**
 * The 党员组织关系介绍信 in its official layout: the 存根 the college keeps and the 正文 the member
 * carries, both with the number and the validity. Pure: the words come from the record, the files from
 * the documents toolkit.
 */
export interface LetterContent {
  title: string
  no: string
  stub: string[]
  body: { to: string; paragraphs: string[]; signature: string; date: string }
  validity: string
}

function ageOn(idNumber: string, day: string): number {
  const born = idNumber.slice(6, 14)
  const [y, m, d] = [Number(born.slice(0, 4)), born.slice(4, 6), born.slice(6, 8)]
  const [ty, tmd] = [Number(day.slice(0, 4)), day.slice(5, 7) + day.slice(8, 10)]
  return ty - y - (tmd < m + d ? 1 : 0)
}

function monthText(month: string | null): string {
  if (!month) return '____年__月'
  const [y, m] = month.split('-').map(Number)
  return `${y}年${m}月`
}

export function letterContent(
  t: TransferDoc & { letter: NonNullable<TransferDoc['letter']> },
  collegeName: string,
): LetterContent {
  const issued = chinaDay(new Date(t.letter.issuedAt))
  const gender = t.gender === 'male' ? '男' : '女'
  const age = ageOn(t.idNumber, issued)
  const kind = t.stage === 'probationary' ? '预备党员' : '正式党员'
  const from = `${collegeName}${t.branchName}`
  const validity = `有效期至${formatDay(t.letter.validUntil)}`
  const committee = `中共${collegeName}委员会`
  return {
    title: '中国共产党党员组织关系介绍信',
    no: t.letter.no,
    stub: [
      `${t.name}同志系中共${kind}，组织关系由${from}转到${t.destOrg}。`,
      `性别：${gender}  年龄：${age}岁  民族：${t.nation}`,
      `身份证号码：${t.idNumber}`,
      `去往单位：${t.destUnit}`,
      `党费已交到${monthText(t.duesPaidTo)}。`,
      validity,
      `开具日期：${formatDay(issued)}  经办人：${t.letter.issuedByName}`,
    ],
    body: {
      to: `${t.destOrg}：`,
      paragraphs: [
        `兹介绍${t.name}同志（${gender}，${age}岁，${t.nation}族，中共${kind}，身份证号码${t.idNumber}）的党员组织关系由你处转去，请接洽。`,
        `该同志党费已交到${monthText(t.duesPaidTo)}。`,
        `（${validity}）`,
      ],
      signature: committee,
      date: formatDay(issued),
    },
    validity,
  }
}

/** The letter as the documents toolkit lays it out: 存根, the cut line, then the 正文 the member carries. */
export function letterSpec(c: LetterContent): DocumentSpec {
  return {
    title: `${c.title}${c.no}`,
    pageNumbers: false,
    // 四号 keeps 存根 and 正文 on one A4 page, as the printed forms are.
    bodySize: '四号',
    blocks: [
      { kind: 'title', text: c.title },
      { kind: 'paragraph', text: '（存  根）', align: 'center', indent: false, bold: true },
      { kind: 'paragraph', text: c.no, align: 'right', indent: false },
      ...c.stub.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'cut', text: '（骑缝处加盖公章）' },
      { kind: 'title', text: c.title },
      { kind: 'paragraph', text: c.no, align: 'right', indent: false },
      { kind: 'paragraph', text: c.body.to, indent: false },
      ...c.body.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'signature', lines: [`${c.body.signature}（盖章）`, c.body.date] },
    ],
  }
}

/** The generated files of a letter (cloud file IDs). */
export interface LetterFiles {
  docx: string
  pdf: string
}

/**
 * Generates the .docx and PDF of a letter and stores them privately (exports/<college>/letters/), each
 * save audited as the toolkit does; the app gets temporary links from the `letter` action.
 */
export async function renderLetterFiles(
  caller: Caller,
  t: TransferDoc & { letter: NonNullable<TransferDoc['letter']> },
  collegeName: string,
  now: Date,
): Promise<LetterFiles> {
  const spec = letterSpec(letterContent(t, collegeName))
  const save = async (format: DocumentFormat): Promise<string> => {
    const saved = await saveGeneratedFile({
      caller,
      content: await renderDocument(spec, format),
      format,
      folder: 'letters',
      fileName: `${t.name}组织关系介绍信`,
      audit: {
        action: 'care.letterFile',
        targetId: t.memberId,
        summary: `生成${t.name}的组织关系介绍信${t.letter.no}`,
        detail: { transferId: t._id, letterNo: t.letter.no },
      },
      now,
    })
    return saved.fileID
  }
  const [docx, pdf] = await Promise.all([save('docx'), save('pdf')])
  return { docx, pdf }
}
