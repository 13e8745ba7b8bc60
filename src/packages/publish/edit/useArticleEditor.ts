import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useAction } from '../../../hooks/useCall'
import type { Profile } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import {
  clearArticleDraft,
  isBlankForm,
  publishProblem,
  readArticleDraft,
  writeArticleDraft,
  type EditorForm,
} from '../draft'
import { pickAndUploadImage, pickAndUploadVideo } from '../media'
import { bodyOf } from './form'

export interface EditorTarget {
  profile: Profile
  articleId: string | null
  initial: EditorForm
  baseUpdatedAt: string | null
  status: string | null
}

/**
 * The article editor's state: the form (kept on the device until saved), image and video uploads, and
 * saving as a draft or publishing (with the checks and confirmation before publishing).
 */
export function useArticleEditor({ profile, articleId, initial, baseUpdatedAt, status }: EditorTarget) {
  const restored = useRef(readArticleDraft(profile.memberId, articleId))
  const [form, setForm] = useState<EditorForm>(() => restored.current?.form ?? initial)
  const [uploading, setUploading] = useState(false)
  /** Upload progress of the video, in percent; null when no video is on its way. */
  const [videoProgress, setVideoProgress] = useState<number | null>(null)

  // Every change is kept on the device until it is saved to the server.
  useEffect(() => {
    if (isBlankForm(form)) clearArticleDraft(profile.memberId, articleId)
    else writeArticleDraft(profile.memberId, articleId, { form, savedAt: new Date().toISOString(), baseUpdatedAt })
  }, [form, profile.memberId, articleId, baseUpdatedAt])

  const change = (update: (f: EditorForm) => EditorForm) => setForm(update)
  const upload = async (apply: (image: { fileID: string; url: string }) => void) => {
    setUploading(true)
    const result = await pickAndUploadImage()
    setUploading(false)
    if (!result) return
    if (!result.ok) return toastFailure(result)
    apply(result.data)
  }

  const uploadVideo = async () => {
    if (videoProgress !== null) return
    setVideoProgress(0)
    const result = await pickAndUploadVideo((percent) => setVideoProgress(percent))
    setVideoProgress(null)
    if (!result) return
    if (!result.ok) return toastFailure(result)
    const { cover, ...video } = result.data
    // The video's first frame becomes the cover unless the publisher already chose one.
    change((f) => ({ ...f, video, cover: f.cover ?? cover }))
  }

  const save = useCallback(
    (target: 'draft' | 'published'): Promise<CallResult<{ id: string }>> =>
      callFunction('study', 'publish', {
        ...(articleId ? { id: articleId } : {}),
        status: target,
        title: form.title,
        columnId: form.columnId,
        cover: form.cover?.fileID ?? null,
        video: form.video ? { fileID: form.video.fileID, seconds: form.video.seconds } : null,
        summary: form.summary.trim() || undefined,
        body: bodyOf(form),
        audience: form.audience,
        pinned: form.pinned,
      }),
    [articleId, form],
  )
  const saving = useAction(save)

  const submit = async (target: 'draft' | 'published') => {
    if (target === 'published') {
      const problem = publishProblem(form)
      if (problem)
        return void Taro.showModal({ title: '还不能发布', content: problem, showCancel: false, confirmText: '知道了' })
      const { confirm } = await Taro.showModal({
        title: status === 'published' ? '保存修改？' : '发布这篇文章？',
        content: '发布后，选定范围内的成员即可阅读。',
        confirmColor: '#C8161D',
      })
      if (!confirm) return
    }
    const result = await saving.run(target)
    if (!result.ok) return
    clearArticleDraft(profile.memberId, articleId)
    toastSuccess(target === 'draft' ? '草稿已保存' : '已发布')
    setTimeout(
      () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/packages/publish/index/index' })),
      600,
    )
  }

  // Saving while the video uploads would store the article without it.
  const videoWait = videoProgress !== null ? '请等视频上传完成' : null

  const discardLocal = () => {
    clearArticleDraft(profile.memberId, articleId)
    restored.current = null
    setForm(initial)
  }

  return {
    form,
    change,
    restored: restored.current,
    discardLocal,
    upload,
    uploading,
    uploadVideo,
    videoProgress,
    videoWait,
    submit,
    saving: saving.pending,
  }
}
