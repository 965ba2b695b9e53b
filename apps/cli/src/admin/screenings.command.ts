import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ScreeningPurgeService } from '@app/api/screening-retention/screening-purge.service';

@SubCommand({
  name: 'purge',
  description:
    'delete finished screenings older than N days (default SCREENING_RETENTION_DAYS, 90) with their rows and files',
})
export class PurgeScreeningsCommand extends CommandRunner {
  constructor(private readonly purges: ScreeningPurgeService) {
    super();
  }

  async run(_: string[], opts: { days?: number }): Promise<void> {
    const r = await this.purges.purge(opts.days ?? this.purges.defaultDays);
    console.log(
      `purged ${r.screenings} screening(s) finished before ${r.cutoff} (older than ${r.olderThanDays} days): ` +
        `${r.tenantRows} tenant rows, ${r.rejectedRows} rejected rows, ${r.files} file(s)`,
    );
  }

  @Option({ flags: '--days <n>', description: 'age in days (a whole number, 0 or more)' })
  parseDays(value: string): number {
    if (!/^\d{1,5}$/.test(value) || Number(value) > 36500)
      throw new Error(`--days must be a whole number from 0 to 36500, not "${value}"`);
    return Number(value);
  }
}

/** `screenings purge [--days N]`: retention, on the same database as the service (SQLITE_PATH or DATABASE_URL). */
@Command({
  name: 'screenings',
  description: 'administer stored screenings: screenings purge [--days N]',
  subCommands: [PurgeScreeningsCommand],
})
export class ScreeningsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
