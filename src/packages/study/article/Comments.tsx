import { Button, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { friendlyDate } from '../../../utils/study'
import type { Study } from '../../../services/api'
import { useCursorList } from '../../../hooks/useCursorList'

type Op = 'reply' | 'pin' | 'unpin' | 'hide' | 'unhide'

/** Unsent text survives leaving the page or closing the app (the member's device draft). */
function useCommentDraft(articleId: string, replyTo?: string): [string, (text: string) => void] {
  const draft = useDraft('study-comment', replyTo ? `${articleId}:${replyTo}` : articleId, '')
  return [draft.value, draft.set]
}

function CommentItem({
  comment,
  articleId,
  onChanged,
}: {
  comment: Study.CommentView
  articleId: string
  onChanged: (op: Op) => void
}) {
  const [replying, setReplying] = useState(false)
  const [reply, setReply] = useCommentDraft(articleId, comment.id)
  const moderate = useCallback(
    (op: Op, text?: string) => callFunction('study', 'moderate', { commentId: comment.id, op, text }),
    [comment.id],
  )
  const action = useAction(moderate)

  const run = async (op: Op, text?: string) => {
    const result = await action.run(op, text)
    if (!result.ok) return
    if (op === 'reply') {
      setReply('')
      setReplying(false)
    }
    toastSuccess({ reply: '已回复', pin: '已置顶', unpin: '已取消置顶', hide: '已隐藏', unhide: '已恢复显示' }[op])
    onChanged(op)
  }

  const confirmHide = async () => {
    const { confirm } = await Taro.showModal({
      title: '隐藏这条评论？',
      content: '隐藏后其他同学将看不到它，可随时恢复。此操作会被记录。',
      confirmColor: '#C8161D',
    })
    if (confirm) await run('hide')
  }

  return (
    <View className={`zb-comment ${comment.hidden ? 'zb-comment--hidden' : ''}`} data-testid='comment-item'>
      <View className='zb-comment__avatar'>
        <Text>{comment.authorName.slice(0, 1)}</Text>
      </View>
      <View className='zb-comment__main'>
        <View className='zb-comment__head'>
          <Text className='zb-comment__name'>{comment.authorName}</Text>
          <Text className='zb-comment__class'>{comment.authorClass}</Text>
          {comment.pinned ? <Text className='zb-comment__badge'>置顶</Text> : null}
          {comment.hidden ? <Text className='zb-comment__badge zb-comment__badge--grey'>已隐藏</Text> : null}
        </View>
        <Text className='zb-comment__text'>{comment.text}</Text>
        {comment.reply ? (
          <View className='zb-comment__reply' data-testid='comment-reply'>
            <Text className='zb-comment__reply-by'>{comment.reply.byLabel}回复：</Text>
            <Text>{comment.reply.text}</Text>
          </View>
        ) : null}
        <View className='zb-comment__foot'>
          <Text>{friendlyDate(comment.createdAt)}</Text>
          {comment.canModerate ? (
            <View className='zb-comment__ops'>
              <Text className='zb-comment__op' onClick={() => setReplying((r) => !r)}>
                {comment.reply ? '改回复' : '回复'}
              </Text>
              <Text className='zb-comment__op' onClick={() => void run(comment.pinned ? 'unpin' : 'pin')}>
                {comment.pinned ? '取消置顶' : '置顶'}
              </Text>
              <Text className='zb-comment__op' onClick={() => void (comment.hidden ? run('unhide') : confirmHide())}>
                {comment.hidden ? '恢复' : '隐藏'}
              </Text>
            </View>
          ) : null}
        </View>
        {replying ? (
          <View className='zb-comment__reply-box'>
            <TextArea value={reply} onChange={setReply} placeholder='以支部名义回复' maxLength={300} rows={3} />
            <Button
              size='small'
              type='primary'
              loading={action.pending}
              disabled={!reply.trim()}
              onClick={() => void run('reply', reply.trim())}
            >
              回复
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 微论坛 under an article: read, write, and (secretary/committee) moderate. */
export function Comments({ articleId, count }: { articleId: string; count: number }) {
  const list = useCursorList((cursor) => callFunction('study', 'comments', { articleId, cursor }), [articleId])
  const [text, setText] = useCommentDraft(articleId)
  const send = useCallback((t: string) => callFunction('study', 'comment', { articleId, text: t }), [articleId])
  const sending = useAction(send)
  // The header counts visible comments: the article's count when the page opened, plus what changed here since.
  const [delta, setDelta] = useState(0)
  const changed = (op: Op) => {
    if (op === 'hide') setDelta((d) => d - 1)
    if (op === 'unhide') setDelta((d) => d + 1)
    list.reload()
  }

  const submit = async () => {
    const result = await sending.run(text.trim())
    if (!result.ok) return
    setText('')
    setDelta((d) => d + 1)
    toastSuccess('评论已发布')
    list.reload()
  }

  return (
    <View className='zb-read-comments' data-testid='comments'>
      <Text className='zb-read-comments__title' data-testid='comments-count'>
        微论坛 · {Math.max(0, count + delta)} 条评论
      </Text>
      <View className='zb-read-comments__write'>
        <TextArea
          value={text}
          onChange={setText}
          placeholder='谈谈你的学习体会（发布前将经过内容安全检查）'
          maxLength={300}
          showCount
          rows={3}
          data-testid='comment-input'
        />
        <Button
          type='primary'
          size='small'
          loading={sending.pending}
          disabled={!text.trim()}
          onClick={() => void submit()}
          data-testid='comment-send'
        >
          发布评论
        </Button>
      </View>
      {list.loading ? <Text className='zb-read-comments__empty'>评论加载中…</Text> : null}
      {!list.loading && list.failure && list.items.length === 0 ? (
        <Text className='zb-read-comments__empty' onClick={list.reload}>
          {list.failure.message}（点此重试）
        </Text>
      ) : null}
      {!list.loading && !list.failure && list.items.length === 0 ? (
        <Text className='zb-read-comments__empty'>还没有评论，来说说你的体会吧。</Text>
      ) : null}
      {list.items.map((c) => (
        <CommentItem key={c.id} comment={c} articleId={articleId} onChanged={changed} />
      ))}
      {!list.done && list.items.length > 0 ? (
        <Text className='zb-read-comments__more' onClick={list.loadMore}>
          {list.loadingMore ? '加载中…' : '查看更多评论'}
        </Text>
      ) : null}
    </View>
  )
}
