import type { OpOutput } from '@mgramseva/core/contracts';
import { api } from '../../api/client';

type DoneTask = Exclude<OpOutput<'printing.task'>, { state: 'running' }>;

const POLL_MS = 250;
/** Core bounds every Bluetooth step; this only stops a screen from waiting forever. */
const GIVE_UP_MS = 3 * 60_000;

/**
 * Wait for a printing task (core/src/printing/contract.ts: Bluetooth work runs outside the
 * operation): its result, or the task's error thrown as the ApiCallError of `printing.task`.
 */
export async function awaitTask(taskId: string): Promise<DoneTask> {
  const until = Date.now() + GIVE_UP_MS;
  for (;;) {
    const r = await api.call('printing.task', { taskId });
    if (r.state !== 'running') return r;
    if (Date.now() > until) throw new Error('printing task did not finish');
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}
