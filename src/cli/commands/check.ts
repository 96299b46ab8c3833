// `check [--payer ID] [--format text|json] FILE...`
import { oneOf, parseCommandArgs } from '../args';
import { type CliContext, EXIT, InputError, UsageError } from '../context';
import { COMMAND_HELP } from '../help';
import { type LoadedVisit, loadFile, MAX_INPUT_BYTES } from '../input';
import { type CheckedVisit, formatText, hasErrors, toJson } from '../output';

/** Thrown when the engine itself fails on valid input: a bug to report, not the user's fault. */
export class EngineFailure extends Error {
  constructor(
    readonly source: string,
    readonly reason: unknown,
  ) {
    super(`the engine failed on ${source}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'EngineFailure';
  }
}

function profileId(ctx: CliContext, payer: string | undefined): string | undefined {
  if (payer === undefined) return undefined;
  const wanted = payer.trim().toLowerCase();
  const profiles = ctx.engine.listProfiles();
  if (profiles.some((profile) => profile.id === wanted)) return wanted;
  throw new UsageError(`unknown payer profile "${payer}"; known: ${profiles.map((p) => p.id).join(', ')}`, 'check');
}

export async function checkCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    payer: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.check}\n`);
    return EXIT.ok;
  }
  const format = oneOf('check', 'format', values.format, ['text', 'json'], 'text');
  const profile = profileId(ctx, values.payer);
  if (positionals.length === 0) throw new UsageError('no FILE given', 'check');

  // Read and validate every file before checking any, so bad input never yields a partial report.
  const visits: LoadedVisit[] = [];
  const problems: string[] = [];
  for (const file of positionals) {
    const loaded = await loadFile(file, ctx.maxInputBytes ?? MAX_INPUT_BYTES);
    visits.push(...loaded.visits);
    problems.push(...loaded.problems);
    for (const warning of loaded.warnings) ctx.stderr(`warning: ${warning}\n`);
  }
  if (problems.length > 0) throw new InputError(problems);

  const checked: CheckedVisit[] = visits.map(({ source, visit }) => {
    try {
      return { source, result: ctx.engine.check(visit, profile === undefined ? undefined : { profile }) };
    } catch (error) {
      throw new EngineFailure(source, error);
    }
  });

  ctx.stdout(format === 'json' ? `${JSON.stringify(toJson(checked), null, 2)}\n` : formatText(checked));
  return hasErrors(checked) ? EXIT.findings : EXIT.ok;
}
