import { View } from '@tarojs/components'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { TextBox } from '../../../components/FormFields'
import { useSubmit } from '../../../hooks/useSubmit'
import { callFunction } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import { pickAndUploadPhoto } from '../shared/photo'
import '../shared/care.scss'

/** 报到: a short note of how things are, maybe a photo (at the workplace, a study group online). */
export function ReportIn({ onDone }: { onDone: () => void }) {
  const [text, setText] = useState('')
  const [photo, setPhoto] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)
  const send = useSubmit(
    () => callFunction('member-care', 'reportIn', { text, photo }),
    '已报到',
    () => {
      setText('')
      setPhoto(null)
      onDone()
    },
  )
  const addPhoto = async (): Promise<void> => {
    setUploading(true)
    try {
      const res = await pickAndUploadPhoto()
      if (res && !res.ok) toastFailure(res)
      if (res?.ok) setPhoto(res.data.fileID)
    } finally {
      setUploading(false)
    }
  }
  return (
    <View className='zbc-form' data-testid='care-report-in'>
      <TextBox
        label='报到近况'
        placeholder='近况：学习和工作情况、参加组织生活的情况'
        value={text}
        onChange={setText}
        maxLength={300}
      />
      <ActionBar
        inline
        actions={[
          {
            text: photo ? '已添加照片，重新选择' : '添加照片（选填）',
            loading: uploading,
            onClick: () => void addPhoto(),
          },
          {
            text: '向支部报到',
            primary: true,
            loading: send.pending,
            waitsFor: text.trim().length < 2 ? '请写几句近况' : null,
            onClick: send.submit,
            testId: 'care-report-in-send',
          },
        ]}
      />
    </View>
  )
}
