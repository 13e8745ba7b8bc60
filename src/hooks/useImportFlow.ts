import { useState } from 'react'
import type { CallFailure, CallResult } from '../services/call'
import { chooseSpreadsheet, openDownload, type PickedFile } from '../services/pick-file'
import { uploadOwnFile } from '../services/upload'

export interface UploadedSheet {
  picked: PickedFile
  fileID: string
}

/** The three server steps of a spreadsheet import; each answers null when the reply is of another step. */
export interface ImportSteps<Preview, Done> {
  template: () => Promise<CallResult<{ url: string; fileName: string } | null>>
  preview: (sheet: UploadedSheet) => Promise<CallResult<Preview | null>>
  commit: (sheet: UploadedSheet) => Promise<CallResult<Done | null>>
}

const TEMPLATE_FAILED: CallFailure = { ok: false, code: 'NETWORK', message: '模板下载失败，请稍后重试' }

/**
 * Template → upload → preview → import, as every import page does it (roster, question bank). Nothing
 * is written until `commit`; a failure at any step is kept in `error` for the page to show.
 */
export function useImportFlow<Preview, Done>(steps: ImportSteps<Preview, Done>) {
  const [busy, setBusy] = useState<'template' | 'upload' | 'commit' | null>(null)
  const [sheet, setSheet] = useState<UploadedSheet | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [done, setDone] = useState<Done | null>(null)
  const [error, setError] = useState<CallFailure | null>(null)

  const downloadTemplate = async (): Promise<void> => {
    setBusy('template')
    setError(null)
    const res = await steps.template()
    setBusy(null)
    if (!res.ok) return setError(res)
    if (!res.data) return
    try {
      await openDownload(res.data.url, res.data.fileName)
    } catch {
      setError(TEMPLATE_FAILED)
    }
  }

  const pickAndPreview = async (): Promise<void> => {
    const picked = await chooseSpreadsheet()
    if (!picked) return
    setBusy('upload')
    setPreview(null)
    setDone(null)
    setError(null)
    const ext = picked.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'
    const uploaded = await uploadOwnFile(ext, picked.path)
    if (!uploaded.ok) {
      setBusy(null)
      return setError(uploaded)
    }
    const next = { picked, fileID: uploaded.data.fileID }
    const res = await steps.preview(next)
    setBusy(null)
    if (!res.ok) return setError(res)
    if (!res.data) return
    setSheet(next)
    setPreview(res.data)
  }

  const commit = async (): Promise<void> => {
    if (!sheet) return
    setBusy('commit')
    setError(null)
    const res = await steps.commit(sheet)
    setBusy(null)
    if (!res.ok) return setError(res)
    if (res.data) setDone(res.data)
  }

  /** After a finished import: start again with another file. */
  const restart = (): void => {
    setDone(null)
    setPreview(null)
    setSheet(null)
    setError(null)
  }

  return { busy, sheet, preview, done, error, downloadTemplate, pickAndPreview, commit, restart }
}

/** Narrows a step's reply to the step the page asked for (the contracts answer a union of steps). */
export function stepOf<T, S>(res: CallResult<T>, pick: (data: T) => S | null): CallResult<S | null> {
  return res.ok ? { ok: true, data: pick(res.data) } : res
}
