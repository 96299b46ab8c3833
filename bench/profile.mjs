// A steady workload to profile the engine on real notes:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.mjs [chars=1000000] [runs=10]
//   node --heap-prof bench/profile.mjs
// (node build.mjs first: it checks dist/engine.mjs.)
import { realText } from './real-notes.mjs';

const { check } = await import(new URL('../dist/engine.mjs', import.meta.url).href);
const chars = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 10);
const visit = { payer: 'medicare', note: realText(chars), lines: [] };
check(visit); // warm-up
const start = performance.now();
for (let i = 0; i < runs; i++) check(visit);
console.log(`${runs} × check(${chars} chars of real notes): ${((performance.now() - start) / runs).toFixed(1)} ms each`);
