// Bytes the engine allocates per call, garbage included, printed as JSON for engine.bench.mjs:
//   node --max-semi-space-size=1024 --min-semi-space-size=1024 bench/allocations.mjs real|typical
// JS heap: V8's sampling heap profiler with collected objects kept in the profile. Typed arrays (their
// backing stores live outside the JS heap): process.memoryUsage().arrayBuffers before and after a
// call during which no garbage collection ran (the large young generation makes that the rule; for the
// 1 MB text they are measured on its first 100 KB, since a call on 1 MB always meets a collection).
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import { realText } from './real-notes.mjs';

const { check } = await import(new URL('../dist/engine.mjs', import.meta.url).href);
const which = process.argv[2];
const visit =
  which === 'typical'
    ? {
        payer: 'medicare',
        note: realText(1_000),
        lines: [
          { code: '97124', modifiers: ['GP'], units: 2, minutes: 25, dx: ['M62.838'] },
          { code: '97110', modifiers: ['GP'], units: 1, minutes: 15, dx: ['M62.838'] },
        ],
      }
    : { payer: 'medicare', note: realText(1_000_000), lines: [] };
const calls = which === 'typical' ? 300 : 3;
for (let i = 0; i < 3; i++) check(visit);

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = 0; i < calls; i++) check(visit);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();
let heap = 0;
const walk = (node) => {
  heap += node.selfSize;
  node.children.forEach(walk);
};
walk(profile.head);

const small = visit.note.length > 100_000 ? { ...visit, note: visit.note.slice(0, 100_000) } : visit;
check(small);
let buffers = null;
for (let attempt = 0; attempt < 10 && buffers === null; attempt++) {
  const gcs = new v8.GCProfiler();
  gcs.start();
  const before = process.memoryUsage().arrayBuffers;
  check(small);
  const after = process.memoryUsage().arrayBuffers;
  if (gcs.stop().statistics.length === 0) buffers = after - before;
}
console.log(JSON.stringify({ heapPerChar: heap / calls / visit.note.length, buffersPerChar: buffers === null ? null : buffers / small.note.length }));
