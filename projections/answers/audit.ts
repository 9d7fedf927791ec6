import type { Value } from '../../src/domain/value'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { formatInUniverseTime } from '../../src/domain/inUniverseTime'
import type { Validity } from '../../src/domain/change'
import type { AuditEntryAnswer, CorrectionAnswer } from '../port/answers'
import type { AuditCorrection, AuditEntry, FieldFix } from '../reference/audit'
import type { Naming } from './naming'
import { entityRef, renderValidity, renderValue } from './values'
import { accountField, storyChangeAnswer } from './story'

const renderField = (naming: Naming, fix: FieldFix) => {
  const render = (v: unknown): unknown =>
    v === undefined
      ? null
      : fix.field === 'value'
        ? renderValue(naming, v as Value)
        : fix.field === 'valid'
          ? renderValidity(v as Validity)
          : fix.field === 'stardate' && typeof v === 'object' && v !== null
            ? formatInUniverseTime(v as InUniverseTime)
            : v
  return { field: fix.field, before: render(fix.before), after: render(fix.after) }
}

export const auditEntryAnswer = (naming: Naming, e: AuditEntry): AuditEntryAnswer => ({
  release: naming.release(e.release.release.id),
  tier: e.tier,
  change: e.change,
  ...(e.kind === undefined ? {} : { kind: e.kind }),
  entity: entityRef(naming, e.subject),
  ...(e.predicate === undefined ? {} : { predicate: e.predicate }),
  ...(e.claim === undefined ? {} : { claim: e.claim }),
  ...(e.oldValue === undefined ? {} : { oldValue: renderValue(naming, e.oldValue) }),
  ...(e.newValue === undefined ? {} : { newValue: renderValue(naming, e.newValue) }),
  ...(e.valid === undefined ? {} : { valid: renderValidity(e.valid) }),
  ...(e.name === undefined ? {} : { name: e.name }),
  ...(e.aliases === undefined ? {} : { aliases: e.aliases }),
  ...(e.other === undefined ? {} : { other: entityRef(naming, e.other) }),
  ...(e.settles === undefined ? {} : { settles: e.settles }),
  ...(e.story === undefined ? {} : { story: storyChangeAnswer(e.story) }),
  ...accountField(naming, e.account),
  ...(e.quote === undefined ? {} : { quote: e.quote }),
  ...(e.note === undefined ? {} : { note: e.note }),
  ...(e.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: e.exactReleaseUnknownWithin }),
  position: e.release.position.toString(),
  recordedAt: e.release.recordedAt,
  withdrawn: e.withdrawn,
})

export const correctionAnswer = (naming: Naming, c: AuditCorrection): CorrectionAnswer => ({
  id: c.id,
  release: c.release,
  ...(c.claim === undefined ? {} : { claim: c.claim }),
  what: c.what,
  position: c.position.toString(),
  recordedAt: c.recordedAt,
  reason: c.reason,
  fields: c.fields.map((f) => renderField(naming, f)),
})
