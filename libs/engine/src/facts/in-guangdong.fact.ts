import { EnterpriseProfile } from '../profile/profile';

/** Registered in one of Guangdong's 21 prefecture-level cities; unknown when city is unknown. */
export function inGuangdong(profile: EnterpriseProfile): boolean | undefined {
  if (profile.city === undefined) return undefined;
  return profile.city !== 'outside-guangdong';
}
