// Dispatch a command line to its command. Never throws and never prints a stack trace for user
// errors: usage and input problems exit 2 with a message naming what to fix.
import { version } from '../../package.json';
import { checkCommand } from './commands/check';
import { evaluateCommand } from './commands/evaluate';
import { rulesCommand } from './commands/rules';
import { schemaCommand } from './commands/schema';
import { unitsCommand } from './commands/units';
import { type CliContext, EngineFailure, EXIT, InputError, UsageError } from './context';
import { type CommandName, MAIN_HELP, PROGRAM } from './help';

type Command = (args: string[], ctx: CliContext) => number | Promise<number>;

const COMMANDS: Record<CommandName, Command> = {
  check: checkCommand,
  evaluate: evaluateCommand,
  units: unitsCommand,
  rules: rulesCommand,
  schema: schemaCommand,
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      ctx.stderr(`${MAIN_HELP}\n`);
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      ctx.stdout(`${MAIN_HELP}\n`);
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      const data = ctx.engine.DATA_VERSION;
      ctx.stdout(`${PROGRAM} ${version} (rule data ${data.version}, as of ${data.asOf})\n`);
      return EXIT.ok;
    }
    if (!isCommand(first)) throw new UsageError(first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`);
    return await COMMANDS[first](rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      const prefix = error.command ? `${PROGRAM} ${error.command}` : PROGRAM;
      const help = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} --help`;
      ctx.stderr(`${prefix}: ${error.message}\nRun "${help}" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      ctx.stderr(`${error.problems.map((problem) => `error: ${problem}`).join('\n')}\n`);
      return EXIT.usage;
    }
    // Anything else is our bug: say so plainly; the stack is only for whoever debugs it.
    const detail = error instanceof EngineFailure ? error.message : error instanceof Error ? error.message : String(error);
    ctx.stderr(`${PROGRAM}: internal error: ${detail}\nPlease report this with the input that caused it.\n`);
    if (process.env.THERAPY_CLAIM_GUARD_DEBUG && error instanceof Error && error.stack) ctx.stderr(`${error.stack}\n`);
    return EXIT.internal;
  }
}
