import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { useAction } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { Res } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { openLetter } from './letter'
import { pickAndUploadPhoto } from './photo'
import { dayLabel, go, momentLabel } from './ui'
import { Pill, type Tone } from '../../../ui'

type Home = Res<'member-care', 'home'>
export type Transfer = NonNullable<Home['transfer']>

export function transferTone(t: Transfer): Tone {
  if (t.letter?.lapsed || t.status === 'returned') return 'red'
  if (t.status === 'completed') return 'green'
  return 'amber'
}

/** What a transfer says on any list: where to, why, the letter and its validity. */
export function TransferLines({ t }: { t: Transfer }) {
  return (
    <>
      <Text className='zbc-sub'>
        {t.reasonLabel} · 转往 {t.destOrg}
      </Text>
      <Text className='zbc-sub'>去往单位：{t.destUnit}</Text>
      {t.review ? (
        <Text className='zbc-sub'>
          {t.status === 'returned' ? '退回' : '支部审核'}：{t.review.byName} {momentLabel(t.review.at)}
          {t.review.note ? `，${t.review.note}` : ''}
        </Text>
      ) : null}
      {t.letter ? (
        <Text className='zbc-sub'>
          介绍信 {t.letter.no}，有效期至 {dayLabel(t.letter.validUntil)}
          {t.letter.issuedCount > 1 ? `（第 ${t.letter.issuedCount} 次开具）` : ''}
        </Text>
      ) : null}
      {t.receipt ? <Text className='zbc-sub'>回执已于 {momentLabel(t.receipt.at)} 上传</Text> : null}
    </>
  )
}

/** The member's own transfer: apply, follow it, open the letter, upload the 回执. */
export function TransferCard({ home, reload }: { home: Home; reload: () => void }) {
  const t = home.transfer
  const [uploading, setUploading] = useState(false)
  const withdraw = useAction((id: string) => callFunction('member-care', 'withdrawTransfer', { transferId: id }))
  const upload = async (id: string): Promise<void> => {
    setUploading(true)
    try {
      const file = await pickAndUploadPhoto()
      if (!file) return
      if (!file.ok) return toastFailure(file)
      const res = await callFunction('member-care', 'uploadReceipt', { transferId: id, file: file.data.fileID })
      if (!res.ok) return toastFailure(res)
      toastSuccess('回执已上传')
      reload()
    } finally {
      setUploading(false)
    }
  }
  if (!t || t.status === 'returned') {
    return (
      <Card title='组织关系转接'>
        {t ? (
          <View className='zbc-row__main' data-testid='care-transfer'>
            <Pill tone='red'>申请已退回</Pill>
            <TransferLines t={t} />
          </View>
        ) : (
          <Text className='zbc-text'>
            毕业、就业或升学离校时，申请把组织关系转到新的单位。支部核对党费和档案后，院党委开具介绍信；接收单位的回执交回后转接完成。
          </Text>
        )}
        {home.pastTransfers.map((p) => (
          <View key={p.id} className='zbc-row__main' data-testid='care-past-transfer'>
            <Text className='zbc-sub'>
              已于 {momentLabel(p.receipt?.at ?? p.appliedAt)} 转往 {p.destOrg}（介绍信 {p.letter?.no ?? ''}）
            </Text>
          </View>
        ))}
        {home.isPartyMember && home.inBranch ? (
          <ActionBar
            inline
            actions={[
              {
                text: t ? '重新申请' : '申请转接组织关系',
                primary: Boolean(t),
                onClick: () => go(ROUTES.careTransfer),
                testId: 'care-apply-transfer',
              },
            ]}
          />
        ) : null}
      </Card>
    )
  }
  return (
    <Card title='组织关系转接' extra={<Pill tone={transferTone(t)}>{t.statusLabel}</Pill>}>
      <View className='zbc-row__main' data-testid='care-transfer'>
        <TransferLines t={t} />
      </View>
      {t.letter?.lapsed ? (
        <Text className='zbc-alert'>介绍信已过有效期且未交回回执，请联系院党委重新开具。</Text>
      ) : null}
      <ActionBar
        inline
        actions={[
          ...(t.letter
            ? [
                { text: '查看介绍信', onClick: () => void openLetter(t.id, 'pdf'), testId: 'care-letter-pdf' },
                { text: '下载 Word 版', onClick: () => void openLetter(t.id, 'docx') },
              ]
            : []),
          ...(t.status === 'issued' && !t.letter?.lapsed
            ? [
                {
                  text: '上传回执照片',
                  primary: true,
                  loading: uploading,
                  onClick: () => void upload(t.id),
                  testId: 'care-upload-receipt',
                },
              ]
            : []),
          ...(t.status === 'applied'
            ? [
                {
                  text: '撤回申请',
                  loading: withdraw.pending,
                  onClick: () => void withdraw.run(t.id).then((r) => r.ok && reload()),
                },
              ]
            : []),
        ]}
      />
    </Card>
  )
}
