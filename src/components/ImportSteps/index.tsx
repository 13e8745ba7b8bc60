import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import type { UploadedSheet } from '../../hooks/useImportFlow'
import type { CallFailure } from '../../services/call'
import { Card } from '../Card'
import './index.scss'
import { FailureLine } from '../FailureLine'

/** What the steps show of an import (`useImportFlow`): where it is, the file picked, why the last step failed. */
interface ImportStart {
  busy: 'template' | 'upload' | 'commit' | null
  sheet: UploadedSheet | null
  error: CallFailure | null
  downloadTemplate: () => Promise<void>
  pickAndPreview: () => Promise<void>
}

/**
 * The two numbered steps every spreadsheet import starts with (get the template, upload the filled file), and
 * under them why the last step failed, in the page's `errorClass`.
 */
export function ImportSteps({
  flow,
  templateHelp,
  uploadHelp,
  errorClass,
}: {
  flow: ImportStart
  templateHelp: string
  uploadHelp: string
  errorClass: string
}) {
  const fileName = flow.sheet?.picked.name ?? null
  return (
    <>
      <Card>
        <View className='zb-import-step'>
          <Text className='zb-import-step__no'>1</Text>
          <View className='zb-import-step__body'>
            <Text className='zb-import-step__title'>下载导入模板</Text>
            <Text className='zb-import-step__text'>{templateHelp}</Text>
            <Button
              size='small'
              type='primary'
              fill='outline'
              loading={flow.busy === 'template'}
              onClick={() => void flow.downloadTemplate()}
              data-testid='import-template'
            >
              下载模板（.xlsx）
            </Button>
          </View>
        </View>
        <View className='zb-import-step'>
          <Text className='zb-import-step__no'>2</Text>
          <View className='zb-import-step__body'>
            <Text className='zb-import-step__title'>上传填好的文件</Text>
            <Text className='zb-import-step__text'>{uploadHelp}</Text>
            <Button
              size='small'
              type='primary'
              loading={flow.busy === 'upload'}
              onClick={() => void flow.pickAndPreview()}
              data-testid='import-pick'
            >
              {fileName ? '重新选择文件' : '选择文件'}
            </Button>
            {fileName ? <Text className='zb-import-step__file'>{fileName}</Text> : null}
          </View>
        </View>
      </Card>
      <FailureLine failure={flow.error} className={errorClass} testId='import-failure' />
    </>
  )
}
