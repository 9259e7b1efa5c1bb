import { auditC } from './audit-c.ts';
import { audit } from './audit.ts';
import type { InstrumentDefinition, InstrumentId } from './definition.ts';
import { gad7 } from './gad7.ts';
import { overdoseSelfCheck } from './overdose-self-check.ts';
import { phq9 } from './phq9.ts';
import { sds } from './sds.ts';
import { top } from './top.ts';

/**
 * Every instrument Harbour offers, keyed by id, so the portals can render any of them from data. A new
 * instrument is one definition file plus one entry here plus its tests (docs/instruments.md).
 */
export const instruments: Readonly<Record<InstrumentId, InstrumentDefinition>> = {
  sds,
  audit_c: auditC,
  audit,
  phq9,
  gad7,
  top,
  overdose_self_check: overdoseSelfCheck,
};

/** The instruments a person may complete themselves in the self-check portal. */
export function selfReportInstruments(): InstrumentDefinition[] {
  return Object.values(instruments).filter((definition) => definition.administeredBy.includes('self'));
}
