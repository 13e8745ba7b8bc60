/**
 * The unbound demo roster entries and their binding codes (local-cloud/src/seed/people.ts
 * DEMO_BIND_CODES; test/unit/persona.test.ts keeps the two equal), for trying the bind flow.
 */
export const DEMO_BINDINGS: readonly { studentNo: string; name: string; code: string }[] = [
  { studentNo: '2023010215', name: '陈浩然', code: 'ZBTD-7K3M' },
  { studentNo: '2023020206', name: '郭婉清', code: 'ZBTD-4W8X' },
  { studentNo: '2025110115', name: '冯振宇', code: 'ZBTD-6R2H' },
]
