import { Input, TextArea } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { useAction } from '../../../hooks/useCall'
import { useDraft } from '../../../hooks/useDraft'
import { useSubmit } from '../../../hooks/useSubmit'
import { useMediaPicker } from '../../../hooks/useMediaPicker'
import type { NominationCard } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import { Field } from '../../../ui'
import { MemberHead, Pill } from '../shared/ui'

/** The committee's decision on one nomination: award it with a citation and a photo, or decline it with a reason. */
export function AwardForm({ n, onDone }: { n: NominationCard; onDone: () => void }) {
  const draft = useDraft('honour-citation', n.id, { citation: n.reason, photo: '', photoPath: '' })
  const [declining, setDeclining] = useState(false)
  const [declineReason, setDeclineReason] = useState('')
  const media = useMediaPicker()
  const award = useSubmit(
    () =>
      callFunction('voices', 'awardHonour', {
        nominationId: n.id,
        citation: draft.value.citation.trim(),
        ...(draft.value.photo ? { photo: draft.value.photo } : {}),
      }),
    '已授予',
    () => {
      draft.clear()
      onDone()
    },
  )
  const decline = useAction(() =>
    callFunction('voices', 'declineNomination', { nominationId: n.id, reason: declineReason.trim() }),
  )
  const addPhoto = async () => {
    const [photo] = await media.pickPhotos(1)
    if (!photo) return
    const uploaded = await media.upload(photo)
    if (!uploaded.ok) return toastFailure(uploaded)
    draft.set((d) => ({ ...d, photo: uploaded.data.fileID, photoPath: photo.path }))
  }
  return (
    <View className='zbv-member' data-testid='nomination'>
      <MemberHead name={n.name} meta={`${n.branchName} · ${n.nominatedByName}推荐`}>
        <Pill tone='amber'>{n.title}</Pill>
      </MemberHead>
      <Text className='zbv-row__sub'>推荐理由：{n.reason}</Text>
      <Field label='事迹简介' hint='将在榜样栏展示，至少 10 字'>
        <TextArea
          className='zbv-textarea'
          placeholder='事迹简介'
          maxLength={500}
          autoSize
          value={draft.value.citation}
          onChange={(t) => draft.set((d) => ({ ...d, citation: t }))}
        />
      </Field>
      {draft.value.photoPath ? (
        <Image className='zbv-honour__photo' src={draft.value.photoPath} mode='aspectFill' />
      ) : null}
      <ActionBar
        inline
        actions={[
          {
            text: draft.value.photo ? '更换照片' : '添加照片',
            loading: media.uploading,
            onClick: () => void addPhoto(),
          },
          {
            text: '授予称号',
            primary: true,
            loading: award.pending,
            waitsFor: draft.value.citation.trim().length < 10 ? '事迹简介至少 10 字' : null,
            disabled: media.uploading,
            onClick: award.submit,
            testId: 'award',
          },
          { text: '不予表彰', onClick: () => setDeclining(!declining) },
        ]}
      />
      {declining ? (
        <>
          <Input
            className='zbv-input'
            placeholder='不予表彰的理由'
            maxLength={200}
            value={declineReason}
            onChange={setDeclineReason}
          />
          <ActionBar
            inline
            actions={[
              {
                text: '确认不予表彰',
                danger: true,
                loading: decline.pending,
                waitsFor: declineReason.trim().length < 2 ? '请填写不予表彰的理由' : null,
                onClick: () => void decline.run().then((r) => r.ok && onDone()),
              },
            ]}
          />
        </>
      ) : null}
    </View>
  )
}
