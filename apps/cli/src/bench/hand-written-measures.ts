import { FactValues, FAIL, OutcomeCode, PASS, UNKNOWN } from '@app/engine';

/**
 * Four measures of the pack written by hand as plain functions over the facts, with the same three-valued
 * logic (an unknown fact gives "unknown" unless another condition already fails). The baseline the generated
 * functions are measured against: what a careful engineer would write without a rule engine.
 */
const EMERGING = new Set([
  'semiconductors-ic', 'high-end-equipment', 'intelligent-robots', 'blockchain-quantum', 'frontier-materials', 'new-energy',
  'laser-additive-manufacturing', 'digital-creative', 'safety-emergency-environmental', 'precision-instruments',
]);

function rdSuperDeduction(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const e = f.entityType;
  if (e == null) unknown = true;
  else if (e !== 'enterprise') return FAIL;
  const c = f.clusters as string[] | undefined;
  if (c == null) unknown = true;
  else {
    let hit = false;
    for (let i = 0; i < c.length && !hit; i++) hit = EMERGING.has(c[i]);
    if (!hit) return FAIL;
  }
  const r = f.rdExpense as number | undefined;
  if (r == null) unknown = true;
  else if (!(r > 0)) return FAIL;
  return unknown ? UNKNOWN : PASS;
}

function rdIntensityBenchmark(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const c = f.clusters as string[] | undefined;
  if (c == null) unknown = true;
  else if (c.indexOf('precision-instruments') < 0) return FAIL;
  const q = f.qualifications as string[] | undefined;
  if (q == null) unknown = true;
  else if (q.indexOf('key-backbone') < 0) return FAIL;
  const r = f.rdIntensity as number | undefined;
  if (r == null) unknown = true;
  else if (!(r >= 0.06)) return FAIL;
  return unknown ? UNKNOWN : PASS;
}

function rdInstitutionVatRefund(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const e = f.entityType;
  if (e == null) unknown = true;
  else if (e !== 'research-institution') return FAIL;
  const p = f.domesticInstrumentPurchases as number | undefined;
  if (p == null) unknown = true;
  else if (!(p > 0)) return FAIL;
  return unknown ? UNKNOWN : PASS;
}

function firstSetInsurance(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const c = f.clusters as string[] | undefined;
  if (c == null) unknown = true;
  else if (c.indexOf('high-end-equipment') < 0) return FAIL;
  const s = f.firstSetEquipment;
  if (s == null) unknown = true;
  else if (s !== true) return FAIL;
  return unknown ? UNKNOWN : PASS;
}

export const HAND_WRITTEN: Readonly<Record<string, (f: FactValues) => OutcomeCode>> = {
  'k895-rd-super-deduction': rdSuperDeduction,
  'pi-rd-intensity-benchmark': rdIntensityBenchmark,
  'pi-rd-institution-vat-refund': rdInstitutionVatRefund,
  'he-first-set-insurance-compensation': firstSetInsurance,
};
