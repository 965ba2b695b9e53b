import { EnterpriseProfile } from '@app/engine';
import { ProfileDto } from './dto/profile.dto';

/** A validated DTO as the engine's profile: null and undefined fields dropped (both mean unknown). */
export function toProfile(dto: ProfileDto): EnterpriseProfile {
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dto)) if (value !== null && value !== undefined) profile[key] = value;
  return profile as EnterpriseProfile;
}
