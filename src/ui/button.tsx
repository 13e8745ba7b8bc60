import { Button as TaroButton, Input as TaroInput, View, type ITouchEvent } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Loading } from '../components/Icon'
import './nutui-lite.scss'

/**
 * NutUI's Button as the main package's pages use it, with NutUI's markup and class names (so it looks the same and
 * NutUI's stylesheet, where a subpackage loads it, agrees), without NutUI's runtime: in the main package NutUI's
 * button, input and their config provider cost ~35 KB of JS and WXSS. Subpackages keep NutUI.
 */
export function Button({
  type = 'default',
  fill,
  size = 'normal',
  block = false,
  loading = false,
  disabled = false,
  className = '',
  onClick,
  children,
  'data-testid': testId,
}: {
  type?: 'default' | 'primary'
  fill?: 'outline'
  size?: 'normal' | 'small'
  block?: boolean
  loading?: boolean
  disabled?: boolean
  className?: string
  onClick?: (event: ITouchEvent) => void
  children: ReactNode
  'data-testid'?: string
}) {
  const off = disabled || loading
  const variant = `nut-button-${type}${fill ? `-${fill}` : ''}`
  const classes = [
    'nut-button',
    `nut-button-${type}`,
    type === 'primary' && !fill ? 'nut-button-primary-solid' : '',
    fill ? `nut-button-${fill} ${variant}` : '',
    `nut-button-${size} nut-button-round nut-button-round-${size}`,
    block ? 'nut-button-block' : '',
    off ? `nut-button-disabled ${variant}-disabled` : '',
    loading ? 'nut-button-loading' : '',
    className,
  ]
  const childClasses = [
    `nut-button-children nut-button-${size}-children nut-button-${type}-children`,
    fill || off ? `${variant}${off ? '-disabled' : ''}` : '',
    loading ? 'nut-button-text' : '',
  ]
  return (
    <TaroButton
      className={classes.filter(Boolean).join(' ')}
      data-testid={testId}
      onClick={(e) => {
        if (!off) onClick?.(e)
      }}
    >
      <View className='nut-button-wrap'>
        {loading ? <Loading className='nut-icon-loading' /> : null}
        <View className={childClasses.filter(Boolean).join(' ')}>{children}</View>
      </View>
    </TaroButton>
  )
}

/** NutUI's Skeleton (`animated`) as the loading view draws it: grey rows with a light sweep (see Button). */
export function SkeletonRows({ rows }: { rows: number }) {
  return (
    <View className='nut-skeleton'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className={`nut-skeleton-content nut-skeleton-content-normal nut-skeleton-content-normal-${i}`}>
          <View className='nut-skeleton-animated nut-skeleton-animation' />
        </View>
      ))}
    </View>
  )
}

/** NutUI's Input as the main package uses it (text or digits, NutUI's markup and classes; see Button). */
export function Input({
  type = 'text',
  value,
  onChange,
  placeholder,
  maxLength = 9999,
  className = '',
  'data-testid': testId,
}: {
  type?: 'text' | 'number'
  value: string
  onChange: (value: string) => void
  placeholder?: string
  maxLength?: number
  className?: string
  'data-testid'?: string
}) {
  return (
    <View className={`nut-input nut-input-container  ${className}`}>
      <TaroInput
        className='nut-input-native'
        data-testid={testId}
        style={{ textAlign: 'left' }}
        // Like NutUI: the browser's numeric keyboard is `tel` (Taro's types lack it); the mini program has `number`.
        type={type === 'number' && process.env.TARO_ENV === 'h5' ? ('tel' as 'text') : type}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='nut-input-placeholder'
        value={value}
        confirmType='done'
        onInput={(e) => onChange(type === 'number' ? e.detail.value.replace(/[^0-9]/g, '') : e.detail.value)}
      />
    </View>
  )
}
