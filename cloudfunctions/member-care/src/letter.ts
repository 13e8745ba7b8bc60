import { formatDay } from '../../branch/src/rules'
import { chinaDay } from '../../_shared/time'
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

export function letterContent(t: TransferDoc & { letter: NonNullable<TransferDoc['letter']> }, collegeName: string): LetterContent {
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

/** The generated files of a letter (cloud file IDs). */
export interface LetterFiles {
  docx: string
  pdf: string
}

/**
 * Generates the .docx and PDF of a letter and stores them. Null until the shared documents toolkit
 * (`_shared/documents`, issue #16) is merged: the letter's number and validity stand without files, and
 * the files are generated once it is in (see the report of issue #19).
 */
export async function renderLetterFiles(_t: TransferDoc & { letter: NonNullable<TransferDoc['letter']> }, _collegeName: string, _now: Date): Promise<LetterFiles | null> {
  return null
}
