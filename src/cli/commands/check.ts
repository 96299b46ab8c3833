// `check [--payer ID] [--policy FILE] [--rule ID=LEVEL] [--explain] [--format text|json] FILE...`
import { oneOf, parseCommandArgs } from '../args';
import { type CliContext, EXIT, InputError, UsageError } from '../context';
import { ENGINE_OPTION_ARGS, engineOptions } from '../engine-options';
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

export async function checkCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    ...ENGINE_OPTION_ARGS,
    explain: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.check}\n`);
    return EXIT.ok;
  }
  const format = oneOf('check', 'format', values.format, ['text', 'json'], 'text');
  if (positionals.length === 0) throw new UsageError('no FILE given', 'check');
  const chosen = await engineOptions('check', ctx, values);
  const options = values.explain ? { ...chosen, explain: true } : chosen;

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
      return { source, result: ctx.engine.check(visit, options) };
    } catch (error) {
      throw new EngineFailure(source, error);
    }
  });

  ctx.stdout(format === 'json' ? `${JSON.stringify(toJson(checked), null, 2)}\n` : formatText(checked));
  return hasErrors(checked) ? EXIT.findings : EXIT.ok;
}
