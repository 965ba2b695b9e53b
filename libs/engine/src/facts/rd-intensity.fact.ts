import { EnterpriseProfile } from '../profile/profile';

/** R&D intensity = rdExpense / revenue; unknown when either is unknown or revenue is 0. */
export function rdIntensity(profile: EnterpriseProfile): number | undefined {
  const { rdExpense, revenue } = profile;
  if (rdExpense === undefined || revenue === undefined || revenue === 0) return undefined;
  return rdExpense / revenue;
}
