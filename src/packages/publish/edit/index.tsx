import { Switch } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Image, Input, Text, Textarea, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { SessionGate } from '../../../components/SessionGate'
import { ErrorView, LoadingView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import type { Profile } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { STAGE_LABELS, STAGES, type Stage } from '../../../services/domain'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import type { ArticleView, Audience, Block, EditorInfo } from '../../../services/study-types'
import { blockKey, clearArticleDraft, isBlankForm, publishProblem, readArticleDraft, writeArticleDraft, type EditorBlock, type EditorForm } from '../draft'
import { pickAndUploadImage, pickAndUploadVideo } from '../media'
import { useParams } from '../../../hooks/useParams'
import { ARTICLE_VIDEO_LIMITS } from '../../../../cloudfunctions/_shared/upload-kinds'
import './index.scss'

/** 75 → 「1 分 15 秒」. */
function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m > 0 ? `${m} 分${s > 0 ? ` ${s} 秒` : '钟'}` : `${s} 秒`
}

const BLOCK_LABELS: Record<EditorBlock['type'], string> = { paragraph: '段落', heading: '小标题', quote: '引用', image: '图片' }

function formOf(article: ArticleView): EditorForm {
  return {
    title: article.title,
    columnId: article.columnId,
    cover: article.coverFileID ? { fileID: article.coverFileID, url: article.cover ?? '' } : null,
    video: article.video ? { fileID: article.video.fileID, url: article.video.url, seconds: article.video.seconds } : null,
    summary: article.summary,
    blocks: article.body.map((b) =>
      b.type === 'image' ? { key: blockKey(), type: 'image', fileID: b.fileID, url: b.url, caption: b.caption ?? '' } : { key: blockKey(), type: b.type, text: b.text },
    ),
    audience: article.audience,
    pinned: article.pinned,
  }
}

function emptyForm(editor: EditorInfo, committee: boolean): EditorForm {
  const own = editor.branches[0]
  return {
    title: '',
    // A secretary mostly posts branch news: start there.
    columnId: (committee ? undefined : editor.columns.find((c) => c.name === '支部动态')?.id) ?? editor.columns[0]?.id ?? '',
    cover: null,
    video: null,
    summary: '',
    blocks: [{ key: blockKey(), type: 'paragraph', text: '' }],
    audience: committee || !own ? { kind: 'all' } : { kind: 'branch', branchId: own.id },
    pinned: false,
  }
}

/** What the server takes: empty text blocks are dropped. */
function bodyOf(form: EditorForm): Block[] {
  return form.blocks.flatMap((b): Block[] => {
    if (b.type === 'image') return [{ type: 'image', fileID: b.fileID, ...(b.caption.trim() ? { caption: b.caption.trim() } : {}) }]
    return b.text.trim() ? [{ type: b.type, text: b.text.trim() }] : []
  })
}

function AudiencePicker({ audience, editor, committee, onChange }: { audience: Audience; editor: EditorInfo; committee: boolean; onChange: (a: Audience) => void }) {
  if (!committee) {
    return (
      <Text className='zb-pub-hint' data-testid='audience-fixed'>
        仅{editor.branches[0]?.name ?? '本支部'}成员可见（支部书记只能向本支部发布）
      </Text>
    )
  }
  const stages = audience.kind === 'stages' ? audience.stages : []
  const toggleStage = (s: Stage) => {
    const next = stages.includes(s) ? stages.filter((x) => x !== s) : [...stages, s]
    onChange({ kind: 'stages', stages: next })
  }
  return (
    <View data-testid='audience-picker'>
      <View className='zb-pub-chips'>
        <Text className={`zb-pub-chip ${audience.kind === 'all' ? 'zb-pub-chip--on' : ''}`} onClick={() => onChange({ kind: 'all' })}>
          全院
        </Text>
        <Text className={`zb-pub-chip ${audience.kind === 'branch' ? 'zb-pub-chip--on' : ''}`} onClick={() => editor.branches[0] && onChange({ kind: 'branch', branchId: editor.branches[0].id })}>
          指定支部
        </Text>
        <Text className={`zb-pub-chip ${audience.kind === 'stages' ? 'zb-pub-chip--on' : ''}`} onClick={() => onChange({ kind: 'stages', stages: ['activist'] })}>
          指定发展阶段
        </Text>
      </View>
      {audience.kind === 'branch' ? (
        <View className='zb-pub-chips zb-pub-chips--sub'>
          {editor.branches.map((b) => (
            <Text key={b.id} className={`zb-pub-chip ${audience.branchId === b.id ? 'zb-pub-chip--on' : ''}`} onClick={() => onChange({ kind: 'branch', branchId: b.id })}>
              {b.name}
            </Text>
          ))}
        </View>
      ) : null}
      {audience.kind === 'stages' ? (
        <View className='zb-pub-chips zb-pub-chips--sub'>
          {STAGES.map((s) => (
            <Text key={s} className={`zb-pub-chip ${stages.includes(s) ? 'zb-pub-chip--on' : ''}`} onClick={() => toggleStage(s)}>
              {STAGE_LABELS[s]}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Editor({ profile, articleId, initial, editor, baseUpdatedAt, status }: { profile: Profile; articleId: string | null; initial: EditorForm; editor: EditorInfo; baseUpdatedAt: string | null; status: string | null }) {
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
  const setBlock = (key: string, patch: Partial<{ text: string; caption: string }>) =>
    change((f) => ({ ...f, blocks: f.blocks.map((b) => (b.key === key ? ({ ...b, ...patch } as EditorBlock) : b)) }))
  const move = (index: number, by: -1 | 1) =>
    change((f) => {
      const blocks = [...f.blocks]
      const target = index + by
      if (target < 0 || target >= blocks.length) return f
      ;[blocks[index], blocks[target]] = [blocks[target], blocks[index]]
      return { ...f, blocks }
    })
  const remove = (key: string) => change((f) => ({ ...f, blocks: f.blocks.filter((b) => b.key !== key) }))
  const add = (type: 'paragraph' | 'heading' | 'quote') => change((f) => ({ ...f, blocks: [...f.blocks, { key: blockKey(), type, text: '' }] }))

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
      if (problem) return void Taro.showModal({ title: '还不能发布', content: problem, showCancel: false, confirmText: '知道了' })
      const { confirm } = await Taro.showModal({ title: status === 'published' ? '保存修改？' : '发布这篇文章？', content: '发布后，选定范围内的成员即可阅读。', confirmColor: '#C8161D' })
      if (!confirm) return
    }
    const result = await saving.run(target)
    if (!result.ok) return
    clearArticleDraft(profile.memberId, articleId)
    toastSuccess(target === 'draft' ? '草稿已保存' : '已发布')
    setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/packages/publish/index/index' })), 600)
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
        <Input className='zb-pub-input' value={form.title} maxlength={40} placeholder='标题（4–40 字）' onInput={(e) => change((f) => ({ ...f, title: e.detail.value }))} data-testid='pub-title' />
        <View className='zb-pub-chips'>
          {editor.columns.map((c) => (
            <Text key={c.id} className={`zb-pub-chip ${form.columnId === c.id ? 'zb-pub-chip--on' : ''}`} onClick={() => change((f) => ({ ...f, columnId: c.id }))}>
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

      <Card title='封面' extra={form.cover ? <Text className='zb-pub-link' onClick={() => change((f) => ({ ...f, cover: null }))}>移除</Text> : undefined}>
        {form.cover ? (
          <Image className='zb-pub-cover' src={form.cover.url} mode='aspectFill' />
        ) : (
          <View className='zb-pub-upload' onClick={() => void upload((img) => change((f) => ({ ...f, cover: img })))} data-testid='pub-cover'>
            <Text>{uploading ? '上传中…' : '+ 上传封面图（选填）'}</Text>
          </View>
        )}
      </Card>

      <Card
        title='视频（微党课）'
        extra={form.video ? <Text className='zb-pub-link' onClick={() => change((f) => ({ ...f, video: null }))}>移除</Text> : undefined}
      >
        {form.video ? (
          <View data-testid='pub-video'>
            <View className='zb-pub-video'>
              <Video className='zb-pub-video__player' src={form.video.url} poster={form.cover?.url} controls objectFit='contain' />
            </View>
            <Text className='zb-pub-hint'>
              时长 {formatSeconds(form.video.seconds)} · 成员实际播放满 {Math.ceil(form.video.seconds * ARTICLE_VIDEO_LIMITS.watchShare)} 秒可得观看积分
            </Text>
          </View>
        ) : videoProgress !== null ? (
          <View className='zb-pub-upload zb-pub-upload--busy' data-testid='pub-video-progress'>
            <Text>视频上传中 {videoProgress}%</Text>
            <View className='zb-pub-progress'>
              <View className='zb-pub-progress__bar' style={{ width: `${videoProgress}%` }} />
            </View>
          </View>
        ) : (
          <View className='zb-pub-upload' onClick={() => void uploadVideo()} data-testid='pub-video-add'>
            <Text>+ 上传视频（选填，mp4，不超过 {ARTICLE_VIDEO_LIMITS.maxBytes / (1024 * 1024)} MB）</Text>
          </View>
        )}
      </Card>

      <Card title='正文'>
        {form.blocks.map((b, i) => (
          <View key={b.key} className={`zb-pub-block zb-pub-block--${b.type}`} data-testid='pub-block'>
            <View className='zb-pub-block__bar'>
              <Text className='zb-pub-block__type'>{BLOCK_LABELS[b.type]}</Text>
              <View className='zb-pub-block__ops'>
                <Text className='zb-pub-block__op' onClick={() => move(i, -1)}>上移</Text>
                <Text className='zb-pub-block__op' onClick={() => move(i, 1)}>下移</Text>
                <Text className='zb-pub-block__op' onClick={() => remove(b.key)}>删除</Text>
              </View>
            </View>
            {b.type === 'image' ? (
              <>
                <Image className='zb-pub-block__image' src={b.url} mode='widthFix' />
                <Input className='zb-pub-input' value={b.caption} maxlength={60} placeholder='图片说明（选填）' onInput={(e) => setBlock(b.key, { caption: e.detail.value })} />
              </>
            ) : b.type === 'heading' ? (
              <Input className='zb-pub-input zb-pub-input--heading' value={b.text} maxlength={40} placeholder='小标题' onInput={(e) => setBlock(b.key, { text: e.detail.value })} />
            ) : (
              <Textarea
                className='zb-pub-text'
                value={b.text}
                maxlength={b.type === 'quote' ? 600 : 3000}
                autoHeight
                placeholder={b.type === 'quote' ? '引用的原文或金句' : '在这里写正文，一段一个输入框'}
                onInput={(e) => setBlock(b.key, { text: e.detail.value })}
                data-testid='pub-paragraph'
              />
            )}
          </View>
        ))}
        <View className='zb-pub-add'>
          <Text className='zb-pub-add__item' onClick={() => add('paragraph')}>+ 段落</Text>
          <Text className='zb-pub-add__item' onClick={() => add('heading')}>+ 小标题</Text>
          <Text className='zb-pub-add__item' onClick={() => add('quote')}>+ 引用</Text>
          <Text
            className='zb-pub-add__item'
            onClick={() => void upload((img) => change((f) => ({ ...f, blocks: [...f.blocks, { key: blockKey(), type: 'image', fileID: img.fileID, url: img.url, caption: '' }] })))}
            data-testid='pub-add-image'
          >
            {uploading ? '上传中…' : '+ 图片'}
          </Text>
        </View>
      </Card>

      <Card title='阅读范围'>
        <AudiencePicker audience={form.audience} editor={editor} committee={committee} onChange={(audience) => change((f) => ({ ...f, audience }))} />
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
          ...(status !== 'published' ? [{ text: '存草稿', disabled: saving.pending, waitsFor: videoWait, onClick: () => void submit('draft'), testId: 'pub-save-draft' }] : []),
          { text: status === 'published' ? '保存修改' : '发布', primary: true, loading: saving.pending, waitsFor: videoWait, onClick: () => void submit('published'), testId: 'pub-publish' },
        ]}
      />
    </View>
  )
}

function EditScreen({ profile, articleId }: { profile: Profile; articleId: string | null }) {
  const existing = useQuery(() => callFunction('study', 'get', { id: articleId ?? '' }), [articleId], { enabled: articleId !== null })
  const fresh = useQuery(() => callFunction('study', 'columns'), [], { enabled: articleId === null })
  const failure = existing.failure ?? fresh.failure
  if (failure) return <ErrorView failure={failure} onRetry={articleId ? existing.reload : fresh.reload} />
  if (articleId) {
    if (!existing.data) return <LoadingView />
    const { article, editor } = existing.data
    if (!editor) return <ErrorView failure={{ ok: false, code: 'FORBIDDEN', message: '只能修改本支部发布的文章' }} onRetry={existing.reload} />
    return <Editor profile={profile} articleId={articleId} initial={formOf(article)} editor={editor} baseUpdatedAt={article.updatedAt} status={article.status} />
  }
  if (!fresh.data) return <LoadingView />
  return <Editor profile={profile} articleId={null} initial={emptyForm(fresh.data, profile.primaryRole === 'committee')} editor={fresh.data} baseUpdatedAt={null} status={null} />
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
