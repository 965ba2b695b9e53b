import { FactValues, FAIL, OutcomeCode, PASS, UNKNOWN } from '@app/engine';

/**
 * Four measures of the pack written by hand as plain functions over the facts, with the same three-valued
 * logic (an unknown fact gives "unknown" unless another condition already fails). The baseline the generated
 * functions are measured against: what a careful engineer would write without a rule engine.
 */
function rdSuperDeduction(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const e = f.entityType;
  if (e == null) unknown = true;
  else if (e !== 'enterprise') return FAIL;
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

const NATIONAL_CENTRES = new Set(['enterprise-tech-center', 'engineering-research-center', 'enterprise-key-lab']);

/** Research institutions and universities; or enterprises with a listed R&D centre or foreign investment. */
function refundApplicant(f: FactValues): OutcomeCode {
  const e = f.entityType;
  if (e == null) return UNKNOWN;
  if (e === 'research-institution' || e === 'university') return PASS;
  if (e !== 'enterprise') return FAIL;
  const centres = f.rdCenters as string[] | undefined;
  const byCentre = centres == null ? UNKNOWN : centres.some((c) => NATIONAL_CENTRES.has(c)) ? PASS : FAIL;
  const foreign = f.foreignInvested;
  const byForeign = foreign == null ? UNKNOWN : foreign === true ? PASS : FAIL;
  if (byCentre === PASS || byForeign === PASS) return PASS;
  return byCentre === UNKNOWN || byForeign === UNKNOWN ? UNKNOWN : FAIL;
}

function rdInstitutionVatRefund(f: FactValues): OutcomeCode {
  let unknown = false;
  const g = f.inGuangdong;
  if (g == null) unknown = true;
  else if (g !== true) return FAIL;
  const who = refundApplicant(f);
  if (who === FAIL) return FAIL;
  if (who === UNKNOWN) unknown = true;
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
  const e = f.entityType;
  if (e == null) unknown = true;
  else if (e !== 'enterprise') return FAIL;
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
