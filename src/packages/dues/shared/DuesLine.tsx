import type { ComponentProps } from 'react'
import { TextLine } from '../../../components/FormFields'

/** One line of text in the dues forms' look (the forms have no labels: the placeholder names the field). */
export function DuesLine(props: Omit<ComponentProps<typeof TextLine>, 'className' | 'label' | 'hint'>) {
  return <TextLine className='zb-dues__input' {...props} />
}
