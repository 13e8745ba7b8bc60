export default definePageConfig({ navigationBarTitleText: '登记发展事项' })
