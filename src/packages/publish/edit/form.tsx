import { Text, View } from '@tarojs/components'
import { STAGE_LABELS, STAGES, type Stage } from '../../../services/domain'
import type { Study } from '../../../services/api'
import { blockKey, type EditorBlock, type EditorForm } from '../draft'

/** 75 → 「1 分 15 秒」. */
export function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m > 0 ? `${m} 分${s > 0 ? ` ${s} 秒` : '钟'}` : `${s} 秒`
}

export const BLOCK_LABELS: Record<EditorBlock['type'], string> = {
  paragraph: '段落',
  heading: '小标题',
  quote: '引用',
  image: '图片',
}

export function formOf(article: Study.ArticleView): EditorForm {
  return {
    title: article.title,
    columnId: article.columnId,
    cover: article.coverFileID ? { fileID: article.coverFileID, url: article.cover ?? '' } : null,
    video: article.video
      ? { fileID: article.video.fileID, url: article.video.url, seconds: article.video.seconds }
      : null,
    summary: article.summary,
    blocks: article.body.map((b) =>
      b.type === 'image'
        ? { key: blockKey(), type: 'image', fileID: b.fileID, url: b.url, caption: b.caption ?? '' }
        : { key: blockKey(), type: b.type, text: b.text },
    ),
    audience: article.audience,
    pinned: article.pinned,
  }
}

export function emptyForm(editor: Study.EditorInfo, committee: boolean): EditorForm {
  const own = editor.branches[0]
  return {
    title: '',
    // A secretary mostly posts branch news: start there.
    columnId:
      (committee ? undefined : editor.columns.find((c) => c.name === '支部动态')?.id) ?? editor.columns[0]?.id ?? '',
    cover: null,
    video: null,
    summary: '',
    blocks: [{ key: blockKey(), type: 'paragraph', text: '' }],
    audience: committee || !own ? { kind: 'all' } : { kind: 'branch', branchId: own.id },
    pinned: false,
  }
}

/** What the server takes: empty text blocks are dropped. */
export function bodyOf(form: EditorForm): Study.Block[] {
  return form.blocks.flatMap((b): Study.Block[] => {
    if (b.type === 'image')
      return [{ type: 'image', fileID: b.fileID, ...(b.caption.trim() ? { caption: b.caption.trim() } : {}) }]
    return b.text.trim() ? [{ type: b.type, text: b.text.trim() }] : []
  })
}

export function AudiencePicker({
  audience,
  editor,
  committee,
  onChange,
}: {
  audience: Study.ArticleAudience
  editor: Study.EditorInfo
  committee: boolean
  onChange: (a: Study.ArticleAudience) => void
}) {
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
        <Text
          className={`zb-pub-chip ${audience.kind === 'all' ? 'zb-pub-chip--on' : ''}`}
          onClick={() => onChange({ kind: 'all' })}
        >
          全院
        </Text>
        <Text
          className={`zb-pub-chip ${audience.kind === 'branch' ? 'zb-pub-chip--on' : ''}`}
          onClick={() => editor.branches[0] && onChange({ kind: 'branch', branchId: editor.branches[0].id })}
        >
          指定支部
        </Text>
        <Text
          className={`zb-pub-chip ${audience.kind === 'stages' ? 'zb-pub-chip--on' : ''}`}
          onClick={() => onChange({ kind: 'stages', stages: ['activist'] })}
        >
          指定发展阶段
        </Text>
      </View>
      {audience.kind === 'branch' ? (
        <View className='zb-pub-chips zb-pub-chips--sub'>
          {editor.branches.map((b) => (
            <Text
              key={b.id}
              className={`zb-pub-chip ${audience.branchId === b.id ? 'zb-pub-chip--on' : ''}`}
              onClick={() => onChange({ kind: 'branch', branchId: b.id })}
            >
              {b.name}
            </Text>
          ))}
        </View>
      ) : null}
      {audience.kind === 'stages' ? (
        <View className='zb-pub-chips zb-pub-chips--sub'>
          {STAGES.map((s) => (
            <Text
              key={s}
              className={`zb-pub-chip ${stages.includes(s) ? 'zb-pub-chip--on' : ''}`}
              onClick={() => toggleStage(s)}
            >
              {STAGE_LABELS[s]}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
