export default definePageConfig({ navigationBarTitleText: '关于支部通' })
