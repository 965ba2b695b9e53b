import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRulePack, RulePack } from '@app/engine';

/** A pack reference the CLI could not turn into a pack; the message says why. */
export class PackSourceError extends Error {}

const VERSION = /^(sha256:)?[0-9a-f]{6,64}$/i;

/**
 * `current` (RULES_DIR, default rules/), a folder holding a rule pack, or a version (or unambiguous prefix) of a
 * pack the service has stored — read from the same database as the service (SQLITE_PATH or DATABASE_URL).
 * A folder's pack is checked by the loader: RulePackError names each file and problem.
 */
export async function resolvePack(ref: string): Promise<RulePack> {
  if (ref === 'current') return loadRulePack();
  if (fs.existsSync(ref) && fs.statSync(ref).isDirectory()) return loadRulePack(path.resolve(ref));
  if (!VERSION.test(ref)) throw new PackSourceError(`"${ref}" is neither a folder, a rule pack version, nor "current"`);
  const current = loadRulePack();
  const wanted = ref.toLowerCase().startsWith('sha256:') ? ref.toLowerCase() : `sha256:${ref.toLowerCase()}`;
  if (current.version.startsWith(wanted)) return current;
  return storedPack(ref);
}

async function storedPack(ref: string): Promise<RulePack> {
  // Loaded here, not at the top: Nest, TypeORM and the API's modules cost ~0.5 s, which a folder diff should not pay.
  const { storedPack: fromDatabase } = await import('../admin/stored-packs');
  const { RulePackRefError } = await import('@app/api/rule-packs/rule-pack-store');
  try {
    return await fromDatabase(ref);
  } catch (e) {
    if (e instanceof RulePackRefError)
      throw new PackSourceError(`${e.message} in the database (the service stores every pack it serves)`);
    throw e;
  }
}
