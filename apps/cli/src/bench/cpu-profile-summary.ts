import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixed, table } from './bench-table';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
  startTime: number;
}

/** Where a function's code lives: an npm package, this project's dist/ folders, Node's internals, or V8's buckets. */
export function codeOwner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(apps\/[^/]+|libs\/[^/]+)/.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return 'node (internal)';
  return path.basename(url);
}

/**
 * Self time of each sampled function and each code owner, from a .cpuprofile; idle time left out. Only the last
 * `lastSeconds` of the profile count (the load, not the service's start-up).
 */
export function summarizeCpuProfile(file: string, lastSeconds: number, top = 30): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFunction = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  const from = profile.endTime - lastSeconds * 1e6;
  let busyUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || at < from) return;
    busyUs += us;
    const owner = codeOwner(url, functionName);
    const key = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''} [${owner}]`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
    selfByOwner.set(owner, (selfByOwner.get(owner) ?? 0) + us);
  });
  const rows = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, fixed(us / 1000, 0), `${fixed((100 * us) / busyUs, 1)}%`]);
  return [
    `CPU profile ${file}, its last ${lastSeconds} s: ${fixed(busyUs / 1e6, 1)} s busy (idle left out)`,
    table(['self time by owner', 'ms', 'share'], rows(selfByOwner)),
    '',
    table(['self time by function', 'ms', 'share'], rows(selfByFunction)),
  ].join('\n');
}

const shortUrl = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/');
