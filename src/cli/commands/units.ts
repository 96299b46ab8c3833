// `units [--method cms|per-code] [--untimed CODES] CODE=MINUTES...`
import { isTimed } from '../../engine/codes';
import { calculateUnits, type TimedService } from '../../engine/units';
import { oneOf, parseCommandArgs } from '../args';
import { type CliContext, EXIT, UsageError } from '../context';
import { COMMAND_HELP } from '../help';

const CODE = /^[A-Za-z0-9]{5}$/;
const MINUTES_IN_A_DAY = 24 * 60;

function parseService(arg: string): TimedService {
  const match = /^([^=]+)=(.*)$/.exec(arg);
  if (!match) throw new UsageError(`"${arg}" is not CODE=MINUTES (e.g. 97124=25)`, 'units');
  const code = (match[1] ?? '').trim().toUpperCase();
  const text = (match[2] ?? '').trim();
  if (!CODE.test(code)) throw new UsageError(`"${match[1]}" in "${arg}" is not a 5-character CPT/HCPCS code`, 'units');
  // Plain decimals only: Number() would also take "0x1f", "1e3" and "".
  if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`minutes for ${code} must be a number such as 25 (got "${text}")`, 'units');
  const minutes = Number(text);
  if (minutes > MINUTES_IN_A_DAY) throw new UsageError(`minutes for ${code} exceed a day (${minutes} > ${MINUTES_IN_A_DAY})`, 'units');
  return { code, minutes };
}

function parseUntimed(lists: readonly string[]): string[] {
  const codes: string[] = [];
  for (const raw of lists.flatMap((list) => list.split(','))) {
    const code = raw.trim().toUpperCase();
    if (code === '') continue;
    if (!CODE.test(code)) throw new UsageError(`--untimed: "${raw.trim()}" is not a 5-character CPT/HCPCS code`, 'units');
    if (isTimed(code)) throw new UsageError(`--untimed: ${code} is a timed code; give it as ${code}=MINUTES`, 'units');
    codes.push(code);
  }
  return codes;
}

export function unitsCommand(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseCommandArgs('units', args, {
    method: { type: 'string' },
    untimed: { type: 'string', multiple: true },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.units}\n`);
    return EXIT.ok;
  }
  const method = oneOf('units', 'method', values.method, ['cms', 'per-code'], 'cms');
  const format = oneOf('units', 'format', values.format, ['json', 'text'], 'json');
  const timed = positionals.map(parseService);
  const untimed = parseUntimed(values.untimed ?? []);
  if (timed.length === 0 && untimed.length === 0) throw new UsageError('give at least one CODE=MINUTES or --untimed CODES', 'units');

  const result = calculateUnits({ method, timed, untimed });
  if (format === 'json') {
    const { totalTimedMinutes, timedUnits, totalUnits, units, alternatives, explanation } = result;
    ctx.stdout(`${JSON.stringify({ method, totalTimedMinutes, totalUnits, units, timedUnits, alternatives, explanation }, null, 2)}\n`);
  } else {
    // Listing order, as typed: object keys like "97110" would come out sorted numerically.
    const order = [...new Set([...timed.map((s) => s.code), ...result.untimed])];
    const list = order.map((code) => `${code} ×${result.units[code] ?? 0}`).join(', ');
    ctx.stdout(`${result.explanation.join('\n')}\nTotal: ${result.totalUnits} unit${result.totalUnits === 1 ? '' : 's'} (${list}).\n`);
  }
  return EXIT.ok;
}
