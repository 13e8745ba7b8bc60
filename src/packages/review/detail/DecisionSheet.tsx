import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { useAction } from '../../../hooks/useCall'
import type { ReviewDecision } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { REPORT_LIMITS } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import './index.scss'

/** The decision: a comment (quick phrases one tap away, editable), then confirm. */
export function DecisionSheet(props: {
  decision: ReviewDecision
  reportId: string
  version: number
  phrases: string[]
  onClose: () => void
  onDone: () => void
}) {
  const { decision, reportId, version, onClose, onDone } = props
  const [comment, setComment] = useState('')
  const [phrases, setPhrases] = useState(props.phrases)
  const [editing, setEditing] = useState(false)
  const [newPhrase, setNewPhrase] = useState('')
  const send = useCallback(
    (c: string) => callFunction('report', 'review', { id: reportId, version, decision, comment: c }),
    [reportId, version, decision],
  )
  const { run, pending } = useAction(send)
  const savePhrases = useCallback((list: string[]) => callFunction('report', 'savePhrases', { phrases: list }), [])
  const phrasesAction = useAction(savePhrases)
  const returning = decision === 'return'

  const confirm = async () => {
    if (returning && comment.trim() === '') return void Taro.showToast({ title: '退回时请写明修改意见', icon: 'none' })
    const res = await run(comment.trim())
    if (res.ok) {
      toastSuccess(returning ? '已退回' : '已通过')
      onDone()
    }
  }

  const storePhrases = async (list: string[]) => {
    const res = await phrasesAction.run(list)
    if (res.ok) setPhrases(res.data.phrases)
    return res.ok
  }

  const addPhrase = async () => {
    const text = newPhrase.trim()
    if (!text) return
    if (phrases.length >= REPORT_LIMITS.phrasesMax)
      return void Taro.showToast({ title: `常用语最多 ${REPORT_LIMITS.phrasesMax} 条`, icon: 'none' })
    if (await storePhrases([...phrases, text])) setNewPhrase('')
  }

  return (
    <View className='zb-sheet' data-testid='decision-sheet'>
      <View className='zb-sheet__mask' onClick={onClose} />
      <View className='zb-sheet__panel'>
        <View className='zb-sheet__head'>
          <Text className='zb-sheet__title'>{returning ? '退回修改' : '审阅通过'}</Text>
          <Text className='zb-sheet__close' onClick={onClose}>
            取消
          </Text>
        </View>
        <Textarea
          className='zb-sheet__input'
          value={comment}
          maxlength={REPORT_LIMITS.commentMax}
          placeholder={returning ? '写明需要修改的地方（必填）' : '写几句批注（可不填）'}
          onInput={(e) => setComment(e.detail.value)}
          data-testid='review-comment'
        />
        <View className='zb-sheet__phrases-head'>
          <Text className='zb-sheet__label'>常用语</Text>
          <Text className='zb-sheet__edit' onClick={() => setEditing(!editing)} data-testid='edit-phrases'>
            {editing ? '完成' : '编辑'}
          </Text>
        </View>
        <View className='zb-sheet__phrases'>
          {phrases.length === 0 ? <Text className='zb-sheet__none'>还没有常用语，点“编辑”添加。</Text> : null}
          {phrases.map((p) => (
            <Text
              key={p}
              className={`zb-sheet__phrase ${editing ? 'zb-sheet__phrase--editing' : ''}`}
              onClick={() =>
                editing ? void storePhrases(phrases.filter((x) => x !== p)) : setComment((c) => (c ? `${c}${p}` : p))
              }
              data-testid='phrase'
            >
              {p}
              {editing ? ' ✕' : ''}
            </Text>
          ))}
        </View>
        {editing ? (
          <View className='zb-sheet__add'>
            <Input
              className='zb-sheet__add-input'
              value={newPhrase}
              maxlength={REPORT_LIMITS.phraseMax}
              placeholder='新增一条常用语'
              onInput={(e) => setNewPhrase(e.detail.value)}
              data-testid='new-phrase'
            />
            <Text className='zb-sheet__add-btn' onClick={() => void addPhrase()} data-testid='add-phrase'>
              添加
            </Text>
          </View>
        ) : null}
        <Button
          className='zb-sheet__confirm'
          type='primary'
          block
          loading={pending}
          onClick={() => void confirm()}
          data-testid='confirm-review'
        >
          {returning ? '确认退回' : '确认通过'}
        </Button>
        <Text className='zb-sheet__sign'>将以你的姓名和当前时间签署审阅意见</Text>
      </View>
    </View>
  )
}
