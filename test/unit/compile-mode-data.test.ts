import { describe, expect, it } from 'vitest'
import { dropDynamicData } from '../../config/compile-mode-data'

/** The weapp build's CompileMode fix (config/compile-mode-data.ts): only Taro's broken dynamic data-* go. */
describe('CompileMode templates', () => {
  it('drop a dynamic data-* attribute that WXML would read as a subtraction, and keep everything else', () => {
    const wxml =
      '<view class="zb-queue-row" data-id="{{i.data-id}}" data-testid="queue-item" bindtap="eh" data-sid="{{i.sid}}">' +
      '<text data-tag="{{i.data-tag}}">{{i.cn[0].v}}</text></view>'
    expect(dropDynamicData(wxml)).toBe(
      '<view class="zb-queue-row" data-testid="queue-item" bindtap="eh" data-sid="{{i.sid}}">' +
        '<text>{{i.cn[0].v}}</text></view>',
    )
  })

  it('leaves a template without them unchanged', () => {
    const wxml = '<view class="a" bindtap="eh"><text>{{i.v}}</text></view>'
    expect(dropDynamicData(wxml)).toBe(wxml)
  })
})
