import { defineConfig } from 'vitest/config'
import base from './vitest.config'

export default defineConfig({ test: { ...base.test, globalSetup: ['test/fn-setup.ts'] } })
