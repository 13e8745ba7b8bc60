import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { sessionPage } from '../../../components/SessionPage'
import { ROUTES } from '../../../routes'
import type { ImportResult } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { stepOf, useImportFlow } from '../../../hooks/useImportFlow'
import { ImportSteps } from '../../../components/ImportSteps'
import { OPTION_LETTERS, QUIZ_QUESTION_TYPE_LABELS } from '../../../services/domain'
import '../shared/admin.scss'
import './index.scss'
import { Pill } from '../../../ui'

type Preview = Extract<ImportResult, { mode: 'preview' }>
type Done = Extract<ImportResult, { mode: 'confirm' }>

export default sessionPage('page-quiz-import', Importer)

/** Template → upload → preview with a per-row error report → import the valid rows. */
function Importer() {
  const flow = useImportFlow<Preview, Done>({
    template: async () =>
      stepOf(await callFunction('quiz', 'importQuestions', { mode: 'template' }), (d) =>
        d.mode === 'template' ? d : null,
      ),
    preview: async (sheet) =>
      stepOf(await callFunction('quiz', 'importQuestions', { mode: 'preview', fileID: sheet.fileID }), (d) =>
        d.mode === 'preview' ? d : null,
      ),
    commit: async (sheet) =>
      stepOf(await callFunction('quiz', 'importQuestions', { mode: 'confirm', fileID: sheet.fileID }), (d) =>
        d.mode === 'confirm' ? d : null,
      ),
  })
  const { busy, preview, done } = flow

  if (done) {
    return (
      <View className='za-card zi-done' data-testid='import-done'>
        <Text className='zi-done__big'>已导入 {done.imported} 道题目</Text>
        <Text className='zi-done__line'>
          文件共 {done.total} 行题目{done.errors.length > 0 ? `，${done.errors.length} 行有问题未导入` : ''}。
        </Text>
        <View className='za-actions'>
          <Button onClick={() => void Taro.redirectTo({ url: ROUTES.quizBank })}>查看题库</Button>
          <Button type='primary' onClick={flow.restart}>
            继续导入
          </Button>
        </View>
      </View>
    )
  }

  return (
    <>
      <ImportSteps
        flow={flow}
        templateHelp='按模板的“题目”表填写：题型、题干、选项 A–F、正确答案、解析、标签、难度。模板里有填写说明和示例。'
        uploadHelp='支持 .xlsx 和 .csv，一次最多 500 道。上传后先预览，逐行列出问题，不会直接写入题库。'
        errorClass='zi-alert'
      />
      {preview ? <PreviewView preview={preview} busy={busy === 'commit'} onConfirm={() => void flow.commit()} /> : null}
    </>
  )
}

function PreviewView({ preview, busy, onConfirm }: { preview: Preview; busy: boolean; onConfirm: () => void }) {
  return (
    <>
      <View className='za-card zi-summary' data-testid='import-summary'>
        <Text className='zi-summary__line'>
          共 {preview.total} 行题目，<Text className='zi-ok'>{preview.validCount} 道可以导入</Text>
          {preview.errors.length > 0 ? (
            <>
              ，<Text className='zi-bad'>{preview.errors.length} 行有问题</Text>
            </>
          ) : null}
          。
        </Text>
      </View>
      {preview.errors.length > 0 ? (
        <>
          <Text className='za-section'>需要修改的行（修改后重新上传，或只导入没有问题的行）</Text>
          <View className='za-card' data-testid='import-errors'>
            {preview.errors.map((e) => (
              <Text className='zi-error' key={`${e.row}-${e.message}`} data-testid='import-error'>
                第 {e.row} 行：{e.message}
              </Text>
            ))}
          </View>
        </>
      ) : null}
      {preview.samples.length > 0 ? (
        <>
          <Text className='za-section'>预览（前 {preview.samples.length} 道）</Text>
          {preview.samples.map((q) => (
            <View className='za-q' key={q.row}>
              <View className='za-q__meta'>
                <Pill>第 {q.row} 行</Pill>
                <Pill tone='red'>{QUIZ_QUESTION_TYPE_LABELS[q.type]}</Pill>
                {q.tags.map((t) => (
                  <Pill key={t}>{t}</Pill>
                ))}
              </View>
              <Text className='za-q__stem'>{q.stem}</Text>
              {q.type === 'judge' ? (
                <Text className='za-q__option za-q__option--right'>答案：{q.answer[0] === 0 ? '正确' : '错误'}</Text>
              ) : (
                q.options.map((o, i) => (
                  <Text key={i} className={`za-q__option ${q.answer.includes(i) ? 'za-q__option--right' : ''}`}>
                    {OPTION_LETTERS[i]}. {o}
                    {q.answer.includes(i) ? '  ✓' : ''}
                  </Text>
                ))
              )}
            </View>
          ))}
        </>
      ) : null}
      <View className='za-actions'>
        <Button
          type='primary'
          block
          disabled={preview.validCount === 0}
          loading={busy}
          onClick={onConfirm}
          data-testid='import-confirm'
        >
          {preview.validCount > 0 ? `导入 ${preview.validCount} 道题目` : '没有可以导入的题目'}
        </Button>
      </View>
    </>
  )
}
