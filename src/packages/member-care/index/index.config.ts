export default definePageConfig({ navigationBarTitleText: '外出与组织关系' })
