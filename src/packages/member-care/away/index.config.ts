export default definePageConfig({ navigationBarTitleText: '外出登记' })
