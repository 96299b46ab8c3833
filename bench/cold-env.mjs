// The environment cold starts are timed in. NODE_EXTRA_CA_CERTS makes every Node start read and
// parse that certificate file before running anything (with the 144 certificates this machine's
// sessions set: ~25-30 ms of CPU, more than `node -e 0` itself takes without it). It falls on the
// baseline and the check alike, so it hides the check's own start-up cost in the ratio (measured
// side by side: check ÷ node -e 0 ×1.53 with it, ×2.3 without). A user's `node` does not have it,
// so cold benches drop it; `--keep-env` (or TCG_BENCH_KEEP_ENV=1) times the environment as given.
export const DROPPED = ['NODE_EXTRA_CA_CERTS'];

export function coldEnv(keep = process.argv.includes('--keep-env') || process.env.TCG_BENCH_KEEP_ENV === '1') {
  if (keep) return { env: process.env, note: 'environment kept as given' };
  const env = { ...process.env };
  const dropped = DROPPED.filter((name) => name in env);
  for (const name of dropped) delete env[name];
  return { env, note: dropped.length ? `without ${dropped.join(', ')} (as a user's node starts; --keep-env to keep it)` : 'environment as given' };
}
