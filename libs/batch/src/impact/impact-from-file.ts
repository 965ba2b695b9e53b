import type { FieldErrors, Lang } from '@app/engine';
import { TenantFile } from '../input/tenant-file';
import { screenRows } from '../screening/screen-rows';
import type { ScreeningBatch } from '../screening/screening-outcome';
import { PopulationImpact } from './population-impact';

/** Rejected rows kept for the report: enough to show what is wrong, never the whole of a bad file. */
const REJECTED_KEPT = 100;

export interface FileImpactResult {
  /** The first rejected rows, with their reasons (all are counted in the report's population). */
  rejected: { row: number; errors: FieldErrors }[];
}

/**
 * A tenant file as the population: every row validated and screened under the base pack by the batch loop (the
 * same rules and words as a screening), then under the scenario by `impact`. Bad rows are counted and the first
 * ones kept with their reasons; they do not stop the file.
 */
export async function impactOfFile(file: TenantFile, impact: PopulationImpact, lang: Lang): Promise<FileImpactResult> {
  const rejected: FileImpactResult['rejected'] = [];
  const sink = {
    write(batch: ScreeningBatch): void {
      for (const t of batch.tenants) impact.addScreened(t.rowNumber, t.facts, t.statuses, t.counts);
      for (const r of batch.rejected) {
        impact.addRejected();
        if (rejected.length < REJECTED_KEPT) rejected.push({ row: r.rowNumber, errors: r.errors });
      }
    },
  };
  await screenRows(file, sink, { screener: impact.base.screener, lang, batchSize: 2000 });
  return { rejected };
}
