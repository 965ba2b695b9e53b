/**
 * Property-test sizes: `full` runs scaled by GDPM_PROPERTY_RUNS (a factor, default 1 = full size), so a quick
 * tier can run e.g. GDPM_PROPERTY_RUNS=0.1 while `npm test` and CI run the full size. Never below 1.
 */
export function propertyRuns(full: number): number {
  const raw = process.env.GDPM_PROPERTY_RUNS;
  const factor = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(factor) || factor <= 0)
    throw new Error(`GDPM_PROPERTY_RUNS must be a positive number (a scaling factor), not "${raw}"`);
  return Math.max(1, Math.round(full * factor));
}
