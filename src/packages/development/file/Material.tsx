import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type {
  FileView,
  MaterialStatus,
  MaterialView,
  StepView,
} from '../../../../cloudfunctions/development/src/contract'
import { useMediaPicker, type PickedMedia } from '../../../hooks/useMediaPicker'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { openDownload } from '../../../services/pick-file'
import { Pill, type Tone } from '../../../ui'

/** A material's pill: red while missing, amber until checked, green once checked. */
const MATERIAL_TONE: Record<MaterialStatus, Tone> = { missing: 'red', present: 'amber', checked: 'green' }

/**
 * One material of a step: its status, and for whoever may upload it, photos of the signed pages or a PDF
 * (one picker: hooks/useMediaPicker); for its readers a look at the files; for the secretary, 核对.
 */
export function Material({
  file,
  step,
  m,
  onFile,
}: {
  file: FileView
  step: StepView
  m: MaterialView
  onFile: (f: FileView) => void
}) {
  const picker = useMediaPicker()
  const [busy, setBusy] = useState(false)
  const working = busy || picker.uploading
  const save = async (picked: PickedMedia[]) => {
    if (!picked.length) return
    const { done, failure } = await picker.uploadAll(picked)
    if (failure) return toastFailure(failure)
    setBusy(true)
    const saved = await callFunction('development', 'saveMaterial', {
      memberId: file.member.id,
      step: step.no,
      item: m.id,
      date: step.date ?? file.today,
      fileIDs: done.map((d) => d.fileID),
    })
    setBusy(false)
    if (!saved.ok) return toastFailure(saved)
    toastSuccess('已上传')
    onFile(saved.data)
  }
  const view = async () => {
    setBusy(true)
    const res = await callFunction('development', 'materialFiles', {
      ...(file.isOwn ? {} : { memberId: file.member.id }),
      step: step.no,
      item: m.id,
    })
    setBusy(false)
    if (!res.ok) return toastFailure(res)
    const images = res.data.files.filter((f) => f.kind === 'image' && f.url).map((f) => f.url as string)
    const pdf = res.data.files.find((f) => f.kind === 'pdf' && f.url)
    if (pdf?.url) await openDownload(pdf.url, `${res.data.label}.pdf`)
    else if (images.length) await Taro.previewImage({ urls: images, current: images[0] })
  }
  const check = async () => {
    setBusy(true)
    const res = await callFunction('development', 'checkMaterial', {
      memberId: file.member.id,
      step: step.no,
      item: m.id,
    })
    setBusy(false)
    if (!res.ok) return toastFailure(res)
    toastSuccess('已核对')
    onFile(res.data)
  }
  const again = m.status === 'missing' ? '' : '重新'
  const actions = (m.files > 0 ? 1 : 0) + (m.canUpload ? 2 : 0) + (m.canCheck ? 1 : 0)
  return (
    <View className={`zbd-material ${actions > 1 ? 'zbd-material--stacked' : ''}`} data-testid='material'>
      <Text className='zbd-material__label'>
        {m.label}
        <Pill tone={MATERIAL_TONE[m.generated && m.status === 'missing' ? 'present' : m.status]}>{m.statusLabel}</Pill>
      </Text>
      <View className='zbd-material__actions'>
        {m.files > 0 ? (
          <Text className='zbd-link' onClick={() => !working && void view()} data-testid='material-view'>
            查看
          </Text>
        ) : null}
        {m.canUpload ? (
          <>
            <Text className='zbd-link' onClick={() => !working && void picker.pickPhotos(9).then(save)}>
              {again}上传照片
            </Text>
            <Text
              className='zbd-link'
              onClick={() => !working && void picker.pickPdfs(3).then(save)}
              data-testid='material-pdf'
            >
              {again}上传 PDF
            </Text>
          </>
        ) : null}
        {m.canCheck ? (
          <Text className='zbd-link' onClick={() => !working && void check()}>
            核对
          </Text>
        ) : null}
      </View>
    </View>
  )
}
