import { EnterpriseProfile } from '../profile/profile';
import { EnterpriseSize } from '../profile/profile-enums';

const WAN = 10_000;

/**
 * Enterprise size by the industrial thresholds of 工信部联企业〔2011〕300号: large needs ≥ 1000 employees
 * and revenue ≥ 4亿元; medium ≥ 300 and ≥ 2000万元; small ≥ 20 and ≥ 300万元; otherwise micro.
 * Unknown when either input is unknown.
 */
export function enterpriseSize(profile: EnterpriseProfile): EnterpriseSize | undefined {
  const { employees, revenue } = profile;
  if (employees === undefined || revenue === undefined) return undefined;
  if (employees >= 1000 && revenue >= 40_000 * WAN) return 'large';
  if (employees >= 300 && revenue >= 2_000 * WAN) return 'medium';
  if (employees >= 20 && revenue >= 300 * WAN) return 'small';
  return 'micro';
}
