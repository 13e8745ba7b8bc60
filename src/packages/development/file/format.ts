import { formatDate } from '../../../utils/stage'

export const day = (d: string | null | undefined): string => (d ? formatDate(d) : '未登记')
