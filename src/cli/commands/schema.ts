// `schema`: the Visit JSON Schema, the contract for `check` input files.
import { visitJsonSchema } from '../../engine/visit';
import { parseCommandArgs } from '../args';
import { type CliContext, EXIT, UsageError } from '../context';
import { COMMAND_HELP } from '../help';

export function schemaCommand(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseCommandArgs('schema', args, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.schema}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'schema');
  ctx.stdout(`${JSON.stringify(visitJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
