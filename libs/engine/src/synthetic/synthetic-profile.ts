import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../profile/credit-code';
import { EnterpriseProfile } from '../profile/profile';
import { ACTIVITIES, CITIES, CLUSTERS, ENTITY_TYPES, QUALIFICATIONS, RD_CENTERS } from '../profile/profile-enums';

/**
 * Synthetic enterprises for tests and the bench: the batch library writes them as tenant files, the engine's
 * compiler tests screen them. Deterministic from a seed.
 */

/** A small fast seeded PRNG (mulberry32): the same seed gives the same tenants on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const some = <T>(rng: Rng, list: readonly T[], p: number): T[] => list.filter(() => rng() < p);
/** Unknown (absent) with probability p: absent means unknown, and real files have gaps. */
const maybe = <T>(rng: Rng, p: number, value: () => T): T | undefined => (rng() < p ? undefined : value());

export function syntheticCreditCode(rng: Rng): string {
  let first17 = '91440';
  while (first17.length < 17) first17 += CREDIT_CODE_ALPHABET[Math.floor(rng() * 31)];
  return first17 + creditCodeCheckChar(first17);
}

/**
 * A random but realistic enterprise over every CONTRACT §1 field: mostly Guangdong enterprises, revenue
 * spread over five orders of magnitude, R&D intensity 0–12% (so the 6% benchmark splits them), ~10% of each
 * figure unknown.
 */
export function syntheticProfile(rng: Rng, index = 0): EnterpriseProfile {
  const revenue = maybe(rng, 0.1, () => Math.round(10 ** (5 + rng() * 5)));
  const city =
    rng() < 0.08
      ? 'outside-guangdong'
      : pick(
          rng,
          CITIES.filter((c) => c !== 'outside-guangdong'),
        );
  return strip({
    creditCode: syntheticCreditCode(rng),
    name: `示例企业${index}科技有限公司`,
    city: maybe(rng, 0.03, () => city),
    fiscalYear: maybe(rng, 0.3, () => 2023 + Math.floor(rng() * 3)),
    entityType: maybe(rng, 0.05, () => (rng() < 0.85 ? 'enterprise' : pick(rng, ENTITY_TYPES))),
    clusters: maybe(rng, 0.1, () =>
      [pick(rng, CLUSTERS), ...(rng() < 0.4 ? [pick(rng, CLUSTERS)] : [])].filter((c, i, a) => a.indexOf(c) === i),
    ),
    employees: maybe(rng, 0.1, () => Math.floor(10 ** (rng() * 3.6))),
    revenue,
    rdExpense: maybe(rng, 0.15, () => Math.round((revenue ?? 1e7) * rng() * 0.12)),
    exportValue: maybe(rng, 0.3, () => Math.round((revenue ?? 1e7) * rng() * 0.5)),
    qualifications: maybe(rng, 0.1, () => some(rng, QUALIFICATIONS, 0.2)),
    listed: maybe(rng, 0.2, () => rng() < 0.1),
    inventionPatents: maybe(rng, 0.2, () => Math.floor(rng() * 60)),
    domesticInstrumentPurchases: maybe(rng, 0.3, () => (rng() < 0.5 ? 0 : Math.round(rng() * 5e6))),
    firstSetEquipment: maybe(rng, 0.2, () => rng() < 0.08),
    rdCenters: maybe(rng, 0.2, () => some(rng, RD_CENTERS, 0.15)),
    activities: maybe(rng, 0.1, () => some(rng, ACTIVITIES, 0.15)),
    parkId: `park-${1 + Math.floor(rng() * 40)}`,
    taxableIncome: maybe(rng, 0.3, () => Math.round((revenue ?? 1e7) * rng() * 0.15)),
    techTransferIncome: maybe(rng, 0.4, () => (rng() < 0.8 ? 0 : Math.round(rng() * 8e6))),
    foreignInvested: maybe(rng, 0.2, () => rng() < 0.12),
    firstSetContractValue: maybe(rng, 0.5, () => (rng() < 0.9 ? 0 : Math.round(rng() * 1e8))),
  });
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
