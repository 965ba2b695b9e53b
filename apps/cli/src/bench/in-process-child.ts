import { compilePack, loadRulePack } from '@app/engine';
import { inProcessRate, matchCases } from './in-process-rate';

/**
 * `node in-process-child.js <seconds> <profiles>`: the in-process matchWithLadder + JSON.stringify rate, measured in a process
 * of its own while the HTTP load runs, so that both sides share the machine's contention. Prints "ready" on stderr
 * once compiled and warm, measures for `seconds` after the first line on stdin, then prints the rate as JSON.
 */
function main(): void {
  const [seconds, profiles] = process.argv.slice(2).map(Number);
  const compiled = compilePack(loadRulePack());
  const cases = matchCases(profiles);
  inProcessRate(compiled, cases, 1);
  process.stderr.write('ready\n');
  process.stdin.once('data', () => {
    process.stdout.write(JSON.stringify(inProcessRate(compiled, cases, seconds)));
    process.exit(0);
  });
}

main();
