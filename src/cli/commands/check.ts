// `check [options] FILE|DIR|GLOB...`: check visits and notes, streaming the results in input order
// in the chosen format (src/cli/batch/pipeline.ts; docs/batch.md).
import { availableParallelism } from 'node:os';
import { oneOf, parseCommandArgs } from '../args';
import { FORMAT_NAMES, EXPLAIN_FORMATS } from '../batch/formats/index';
import { runBatch } from '../batch/pipeline';
import { type ClaimTable, loadClaims } from '../claims/join';
import { type CliContext, EXIT, UsageError } from '../context';
import { ENGINE_OPTION_ARGS, engineOptions } from '../engine-options';
import { COMMAND_HELP } from '../help';

/** More threads than this helps no machine we know and costs memory on every one. */
export const MAX_JOBS = 64;

function jobsValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const jobs = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS)) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (got "${value}")`, 'check');
  return jobs;
}

export async function checkCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    ...ENGINE_OPTION_ARGS,
    explain: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    jobs: { type: 'string' },
    'no-history': { type: 'boolean' },
    claims: { type: 'string', multiple: true },
    'claim-map': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.check}\n`);
    return EXIT.ok;
  }
  const format = oneOf('check', 'format', values.format, FORMAT_NAMES, 'text');
  if (values.explain && !EXPLAIN_FORMATS.includes(format)) {
    throw new UsageError(`--explain works with --format ${EXPLAIN_FORMATS.join(', ')} (not ${format})`, 'check');
  }
  const jobs = jobsValue(values.jobs);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name', 'check');
  if (positionals.length === 0) throw new UsageError('no FILE given', 'check');
  if (values['claim-map'] !== undefined && !values.claims?.length) throw new UsageError('--claim-map needs --claims FILE.837', 'check');
  let claims: ClaimTable | undefined;
  if (values.claims?.length) {
    const loaded = await loadClaims(values.claims, values['claim-map']);
    if ('usage' in loaded) throw new UsageError(loaded.usage, 'check');
    claims = loaded;
  }
  const chosen = await engineOptions('check', ctx, values);
  const options = values.explain ? { ...chosen, explain: true } : chosen;
  return runBatch(
    {
      inputs: positionals,
      format,
      ...(options && { options }),
      jobs: jobs ?? availableParallelism(),
      jobsGiven: jobs !== undefined,
      ...(values.out !== undefined && { out: values.out }),
      history: values['no-history'] !== true,
      ...(claims && { claims }),
    },
    ctx,
  );
}
