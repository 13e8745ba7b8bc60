import { Switch } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { Profile, Study } from '../../../services/api'
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
import { useParams } from '../../../hooks/useParams'
import './index.scss'
import { AudiencePicker, bodyOf, emptyForm, formOf } from './form'
import { BlocksCard } from './BlocksCard'
import { MediaCards } from './MediaCards'

function Editor({
  profile,
  articleId,
  initial,
  editor,
  baseUpdatedAt,
  status,
}: {
  profile: Profile
  articleId: string | null
  initial: EditorForm
  editor: Study.EditorInfo
  baseUpdatedAt: string | null
  status: string | null
}) {
  const committee = profile.primaryRole === 'committee'
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

  return (
    <View className='zb-pub' data-testid='editor'>
      {restored.current ? (
        <View className='zb-pub-restored'>
          <Text>已恢复上次未保存的内容（{restored.current.savedAt.slice(5, 16).replace('T', ' ')}）</Text>
          <Text className='zb-pub-restored__discard' onClick={discardLocal}>
            放弃
          </Text>
        </View>
      ) : null}

      <Card title='标题与栏目'>
        <Input
          className='zb-pub-input'
          value={form.title}
          maxlength={40}
          placeholder='标题（4–40 字）'
          onInput={(e) => change((f) => ({ ...f, title: e.detail.value }))}
          data-testid='pub-title'
        />
        <View className='zb-pub-chips'>
          {editor.columns.map((c) => (
            <Text
              key={c.id}
              className={`zb-pub-chip ${form.columnId === c.id ? 'zb-pub-chip--on' : ''}`}
              onClick={() => change((f) => ({ ...f, columnId: c.id }))}
            >
              {c.name}
            </Text>
          ))}
        </View>
        <Textarea
          className='zb-pub-summary'
          value={form.summary}
          maxlength={120}
          autoHeight
          placeholder='摘要（选填，显示在文章列表）'
          onInput={(e) => change((f) => ({ ...f, summary: e.detail.value }))}
        />
      </Card>

      <MediaCards
        form={form}
        change={change}
        upload={upload}
        uploading={uploading}
        videoProgress={videoProgress}
        onAddVideo={() => void uploadVideo()}
      />

      <BlocksCard blocks={form.blocks} change={change} upload={upload} uploading={uploading} />

      <Card title='阅读范围'>
        <AudiencePicker
          audience={form.audience}
          editor={editor}
          committee={committee}
          onChange={(audience) => change((f) => ({ ...f, audience }))}
        />
        <View className='zb-pub-pin'>
          <View>
            <Text className='zb-pub-pin__title'>置顶</Text>
            <Text className='zb-pub-hint'>置顶后显示在学习页顶部，适合重要通知</Text>
          </View>
          <Switch checked={form.pinned} onChange={(v) => change((f) => ({ ...f, pinned: v }))} />
        </View>
      </Card>

      <ActionBar
        actions={[
          ...(status !== 'published'
            ? [
                {
                  text: '存草稿',
                  disabled: saving.pending,
                  waitsFor: videoWait,
                  onClick: () => void submit('draft'),
                  testId: 'pub-save-draft',
                },
              ]
            : []),
          {
            text: status === 'published' ? '保存修改' : '发布',
            primary: true,
            loading: saving.pending,
            waitsFor: videoWait,
            onClick: () => void submit('published'),
            testId: 'pub-publish',
          },
        ]}
      />
    </View>
  )
}

function EditScreen({ profile, articleId }: { profile: Profile; articleId: string | null }) {
  const existing = useQuery(() => callFunction('study', 'get', { id: articleId ?? '' }), [articleId], {
    enabled: articleId !== null,
  })
  const fresh = useQuery(() => callFunction('study', 'columns'), [], { enabled: articleId === null })
  const failure = existing.failure ?? fresh.failure
  if (failure) return <ErrorView failure={failure} onRetry={articleId ? existing.reload : fresh.reload} />
  if (articleId) {
    if (!existing.data) return <LoadingView />
    const { article, editor } = existing.data
    if (!editor)
      return (
        <ErrorView
          failure={{ ok: false, code: 'FORBIDDEN', message: '只能修改本支部发布的文章' }}
          onRetry={existing.reload}
        />
      )
    return (
      <Editor
        profile={profile}
        articleId={articleId}
        initial={formOf(article)}
        editor={editor}
        baseUpdatedAt={article.updatedAt}
        status={article.status}
      />
    )
  }
  if (!fresh.data) return <LoadingView />
  return (
    <Editor
      profile={profile}
      articleId={null}
      initial={emptyForm(fresh.data, profile.primaryRole === 'committee')}
      editor={fresh.data}
      baseUpdatedAt={null}
      status={null}
    />
  )
}

/** Write or edit an article on the phone: title, column, cover, body blocks, audience, pin. */
export default function EditPage() {
  const id = useParams().id ?? null
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑文章' })
  }, [id])
  return (
    <Page testId='page-publish-edit'>
      <SessionGate>{({ profile }) => <EditScreen profile={profile} articleId={id} />}</SessionGate>
    </Page>
  )
}
