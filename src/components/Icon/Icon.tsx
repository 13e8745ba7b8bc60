import { View, type ITouchEvent } from '@tarojs/components'
import type { CSSProperties } from 'react'
import type { IconName } from './names'
import './icons.scss'

export interface IconProps {
  size?: number | string
  color?: string
  className?: string
  style?: CSSProperties
  onClick?: (event: ITouchEvent) => void
}

function px(value: number | string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  return Number.isNaN(Number(value)) ? String(value) : `${value}px`
}

/**
 * A NutUI icon drawn from a stylesheet class (glyphs/<Name>.scss, loaded by importing the named icon from this
 * folder's index) instead of an inline SVG: the same mask over
 * currentColor, the same `nut-icon` classes, but a few bytes per icon in the weapp's setData instead of ~2 KB.
 */
export function Icon({ name, size, color, className = '', style, onClick }: IconProps & { name: IconName }) {
  const length = px(size)
  return (
    <View
      className={`nut-icon nut-icon-${name} zb-icon zb-icon-${name} ${className}`}
      style={{
        ...style,
        ...(color ? { backgroundColor: color } : {}),
        ...(length ? { width: length, height: length } : {}),
      }}
      onClick={onClick}
    />
  )
}

/** The component of one named icon (glyphs/<Name>.ts, which also brings that icon's stylesheet). */
export function named(name: IconName) {
  const Named = (props: IconProps) => <Icon name={name} {...props} />
  Named.displayName = name
  return Named
}
