// The collector's desk for bench/writelock.bench.ts: a process of its own that takes payments over
// HTTP from the local server, as a second person at the office does, and reports how long each took.
// Commands from the bench (IPC): { run: 'until-stop' | number } → { latencies: number[] }; 'stop'.
const { url, cookie, connectionIds } = JSON.parse(process.argv[2]);
let next = 0;
let stopping = false;

async function collectOnce() {
  const connectionId = connectionIds[next++ % connectionIds.length];
  const s = performance.now();
  const r = await fetch(`${url}/api/collections.collect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ connectionId, amountRupees: 1, mode: 'CASH', idempotencyKey: crypto.randomUUID() }),
  });
  const body = await r.json();
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return performance.now() - s;
}

process.on('message', async (m) => {
  if (m === 'stop') return void (stopping = true);
  const latencies = [];
  stopping = false;
  if (m.run === 'until-stop') while (!stopping) latencies.push(await collectOnce());
  else for (let i = 0; i < m.run; i++) latencies.push(await collectOnce());
  process.send({ latencies });
});
process.send('ready');
