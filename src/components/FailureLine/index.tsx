import { Text } from '@tarojs/components'

/**
 * Why the last request of a form failed, in the feature's own look (`className`), where the form shows it;
 * nothing while it has not failed.
 */
export function FailureLine({
  failure,
  className,
  testId,
}: {
  failure: { message: string } | null | undefined
  className: string
  testId: string
}) {
  return failure ? (
    <Text className={className} data-testid={testId}>
      {failure.message}
    </Text>
  ) : null
}
