// `evaluate [options] DIR|FILE...`: score the engine on labelled visits (docs/evaluate.md).
// Bad files and cases are reported by name and skipped; the rest are still scored and reported.
import { oneOf, parseCommandArgs } from '../args';
import { type CliContext, EXIT, UsageError } from '../context';
import { checkCases } from '../evaluate/check-cases';
import { ENGINE_OPTION_ARGS, engineOptions } from '../engine-options';
import { loadCases } from '../evaluate/cases';
import { checkThresholds, type EvaluateReport, formatReport, type Limits } from '../evaluate/report';
import { scoreCases, type ScoredCase } from '../evaluate/score';
import { COMMAND_HELP } from '../help';
import { MAX_INPUT_BYTES } from '../input';

/** A share between 0 and 1 ("0.95"), or a whole count for --max-error-false-alarms. */
function limit(option: string, value: string | undefined, kind: 'share' | 'count'): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const ok = kind === 'share' ? /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text) : /^\d+$/.test(text);
  if (!ok) {
    const want = kind === 'share' ? 'a number from 0 to 1, e.g. 0.95' : 'a whole number, e.g. 0';
    throw new UsageError(`--${option} must be ${want} (got "${value}")`, 'evaluate');
  }
  return Number(text);
}

export async function evaluateCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('evaluate', args, {
    ...ENGINE_OPTION_ARGS,
    format: { type: 'string' },
    summary: { type: 'boolean' },
    'min-precision': { type: 'string' },
    'min-recall': { type: 'string' },
    'min-units': { type: 'string' },
    'max-error-false-alarms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.evaluate}\n`);
    return EXIT.ok;
  }
  const format = oneOf('evaluate', 'format', values.format, ['text', 'json'], 'text');
  const limits: Limits = {};
  const minPrecision = limit('min-precision', values['min-precision'], 'share');
  const minRecall = limit('min-recall', values['min-recall'], 'share');
  const minUnits = limit('min-units', values['min-units'], 'share');
  const maxErrorFalseAlarms = limit('max-error-false-alarms', values['max-error-false-alarms'], 'count');
  if (minPrecision !== undefined) limits.minPrecision = minPrecision;
  if (minRecall !== undefined) limits.minRecall = minRecall;
  if (minUnits !== undefined) limits.minUnits = minUnits;
  if (maxErrorFalseAlarms !== undefined) limits.maxErrorFalseAlarms = maxErrorFalseAlarms;
  if (positionals.length === 0) throw new UsageError('no DIR or FILE given', 'evaluate');
  const options = await engineOptions('evaluate', ctx, values);

  // Cross-visit rules are labelled and scored like the others (series cases, docs/evaluate.md).
  const rules = ctx.engine.listAllRules().map((rule) => rule.id);
  const loaded = await loadCases(positionals, new Set(rules), ctx.maxInputBytes ?? MAX_INPUT_BYTES);
  for (const warning of loaded.warnings) ctx.stderr(`warning: ${warning}\n`);
  for (const problem of loaded.problems) ctx.stderr(`error: ${problem}\n`);
  if (loaded.cases.length === 0) {
    ctx.stderr('therapy-claim-guard evaluate: no labelled case could be read; nothing was scored\n');
    return EXIT.usage;
  }

  const scored: ScoredCase[] = checkCases(loaded.cases, ctx.engine, options);
  const score = scoreCases(scored, rules);
  const thresholds = checkThresholds(score, limits);
  const report: EvaluateReport = {
    inputs: [...positionals],
    files: loaded.files,
    problems: loaded.problems,
    ...score,
    thresholds,
    met: thresholds.every((t) => t.met),
  };
  ctx.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, { summaryOnly: values.summary === true }));
  // Bad input outranks a floor: a score over fewer cases than intended proves nothing either way.
  if (loaded.problems.length > 0) return EXIT.usage;
  return report.met ? EXIT.ok : EXIT.floorNotMet;
}
