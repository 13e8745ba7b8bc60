/**
 * The college's settings of the development file (院党委 only): each configurable rule's severity and number
 * over the national default, and the materials the college adds to a step's checklist. Every change is one
 * transaction with its audit entry, computed from the college document read inside it.
 */
import { hasRole, requireCallerWith, type Caller } from '../../_shared/auth'
import { auditEntry, auditInTx } from '../../_shared/audit'
import { assertTextSafe } from '../../_shared/content'
import { command, readInTx, transaction } from '../../_shared/db'
import type { DevelopmentRuleSetting, DevelopmentSettings, ExtraMaterial } from '../../_shared/domain'
import { AppError } from '../../_shared/envelope'
import type { CallContext } from '../../_shared/handler'
import type { CollegeDoc } from '../../_shared/models'
import { readSettings } from '../../_shared/settings'
import type { RuleSettingView, RulesView } from './contract'
import { materialsOf, ruleView } from './file'
import { resolveRules, RULES, type RuleDef } from './rules'
import { STEPS, stepDef, type StepNo } from './steps'

/**
 * How far a college may move each number: never looser than the national text (a year of training at least,
 * the talk within a month, 24 hours of training), and within what a calendar of local practice makes sense.
 */
export const RULE_LIMITS: Readonly<Record<string, { min: number; max: number }>> = {
  'talk-within': { min: 1, max: 1 },
  'assessment-interval': { min: 1, max: 6 },
  'activist-year': { min: 12, max: 36 },
  'publicity-days': { min: 1, max: 30 },
  'training-hours': { min: 24, max: 200 },
  'leaving-soon': { min: 3, max: 12 },
  'reports-before-admission': { min: 4, max: 12 },
  'approval-within': { min: 1, max: 3 },
  'application-lead': { min: 7, max: 90 },
  'signing-date': { min: 0, max: 30 },
}

const NATIONAL = '《中国共产党发展党员工作细则》'

/** A hard rule of the national text stays hard: a college may tighten a warning, not loosen a block. */
function mayLoosen(rule: RuleDef): boolean {
  return rule.severity === 'warn' || !rule.source.article.startsWith(NATIONAL)
}

function settingsView(dev: DevelopmentSettings, canEdit: boolean): RulesView {
  const resolved = resolveRules(dev)
  return {
    canEdit,
    rules: RULES.map((national): RuleSettingView => {
      const rule = resolved.get(national.id) ?? national
      const limits = RULE_LIMITS[national.id]
      return {
        ...ruleView(rule),
        nationalSeverity: national.severity,
        nationalSeverityLabel: national.severity === 'block' ? '必须遵守' : '提醒',
        nationalValue: national.value ?? null,
        changed: rule.severity !== national.severity || (rule.value ?? null) !== (national.value ?? null),
        canLoosen: national.configurable && mayLoosen(national),
        min: limits?.min ?? null,
        max: limits?.max ?? null,
      }
    }),
    materials: STEPS.map((s) => ({
      step: s.no,
      stepLabel: s.label,
      items: materialsOf(s.no, dev).map((m) => ({ id: m.id, label: m.label, local: m.local })),
    })),
  }
}

export async function rulesView(ctx: CallContext): Promise<RulesView> {
  const caller = await requireCallerWith(ctx, { college: true })
  return settingsView(readSettings(caller.college).development, hasRole(caller, 'committee'))
}

function requireCommittee(caller: Caller): void {
  if (!hasRole(caller, 'committee')) throw new AppError('FORBIDDEN', '只有院党委可以修改发展党员规则和材料清单')
}

/**
 * Reads the college inside a transaction, lets `change` compute the new development settings (or refuse),
 * writes `rules` and `extraMaterials` whole with the audit entry, and answers the view of the result.
 */
async function changeSettings(
  ctx: CallContext,
  change: (dev: DevelopmentSettings) => { next: DevelopmentSettings; action: string; detail: Record<string, unknown> },
  prepare?: (caller: Caller) => Promise<void>,
): Promise<RulesView> {
  const caller = await requireCallerWith(ctx, { college: true })
  requireCommittee(caller)
  await prepare?.(caller)
  const collegeId = caller.member.collegeId
  const next = await transaction(async (tx) => {
    const college = await readInTx<CollegeDoc>(tx.collection('colleges').doc(collegeId))
    if (!college) throw new AppError('NOT_FOUND', '没有找到本学院')
    const out = change(readSettings(college).development)
    await tx
      .collection('colleges')
      .doc(collegeId)
      .update({
        data: {
          // Replaced whole: an object in an update is merged field by field, which would keep a reset rule.
          'settings.development.rules': command().set(out.next.rules),
          'settings.development.extraMaterials': command().set(out.next.extraMaterials),
        },
      })
    await auditInTx(tx, auditEntry(caller, out.action, collegeId, out.detail, ctx.now))
    return out.next
  })
  return settingsView(next, true)
}

function ruleText(rule: RuleDef, setting: { severity: string; value: number | null }): string {
  const severity = setting.severity === 'block' ? '必须遵守' : '提醒'
  return setting.value === null || rule.unit === undefined ? severity : `${severity}，${setting.value} ${rule.unit}`
}

/** A rule's severity and number; `value: null` (or leaving both as the national default) restores the default. */
export function saveRule(
  params: { ruleId: string; severity: 'block' | 'warn'; value?: number | null },
  ctx: CallContext,
): Promise<RulesView> {
  return changeSettings(ctx, (dev) => {
    const national = RULES.find((r) => r.id === params.ruleId)
    if (!national) throw new AppError('NOT_FOUND', '没有这条规则')
    if (!national.configurable)
      throw new AppError('FAILED_PRECONDITION', `「${national.label}」是发展党员的基本程序，不能由学院修改`)
    if (params.severity === 'warn' && !mayLoosen(national))
      throw new AppError(
        'FAILED_PRECONDITION',
        `「${national.label}」是${national.source.article}的规定，只能必须遵守，不能改为提醒`,
      )
    const limits = RULE_LIMITS[national.id]
    const value = params.value ?? null
    if (value !== null && (national.value === undefined || !limits))
      throw new AppError('INVALID_ARGUMENT', `「${national.label}」没有可设置的数值`)
    if (value !== null && limits && (value < limits.min || value > limits.max))
      throw new AppError(
        'INVALID_ARGUMENT',
        `「${national.label}」应在 ${limits.min} 至 ${limits.max} ${national.unit ?? ''}之间，国家规定为 ${national.value} ${national.unit ?? ''}`.replace(
          / +/g,
          ' ',
        ),
      )
    const before = resolveRules(dev).get(national.id) ?? national
    const setting: DevelopmentRuleSetting = {
      ...(params.severity !== national.severity ? { severity: params.severity } : {}),
      // A number equal to the default is still kept: a college may pin a value a legacy setting had changed.
      ...(value !== null ? { value } : {}),
    }
    const rules = { ...dev.rules }
    if (Object.keys(setting).length) rules[national.id] = setting
    else delete rules[national.id]
    const after = { severity: params.severity, value: value ?? national.value ?? null }
    return {
      next: { ...dev, rules },
      action: 'development.saveRule',
      detail: {
        summary: `修改规则「${national.label}」：${ruleText(national, { severity: before.severity, value: before.value ?? null })} → ${ruleText(national, after)}`,
        ruleId: national.id,
        before: dev.rules[national.id] ?? null,
        after: rules[national.id] ?? null,
      },
    }
  })
}

function newMaterialId(): string {
  return `local-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

export function addMaterial(params: { step: number; label: string }, ctx: CallContext): Promise<RulesView> {
  const no = params.step as StepNo
  return changeSettings(
    ctx,
    (dev) => {
      const same = materialsOf(no, dev).find((m) => m.label === params.label)
      if (same) throw new AppError('CONFLICT', `第 ${no} 步「${stepDef(no).label}」已有材料「${same.label}」`)
      if (dev.extraMaterials.length >= 60) throw new AppError('FAILED_PRECONDITION', '学院增加的材料最多 60 项')
      const item: ExtraMaterial = { step: no, id: newMaterialId(), label: params.label }
      return {
        next: { ...dev, extraMaterials: [...dev.extraMaterials, item] },
        action: 'development.addMaterial',
        detail: { summary: `第 ${no} 步「${stepDef(no).label}」增加材料「${item.label}」`, before: null, after: item },
      }
    },
    (caller) => assertTextSafe(params.label, caller.openid),
  )
}

export function removeMaterial(params: { step: number; id: string }, ctx: CallContext): Promise<RulesView> {
  return changeSettings(ctx, (dev) => {
    const item = dev.extraMaterials.find((m) => m.step === params.step && m.id === params.id)
    if (!item) {
      const national = stepDef(params.step as StepNo).materials.some((m) => m.id === params.id)
      throw new AppError(
        national ? 'FAILED_PRECONDITION' : 'NOT_FOUND',
        national ? '国家规定的材料不能删除，只能删除学院增加的材料' : '没有找到这项学院增加的材料',
      )
    }
    return {
      next: { ...dev, extraMaterials: dev.extraMaterials.filter((m) => m !== item) },
      action: 'development.removeMaterial',
      detail: {
        summary: `第 ${item.step} 步「${stepDef(item.step as StepNo).label}」删除材料「${item.label}」（已上传的文件仍保留在成员的记录中）`,
        before: item,
        after: null,
      },
    }
  })
}
