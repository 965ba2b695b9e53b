import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { formatExtension, FileFormat } from '@app/batch';
import { AppConfig, APP_CONFIG } from '../config/app-config';

/**
 * Where uploads wait until their screening is done: `uploads/` beside the SQLite file (with PostgreSQL,
 * `data/uploads/<schema>`: one folder per database), so a restarted service finds them and resumes.
 * Removed when the screening ends either way.
 */
@Injectable()
export class ScreeningFiles implements OnModuleDestroy {
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir =
      config.database.type === 'sqlite'
        ? path.join(path.dirname(path.resolve(config.database.path)), 'uploads')
        : path.resolve('data', 'uploads', config.database.schema ?? 'public');
    fs.mkdirSync(path.join(this.dir, 'incoming'), { recursive: true });
  }

  /** Leaves no empty folders behind (a folder still holding an upload to resume stays). */
  onModuleDestroy(): void {
    for (const dir of [this.incoming, this.dir]) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // not empty, or gone already
      }
    }
  }

  /** Multer writes here first; a file is moved to its screening's name once accepted. */
  get incoming(): string {
    return path.join(this.dir, 'incoming');
  }

  keep(tempPath: string, id: string, format: FileFormat): string {
    const target = path.join(this.dir, `${id}${formatExtension(format)}`);
    fs.renameSync(tempPath, target);
    return target;
  }

  exists(file: string | null): file is string {
    return !!file && fs.existsSync(file);
  }

  remove(file: string | null | undefined): void {
    if (file) fs.rmSync(file, { force: true });
  }
}
