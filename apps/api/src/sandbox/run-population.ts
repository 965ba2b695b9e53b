import * as fs from 'node:fs';
import { BatchFileError, impactOfFile, openTenantFile, PopulationImpact, TenantFile } from '@app/batch';
import { buildFacts, Lang } from '@app/engine';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../common/errors';
import { ScreeningEntity } from '../screenings/entities/screening.entity';
import type { PopulationKind } from './entities/scenario-run.entity';
import { countSubmissions, PopulationMember, screeningTenants, submissionProfiles } from './populations';

/** Up to this many tenants a run answers at once (200); beyond, 202 and it runs in the background. */
export const SYNC_TENANTS = 5000;
/** An uploaded file up to this size is read at once (~5,000 rows of CSV). */
const SYNC_FILE_BYTES = 1 << 20;

/** Where a run's tenants come from, and how to feed them to the impact. */
export interface RunPopulation {
  kind: PopulationKind;
  ref: string;
  small: boolean;
  read(impact: PopulationImpact): Promise<void>;
  /** Frees what the population holds (an uploaded file). */
  dispose(): void;
}

const bad = (field: string, reason: string) => new InvalidInputError({ [field]: [reason] });

export async function screeningPopulation(db: DataSource, id: string, lang: Lang): Promise<RunPopulation> {
  const s = await db.getRepository(ScreeningEntity).findOneBy({ id });
  const zh = lang === 'zh';
  if (!s) throw bad('screeningId', zh ? '没有这个筛查' : 'no screening with that id');
  if (s.status !== 'done')
    throw bad(
      'screeningId',
      zh
        ? `该筛查状态为 ${s.status}，完成后才能运行情景`
        : `the screening is ${s.status}: run the scenario when it is done`,
    );
  return {
    kind: 'screening',
    ref: id,
    small: s.screened <= SYNC_TENANTS,
    read: (impact) => feed(screeningTenants(db, s), impact),
    dispose: () => undefined,
  };
}

export async function submissionsPopulation(db: DataSource, from: string, to: string): Promise<RunPopulation> {
  const n = await countSubmissions(db, from, to);
  return {
    kind: 'submissions',
    ref: `${from}..${to}`,
    small: n <= SYNC_TENANTS,
    read: (impact) => feed(submissionProfiles(db, from, to), impact),
    dispose: () => undefined,
  };
}

/** An uploaded tenant file, checked (format, encoding, headers) before anything runs: a bad file is a 400. */
export async function filePopulation(
  upload: { path: string; originalname: string; size: number },
  lang: Lang,
): Promise<RunPopulation> {
  let file: TenantFile;
  try {
    file = await openTenantFile(upload.path);
  } catch (e) {
    if (e instanceof BatchFileError) throw bad('file', e.describe(lang));
    throw e;
  }
  return {
    kind: 'file',
    ref: upload.originalname.slice(0, 255),
    small: upload.size <= SYNC_FILE_BYTES,
    read: async (impact) => void (await impactOfFile(file, impact, lang)),
    dispose: () => {
      file.close();
      fs.rmSync(upload.path, { force: true });
    },
  };
}

async function feed(members: AsyncIterable<PopulationMember>, impact: PopulationImpact): Promise<void> {
  for await (const m of members) {
    if (m.profile) impact.addFacts(m.row, buildFacts(m.profile));
    else impact.addRejected();
  }
}
