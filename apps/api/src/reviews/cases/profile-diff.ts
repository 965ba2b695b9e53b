/** One profile field that differs between two versions; absent = undefined (unknown). */
export interface ProfileChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields that differ between two profiles (arrays compared as sets of their values, in order). */
export function diffProfiles(before: unknown, after: unknown): ProfileChange[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => JSON.stringify(normal(a[f])) !== JSON.stringify(normal(b[f])))
    .map((f) => ({ field: f, before: a[f] ?? null, after: b[f] ?? null }));
}

const normal = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(String).sort() : (v ?? null));
