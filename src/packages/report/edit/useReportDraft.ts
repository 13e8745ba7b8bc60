/**
 * The report editor's form kept on this phone as the member's draft (services/report-drafts): typing is
 * kept shortly after it stops, photos at once, and the last words when the page hides or the tab closes.
 * A copy on this phone that another phone has since changed on the server: the student chooses.
 */
import Taro, { useDidHide, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react'
import type { GetResult } from '../../../services/api'
import { clearLocalDraft, isBlankDraft, writeLocalDraft, type LocalDraft } from '../../../services/report-drafts'
import { formatDateTime } from '../../../utils/report'
import { fromLocal, fromServer, toLocal, type Change, type Form } from './form'

const LOCAL_SAVE_DELAY_MS = 600

export interface ReportDraft {
  form: Form
  change: Change
  /** The form and revision as of now, for calls that finish after a re-render. */
  formRef: MutableRefObject<Form>
  revisionRef: MutableRefObject<number>
  setRevision: (revision: number) => void
  savedNote: string
  setSavedNote: (note: string) => void
  /** The server has it: the device copy goes. */
  settled: () => void
  /** Replace what is shown (the server's newest) and forget the device copy. */
  replace: (form: Form) => void
}

export function useReportDraft(memberId: string, data: GetResult, local: LocalDraft | null): ReportDraft {
  const report = data.report
  const periodId = data.period.id
  const serverChanged = local !== null && report !== null && local.baseRevision !== report.revision
  const useLocal = local !== null && !isBlankDraft(local) && !serverChanged
  const [form, setForm] = useState<Form>(() => (useLocal ? fromLocal(local, data.signed) : fromServer(report)))
  const [savedNote, setSavedNote] = useState(
    useLocal
      ? `已恢复本机草稿（${formatDateTime(local.savedAt)}）`
      : report?.draft
        ? `云端草稿 · ${formatDateTime(report.draft.updatedAt)}`
        : '',
  )
  const formRef = useRef(form)
  formRef.current = form
  const revisionRef = useRef(report?.revision ?? 0)
  const touched = useRef(false)
  /** Set by changes that must reach storage at once (a photo added, moved or removed), not after a pause. */
  const urgent = useRef(false)

  useEffect(() => {
    if (!serverChanged || !local || isBlankDraft(local)) return
    void Taro.showModal({
      title: '发现两份草稿',
      content: `这台手机上有一份 ${formatDateTime(local.savedAt)} 的草稿，而云端的汇报已在其他设备上更新。要使用哪一份？`,
      confirmText: '用本机的',
      cancelText: '用云端的',
    }).then((res) => {
      if (res.confirm) setForm(fromLocal(local, data.signed))
      else clearLocalDraft(memberId, periodId)
    })
    // Once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const keepOnDevice = useCallback(() => {
    if (!touched.current) return
    writeLocalDraft(memberId, periodId, toLocal(formRef.current, revisionRef.current))
    setSavedNote(`已自动保存在本机 · ${formatDateTime(new Date().toISOString())}`)
  }, [memberId, periodId])
  useEffect(() => {
    if (!touched.current) return undefined
    if (urgent.current) {
      urgent.current = false
      keepOnDevice()
      return undefined
    }
    const timer = setTimeout(keepOnDevice, LOCAL_SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [form, keepOnDevice])
  // Leaving the page or closing the tab inside the pause still keeps the last words.
  useDidHide(keepOnDevice)
  useUnload(keepOnDevice)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    window.addEventListener('pagehide', keepOnDevice)
    return () => window.removeEventListener('pagehide', keepOnDevice)
  }, [keepOnDevice])

  const change: Change = (update, now = false) => {
    touched.current = true
    if (now) urgent.current = true
    setForm(update)
  }
  const settled = (): void => {
    clearLocalDraft(memberId, periodId)
    touched.current = false
  }
  const replace = (next: Form): void => {
    setForm(next)
    clearLocalDraft(memberId, periodId)
  }
  const setRevision = (revision: number): void => {
    revisionRef.current = revision
  }
  return { form, change, formRef, revisionRef, setRevision, savedNote, setSavedNote, settled, replace }
}
