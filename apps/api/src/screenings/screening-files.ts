import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { formatExtension, FileFormat } from '@app/batch';
import { AppConfig, APP_CONFIG } from '../config/app-config';

/**
 * Where uploads wait until their screening is done: `uploads/` beside the SQLite file (with PostgreSQL,
 * `data/uploads/<schema>`: one folder per database), so a restarted service finds them and resumes.
 * Removed when the screening ends either way. The folders are shared — by every instance and worker of a deployment,
 * and by a CLI command run beside the service — so no process removes them, and each upload creates them again if
 * something else did (an upload used to answer 500 after a CLI command's shutdown removed the empty folders).
 */
@Injectable()
export class ScreeningFiles {
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir =
      config.database.type === 'sqlite'
        ? path.join(path.dirname(path.resolve(config.database.path)), 'uploads')
        : path.resolve('data', 'uploads', config.database.schema ?? 'public');
    fs.mkdirSync(path.join(this.dir, 'incoming'), { recursive: true });
  }

  /** Multer writes here first; a file is moved to its screening's name once accepted. */
  get incoming(): string {
    return path.join(this.dir, 'incoming');
  }

  /** The incoming folder, created if it is missing (cheap when it exists). */
  ensureIncoming(): string {
    fs.mkdirSync(this.incoming, { recursive: true });
    return this.incoming;
  }

  keep(tempPath: string, id: string, format: FileFormat): string {
    fs.mkdirSync(this.dir, { recursive: true });
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
