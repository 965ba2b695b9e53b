import type { EnterpriseProfile } from '@app/engine';
import { Between, EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import { ScreeningProfileBlockEntity } from '../entities/screening-profile-block.entity';
import { ScreeningTenantEntity } from '../entities/screening-tenant.entity';
import { decodeProfileBlock, ProfileBlock } from './profile-blocks';

/** What a tenant row contributes to its profile: its row number and key columns. */
export type TenantKeyRow = Pick<ScreeningTenantEntity, 'rowNumber' | 'creditCode' | 'name' | 'city' | 'parkId'>;

/** Blocks a reader keeps decoded (about 200 KB each at most), for rows asked for close together. */
const KEEP_BLOCKS = 4;
/** Blocks read at a time when every profile of a screening is streamed. */
const BLOCKS_PER_PAGE = 5;

/** A stored tenant row whose profile block is missing or does not hold it: the store is damaged, not the input. */
export class ProfileMissingError extends Error {
  constructor(screeningKey: number, rowNumber: number) {
    super(`no stored profile for row ${rowNumber} of screening key ${screeningKey}`);
  }
}

/**
 * Reads tenants' profiles back from a screening's profile blocks: the block holding the row (found by its first
 * row), inflated once and kept for the next rows. Every profile reader goes through here — the tenant explanation,
 * cases sent from a screening, the version-1 review detail, the sandbox's screening population.
 */
export class ScreeningProfiles {
  private readonly blocks: { first: number; last: number; block: ProfileBlock }[] = [];

  constructor(
    private readonly m: EntityManager,
    private readonly screeningKey: number,
  ) {}

  /** The profile of a tenant row of this screening, as validated when it was screened. */
  async profile(tenant: TenantKeyRow): Promise<EnterpriseProfile> {
    const row = tenant.rowNumber;
    let held = this.blocks.find((b) => b.first <= row && row <= b.last);
    if (!held) {
      const stored = await this.m.getRepository(ScreeningProfileBlockEntity).findOne({
        where: { screeningKey: this.screeningKey, firstRow: LessThanOrEqual(row) },
        order: { firstRow: 'DESC' },
      });
      if (!stored || stored.lastRow < row) throw new ProfileMissingError(this.screeningKey, row);
      held = { first: stored.firstRow, last: stored.lastRow, block: await decodeProfileBlock(stored.data) };
      this.blocks.unshift(held);
      this.blocks.length = Math.min(this.blocks.length, KEEP_BLOCKS);
    }
    if (!held.block.has(row)) throw new ProfileMissingError(this.screeningKey, row);
    return held.block.profile(row, tenant);
  }

  /** Profiles of several tenant rows of this screening, by row number. */
  async profiles(tenants: readonly TenantKeyRow[]): Promise<Map<number, EnterpriseProfile>> {
    const out = new Map<number, EnterpriseProfile>();
    for (const t of [...tenants].sort((a, b) => a.rowNumber - b.rowNumber)) out.set(t.rowNumber, await this.profile(t));
    return out;
  }
}

/**
 * Every screened tenant's profile, in row order, a few blocks at a time (bounded memory on a screening of any size):
 * the sandbox's screening population.
 */
export async function* allScreeningProfiles(
  m: EntityManager,
  screeningKey: number,
): AsyncGenerator<{ row: number; profile: EnterpriseProfile }> {
  const blocks = m.getRepository(ScreeningProfileBlockEntity);
  const tenants = m.getRepository(ScreeningTenantEntity);
  for (let after = 0; ;) {
    const page = await blocks.find({
      where: { screeningKey, firstRow: MoreThan(after) },
      order: { firstRow: 'ASC' },
      take: BLOCKS_PER_PAGE,
    });
    if (page.length === 0) return;
    const rows = await tenants.find({
      select: { rowNumber: true, creditCode: true, name: true, city: true, parkId: true },
      where: { screeningKey, rowNumber: Between(page[0].firstRow, page[page.length - 1].lastRow) },
      order: { rowNumber: 'ASC' },
    });
    const decoded = await Promise.all(
      page.map(async (b) => ({ last: b.lastRow, block: await decodeProfileBlock(b.data) })),
    );
    let k = 0;
    for (const t of rows) {
      while (k < decoded.length && decoded[k].last < t.rowNumber) k++;
      const held = decoded[k];
      if (!held?.block.has(t.rowNumber)) throw new ProfileMissingError(screeningKey, t.rowNumber);
      yield { row: t.rowNumber, profile: held.block.profile(t.rowNumber, t) };
    }
    after = page[page.length - 1].firstRow;
  }
}
