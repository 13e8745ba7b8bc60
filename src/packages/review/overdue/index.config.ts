export default definePageConfig({ navigationBarTitleText: '逾期未交名单' })
