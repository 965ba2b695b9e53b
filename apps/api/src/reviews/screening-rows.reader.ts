import { Injectable } from '@nestjs/common';

/** Reads a screening's tenant row for a review item (the screenings feature owns the table). */
@Injectable()
export class ScreeningRowsReader {
  async profileOf(_screeningId: string, _rowKey: string): Promise<{ profile: unknown; parkId: string | null } | null> {
    return null;
  }
}
