/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.css'
declare module '*.scss'

// Taro replaces these at build time (DefinePlugin); the app never reads other env vars.
declare const process: {
  env: {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5'
    /** WeChat cloud-development env id for weapp (see config/index.ts). */
    TARO_APP_CLOUD_ENV?: string
    /** Subscribe-message template ids (see config/index.ts). */
    TARO_APP_MEETING_NOTICE_TEMPLATE_ID?: string
    TARO_APP_MEETING_REMINDER_TEMPLATE_ID?: string
    TARO_APP_LEAVE_RESULT_TEMPLATE_ID?: string
    TARO_APP_DUES_REMINDER_TEMPLATE_ID?: string
  }
}
