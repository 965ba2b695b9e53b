import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScreeningTenantEntity } from '../screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../screenings/entities/screening.entity';
import { ScreeningProfiles } from '../screenings/storage/screening-profiles';

/**
 * Reads the tenant row behind a screening's review item (the screenings feature owns the table; its
 * ScreeningWriter records the review items, keyed by the row number).
 */
@Injectable()
export class ScreeningRowsReader {
  constructor(private readonly db: DataSource) {}

  /** The profile as read from the tenant's row (validated; unknown columns left out), or null if gone. */
  async profileOf(screeningId: string, rowKey: string): Promise<{ profile: unknown; parkId: string | null } | null> {
    const rowNumber = Number(rowKey);
    if (!Number.isInteger(rowNumber)) return null;
    const screening = await this.db
      .getRepository(ScreeningEntity)
      .findOne({ select: { id: true, screeningKey: true }, where: { id: screeningId } });
    if (!screening) return null;
    const row = await this.db
      .getRepository(ScreeningTenantEntity)
      .findOneBy({ screeningKey: screening.screeningKey, rowNumber });
    if (!row) return null;
    return {
      profile: await new ScreeningProfiles(this.db.manager, screening.screeningKey).profile(row),
      parkId: row.parkId,
    };
  }
}
