import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import { Card } from '../Card'
import './index.scss'

/** The two numbered steps every spreadsheet import starts with: get the template, upload the filled file. */
export function ImportSteps(props: {
  templateHelp: string
  uploadHelp: string
  busy: 'template' | 'upload' | 'commit' | null
  fileName: string | null
  onTemplate: () => void
  onPick: () => void
}) {
  return (
    <Card>
      <View className='zb-import-step'>
        <Text className='zb-import-step__no'>1</Text>
        <View className='zb-import-step__body'>
          <Text className='zb-import-step__title'>下载导入模板</Text>
          <Text className='zb-import-step__text'>{props.templateHelp}</Text>
          <Button
            size='small'
            type='primary'
            fill='outline'
            loading={props.busy === 'template'}
            onClick={props.onTemplate}
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
          <Text className='zb-import-step__text'>{props.uploadHelp}</Text>
          <Button
            size='small'
            type='primary'
            loading={props.busy === 'upload'}
            onClick={props.onPick}
            data-testid='import-pick'
          >
            {props.fileName ? '重新选择文件' : '选择文件'}
          </Button>
          {props.fileName ? <Text className='zb-import-step__file'>{props.fileName}</Text> : null}
        </View>
      </View>
    </Card>
  )
}
