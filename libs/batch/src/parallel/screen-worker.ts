import { parentPort, workerData } from 'node:worker_threads';
import { compilePack, loadRulePack } from '@app/engine';
import { ChunkContext, ChunkScreening, ChunkTask } from './chunk-screening';

/** A worker thread of the parallel CSV screening: compiles the rule pack itself, then screens chunks. */
interface WorkerInit {
  ctx: ChunkContext;
  rulesDir: string;
  rulePackVersion: string;
}

const init = workerData as WorkerInit;
const port = parentPort!;

try {
  const pack = compilePack(loadRulePack(init.rulesDir));
  if (pack.pack.version !== init.rulePackVersion) {
    throw new Error(`the rule pack changed while starting (${pack.pack.version} ≠ ${init.rulePackVersion})`);
  }
  const screening = ChunkScreening.forPack(pack, init.ctx);
  port.on('message', (task: ChunkTask) => {
    try {
      const result = screening.run(task);
      port.postMessage({ type: 'result', result }, [
        result.results.buffer,
        result.rejected.buffer,
        result.counts.buffer,
      ] as ArrayBuffer[]);
    } catch (e) {
      port.postMessage({
        type: 'error',
        index: task.index,
        code: (e as { code?: string }).code,
        message: (e as Error).message,
      });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'error', index: -1, message: (e as Error).message });
}
