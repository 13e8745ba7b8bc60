import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidHide, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { ReviewBox, StatusTag } from '../../../components/ReportView'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { GetResult, Profile, ReportDetail } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { REPORT_LIMITS, reportSubmitProblem } from '../../../services/domain'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { clearLocalDraft, isBlankDraft, readLocalDraft, writeLocalDraft, type LocalDraft } from '../../../services/report-drafts'
import { formatDateTime, formatDay, STATUS_TONE } from '../../../utils/report'
import { askToSubscribe } from '../subscribe'
import { compressPhoto, isCancel, MAX_VIDEO_BYTES, pickPhotos, pickVideo, uploadMedia, type Picked } from '../media'
import { useParams } from '../../../hooks/useParams'
import './index.scss'

/** A photo or the video on its way to storage, or stored. */
interface MediaItem {
  key: string
  fileID: string | null
  /** What to show: a local path while uploading, a temporary URL once stored. */
  url: string
  /** Kept to retry a failed upload. */
  local: Picked | null
  progress: number
  status: 'uploading' | 'done' | 'failed'
}

interface Form {
  title: string
  body: string
  photos: MediaItem[]
  video: MediaItem | null
}

const LOCAL_SAVE_DELAY_MS = 600
let keySeq = 0
const newKey = (): string => `m${Date.now().toString(36)}${(keySeq++).toString(36)}`

function stored(fileID: string, url: string): MediaItem {
  return { key: newKey(), fileID, url, local: null, progress: 100, status: 'done' }
}

function fromLocal(draft: LocalDraft, signed: GetResult['signed']): Form {
  const url = (id: string): string => signed.find((s) => s.fileID === id)?.url ?? ''
  return { title: draft.title, body: draft.body, photos: draft.photos.map((id) => stored(id, url(id))), video: draft.video ? stored(draft.video, url(draft.video)) : null }
}

/** The text to go on with: the server's working copy, or the returned version to revise. */
function fromServer(report: ReportDetail | null): Form {
  const source = report?.draft ?? (report?.status === 'returned' ? report.versions[report.versions.length - 1] : null)
  if (!source) return { title: '', body: '', photos: [], video: null }
  return {
    title: source.title,
    body: source.body,
    photos: source.photos.map((p) => stored(p.fileID, p.url)),
    video: source.video ? stored(source.video.fileID, source.video.url) : null,
  }
}

function toLocal(form: Form, baseRevision: number): LocalDraft {
  return {
    title: form.title,
    body: form.body,
    photos: form.photos.filter((p) => p.fileID).map((p) => p.fileID as string),
    video: form.video?.fileID ?? null,
    baseRevision,
    savedAt: new Date().toISOString(),
  }
}

export default function ReportEditPage() {
  const period = useParams().period ?? ''
  return (
    <Page testId='page-report-edit'>
      <SessionGate>{({ profile }) => <Editor key={period} profile={profile} period={period} />}</SessionGate>
    </Page>
  )
}

function Editor({ profile, period }: { profile: Profile; period: string }) {
  const [local] = useState(() => readLocalDraft(profile.memberId, period))
  const load = useCallback(() => {
    const sign = local ? [...local.photos, ...(local.video ? [local.video] : [])] : []
    return callFunction('report', 'get', { period, ...(sign.length ? { sign } : {}) })
  }, [local, period])
  const { data, failure, reload } = useQuery(load, [])

  if (!data) {
    if (failure) return <ErrorView failure={failure} onRetry={reload} refusal='back' />
    return <LoadingView />
  }
  const report = data.report
  if (report && !report.canEdit) return <Locked report={report} />
  return <EditForm profile={profile} data={data} local={local} />
}

/** Submitted (waiting for review) or approved: nothing to edit here. */
function Locked({ report }: { report: ReportDetail }) {
  return (
    <Card title={report.period.label} extra={<StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} />}>
      <Text className='zb-edit-note'>{report.status === 'pending' ? '汇报已提交，正在等待支部书记审阅，审阅完成前不能修改。' : '这份汇报已审阅通过，不能再修改。'}</Text>
      <Button className='zb-edit-open' type='primary' block onClick={() => void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(report.id)}` })}>
        查看汇报
      </Button>
    </Card>
  )
}

function EditForm({ profile, data, local }: { profile: Profile; data: GetResult; local: LocalDraft | null }) {
  const report = data.report
  const periodId = data.period.id
  const serverChanged = local !== null && report !== null && local.baseRevision !== report.revision
  const useLocal = local !== null && !isBlankDraft(local) && !serverChanged
  const [form, setForm] = useState<Form>(() => (useLocal ? fromLocal(local, data.signed) : fromServer(report)))
  const [revision, setRevision] = useState(report?.revision ?? 0)
  const [status, setStatus] = useState(report?.status ?? 'draft')
  const [savedNote, setSavedNote] = useState(useLocal ? `已恢复本机草稿（${formatDateTime(local.savedAt)}）` : report?.draft ? `云端草稿 · ${formatDateTime(report.draft.updatedAt)}` : '')
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const formRef = useRef(form)
  formRef.current = form
  const revisionRef = useRef(revision)
  revisionRef.current = revision
  const touched = useRef(false)
  /** Set by changes that must reach storage at once (a photo added, moved or removed), not after a pause. */
  const urgent = useRef(false)

  // A copy on this phone that another phone has since changed on the server: the student chooses.
  useEffect(() => {
    if (!serverChanged || !local || isBlankDraft(local)) return
    void Taro.showModal({
      title: '发现两份草稿',
      content: `这台手机上有一份 ${formatDateTime(local.savedAt)} 的草稿，而云端的汇报已在其他设备上更新。要使用哪一份？`,
      confirmText: '用本机的',
      cancelText: '用云端的',
    }).then((res) => {
      if (res.confirm) setForm(fromLocal(local, data.signed))
      else clearLocalDraft(profile.memberId, periodId)
    })
    // Once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Every change is kept on this phone: typing shortly after it stops, photos at once.
  const keepOnDevice = useCallback(() => {
    if (!touched.current) return
    writeLocalDraft(profile.memberId, periodId, toLocal(formRef.current, revisionRef.current))
    setSavedNote(`已自动保存在本机 · ${formatDateTime(new Date().toISOString())}`)
  }, [profile.memberId, periodId])
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

  const change = (update: (f: Form) => Form, now = false): void => {
    touched.current = true
    if (now) urgent.current = true
    setForm(update)
  }

  const setItem = (key: string, patch: Partial<MediaItem>): void =>
    change(
      (f) => ({
      ...f,
      photos: f.photos.map((p) => (p.key === key ? { ...p, ...patch } : p)),
      video: f.video?.key === key ? { ...f.video, ...patch } : f.video,
      }),
      patch.status !== undefined && patch.status !== 'uploading',
    )

  const upload = async (item: MediaItem, file: Picked): Promise<void> => {
    setItem(item.key, { status: 'uploading', progress: 0 })
    const res = await uploadMedia(file, (progress) => setItem(item.key, { progress }))
    if (res.ok) setItem(item.key, { status: 'done', progress: 100, fileID: res.data.fileID })
    else setItem(item.key, { status: 'failed' })
  }

  const addPhotos = async (): Promise<void> => {
    const room = REPORT_LIMITS.photosMax - form.photos.length
    if (room <= 0) return void Taro.showToast({ title: `最多上传 ${REPORT_LIMITS.photosMax} 张照片`, icon: 'none' })
    let picked: Picked[]
    try {
      picked = (await pickPhotos(room)).slice(0, room)
    } catch (error) {
      if (!isCancel(error)) void Taro.showToast({ title: '没能打开相册，请重试', icon: 'none' })
      return
    }
    const files = await Promise.all(picked.map(compressPhoto))
    const items = files.map((file): MediaItem => ({ key: newKey(), fileID: null, url: file.path, local: file, progress: 0, status: 'uploading' }))
    change((f) => ({ ...f, photos: [...f.photos, ...items] }), true)
    await Promise.all(items.map((item) => upload(item, item.local as Picked)))
  }

  const addVideo = async (): Promise<void> => {
    let picked: Picked | null
    try {
      picked = await pickVideo()
    } catch (error) {
      if (!isCancel(error)) void Taro.showToast({ title: '没能打开相册，请重试', icon: 'none' })
      return
    }
    if (!picked) return
    if (picked.size > MAX_VIDEO_BYTES) return void Taro.showToast({ title: '视频不能超过 10MB，请剪短后再上传', icon: 'none' })
    const item: MediaItem = { key: newKey(), fileID: null, url: picked.path, local: picked, progress: 0, status: 'uploading' }
    change((f) => ({ ...f, video: item }))
    await upload(item, picked)
  }

  const movePhoto = (index: number, by: -1 | 1): void =>
    change((f) => {
      const photos = [...f.photos]
      const target = index + by
      if (target < 0 || target >= photos.length) return f
      ;[photos[index], photos[target]] = [photos[target], photos[index]]
      return { ...f, photos }
    }, true)

  const params = () => ({
    period: periodId,
    revision: revisionRef.current,
    title: formRef.current.title,
    body: formRef.current.body,
    photos: formRef.current.photos.filter((p) => p.fileID).map((p) => p.fileID as string),
    video: formRef.current.video?.fileID ?? null,
  })

  /** Uploads still running or failed would be left out silently: say so instead. */
  const mediaReady = (): boolean => {
    const all = [...form.photos, ...(form.video ? [form.video] : [])]
    if (all.some((m) => m.status === 'uploading')) {
      void Taro.showToast({ title: '还有文件在上传，请稍候', icon: 'none' })
      return false
    }
    if (all.some((m) => m.status === 'failed')) {
      void Taro.showToast({ title: '有文件上传失败，请点“重试”或删除', icon: 'none' })
      return false
    }
    return true
  }

  /** Another phone changed the report: load the newest, or keep ours and write over it. */
  const resolveConflict = async (retry: () => Promise<void>): Promise<void> => {
    const latest = await callFunction('report', 'get', { period: periodId })
    if (!latest.ok) return toastFailure(latest)
    const { confirm } = await Taro.showModal({
      title: '汇报已在其他设备上修改',
      content: '云端有更新的内容。载入云端内容会替换这里正在编辑的内容；也可以保留这里的内容并覆盖云端。',
      confirmText: '载入云端',
      cancelText: '保留这里',
    })
    const server = latest.data.report
    if (server && !server.canEdit) return void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(server.id)}` })
    setRevision(server?.revision ?? 0)
    revisionRef.current = server?.revision ?? 0
    if (confirm) {
      setForm(fromServer(server))
      clearLocalDraft(profile.memberId, periodId)
      setSavedNote('已载入云端最新内容')
    } else {
      await retry()
    }
  }

  const saveDraft = async (): Promise<void> => {
    if (busy || !mediaReady()) return
    setBusy('save')
    const res = await callFunction('report', 'saveDraft', params())
    setBusy(null)
    if (!res.ok) {
      if (res.code === 'CONFLICT') return resolveConflict(saveDraft)
      return toastFailure(res)
    }
    setRevision(res.data.revision)
    revisionRef.current = res.data.revision
    setStatus(res.data.status)
    clearLocalDraft(profile.memberId, periodId)
    touched.current = false
    setSavedNote(`已保存到云端 · ${formatDateTime(res.data.savedAt)}，换手机也能继续写`)
    toastSuccess('草稿已保存')
  }

  const submit = async (): Promise<void> => {
    if (busy || !mediaReady()) return
    // Say what is missing before asking to confirm: 「确认提交吗？」 on an empty report wastes a tap.
    const problem = reportSubmitProblem(params())
    if (problem) return void Taro.showModal({ title: '还不能提交', content: problem, showCancel: false, confirmText: '知道了' })
    const { confirm } = await Taro.showModal({ title: '提交思想汇报', content: '提交后将由支部书记审阅，审阅完成前不能修改。确认提交吗？', confirmText: '提交' })
    if (!confirm) return
    await send()
  }

  const send = async (): Promise<void> => {
    setBusy('submit')
    const res: CallResult<{ id: string; templates: GetResult['templates'] }> = await callFunction('report', 'submit', params())
    setBusy(null)
    if (!res.ok) {
      if (res.code === 'CONFLICT') return resolveConflict(send)
      return toastFailure(res)
    }
    clearLocalDraft(profile.memberId, periodId)
    touched.current = false
    // No toast before asking: on H5 it would cover the consent dialog.
    const subscribed = await askToSubscribe(res.data.id, res.data.templates)
    toastSuccess(subscribed ? '已提交，审阅后通知你' : '已提交')
    void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(res.data.id)}` })
  }

  const lastReview = report?.versions[report.versions.length - 1]?.review ?? null
  const bodyLength = Array.from(form.body).length
  return (
    <View className='zb-edit' data-testid='report-editor'>
      <View className='zb-edit-head'>
        <View className='zb-edit-head__row'>
          <Text className='zb-edit-head__period'>{data.period.label}思想汇报</Text>
          {status === 'returned' ? <StatusTag tone='orange' label='退回修改中' /> : null}
        </View>
        <Text className='zb-edit-head__due'>
          截止 {formatDay(data.period.end)}
          {report && report.versions.length > 0 ? ` · 将作为第 ${report.versions.length + 1} 版提交` : ''}
        </Text>
      </View>

      {status === 'returned' && lastReview ? (
        <View className='zb-edit-review'>
          <ReviewBox review={lastReview} testId='return-comment' />
        </View>
      ) : null}

      <Card title='正文'>
        <Input
          className='zb-edit-title'
          value={form.title}
          maxlength={REPORT_LIMITS.titleMax}
          placeholder='标题（选填）'
          onInput={(e) => {
            const value = e.detail.value
            change((f) => ({ ...f, title: value }))
          }}
          data-testid='report-title'
        />
        <Textarea
          className='zb-edit-body'
          value={form.body}
          maxlength={REPORT_LIMITS.bodyMax}
          autoHeight
          placeholder={'敬爱的党组织：\n在这里写下这一阶段的学习体会、思想认识和不足……\n\n手写稿可以只拍照上传，不必再打字。'}
          onInput={(e) => {
            const value = e.detail.value
            change((f) => ({ ...f, body: value }))
          }}
          data-testid='report-body'
        />
        <Text className='zb-edit-count'>
          {bodyLength} / {REPORT_LIMITS.bodyMax}
        </Text>
      </Card>

      <Card title='手写稿照片' extra={<Text className='zb-edit-extra'>按页码顺序，最多 {REPORT_LIMITS.photosMax} 张</Text>}>
        <View className='zb-edit-photos' data-testid='edit-photos'>
          {form.photos.map((p, i) => (
            <View className='zb-edit-photo' key={p.key} data-testid='edit-photo' data-status={p.status} data-file={p.fileID ?? ''}>
              <View className='zb-edit-photo__img' style={p.url ? { backgroundImage: `url("${p.url}")` } : undefined} />
              <Text className='zb-edit-photo__no'>第 {i + 1} 页</Text>
              <Text className='zb-edit-photo__remove' onClick={() => change((f) => ({ ...f, photos: f.photos.filter((x) => x.key !== p.key) }), true)}>
                ✕
              </Text>
              {p.status === 'uploading' ? (
                <View className='zb-edit-photo__cover'>
                  <Text>{p.progress}%</Text>
                  <View className='zb-edit-photo__bar'>
                    <View className='zb-edit-photo__fill' style={{ width: `${p.progress}%` }} />
                  </View>
                </View>
              ) : null}
              {p.status === 'failed' ? (
                <View className='zb-edit-photo__cover zb-edit-photo__cover--failed' onClick={() => p.local && void upload(p, p.local)}>
                  <Text>上传失败</Text>
                  <Text className='zb-edit-photo__retry'>点此重试</Text>
                </View>
              ) : null}
              <View className='zb-edit-photo__move'>
                <Text className={i === 0 ? 'zb-edit-photo__arrow--off' : ''} onClick={() => movePhoto(i, -1)} data-testid='photo-left'>
                  ◀
                </Text>
                <Text className={i === form.photos.length - 1 ? 'zb-edit-photo__arrow--off' : ''} onClick={() => movePhoto(i, 1)} data-testid='photo-right'>
                  ▶
                </Text>
              </View>
            </View>
          ))}
          {form.photos.length < REPORT_LIMITS.photosMax ? (
            <View className='zb-edit-add' onClick={() => void addPhotos()} data-testid='add-photos'>
              <Text className='zb-edit-add__plus'>＋</Text>
              <Text className='zb-edit-add__text'>添加照片</Text>
            </View>
          ) : null}
        </View>
      </Card>

      <Card title='视频' extra={<Text className='zb-edit-extra'>可选，1 分钟以内</Text>}>
        {form.video ? (
          <View className='zb-edit-video' data-testid='edit-video' data-status={form.video.status}>
            <Text className='zb-edit-video__name'>
              {form.video.status === 'uploading' ? `视频上传中 ${form.video.progress}%` : form.video.status === 'failed' ? '视频上传失败' : '已添加 1 段视频'}
            </Text>
            {form.video.status === 'failed' && form.video.local ? (
              <Text className='zb-edit-link' onClick={() => form.video?.local && void upload(form.video, form.video.local)}>
                重试
              </Text>
            ) : null}
            <Text className='zb-edit-link' onClick={() => change((f) => ({ ...f, video: null }), true)}>
              删除
            </Text>
          </View>
        ) : (
          <Text className='zb-edit-link zb-edit-link--add' onClick={() => void addVideo()}>
            ＋ 添加一段短视频
          </Text>
        )}
      </Card>

      <ActionBar
        note={<Text data-testid='save-note'>{savedNote || '内容会自动保存在本机'}</Text>}
        actions={[
          { text: '保存草稿', loading: busy === 'save', onClick: () => void saveDraft(), testId: 'save-draft' },
          { text: status === 'returned' ? '重新提交' : '提交汇报', primary: true, loading: busy === 'submit', onClick: () => void submit(), testId: 'submit-report' },
        ]}
      />
    </View>
  )
}
