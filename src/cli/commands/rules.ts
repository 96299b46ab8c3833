// `rules [--format text|json]`: every rule, its level under each payer profile, its citations.
import type { Citation, Level, RuleMeta, UnitMethod } from '../../engine/types';
import { oneOf, parseCommandArgs } from '../args';
import { type CliContext, EXIT, UsageError } from '../context';
import { COMMAND_HELP } from '../help';
import { pad } from '../text';

interface RulesReport {
  profiles: { id: string; name: string; description: string; unitMethod: UnitMethod }[];
  rules: (Pick<RuleMeta, 'id' | 'title' | 'defaultSeverity' | 'scope'> & { acrossVisits: boolean; levels: Record<string, Level>; citations: Citation[] })[];
}

function buildReport(ctx: CliContext): RulesReport {
  const profiles = ctx.engine.listProfiles().flatMap((summary) => {
    const resolved = ctx.engine.resolveProfile(summary.id);
    return resolved ? [{ summary, resolved }] : [];
  });
  return {
    profiles: profiles.map(({ summary, resolved }) => ({
      id: summary.id,
      name: summary.name,
      description: summary.description,
      unitMethod: resolved.unitMethod,
    })),
    rules: ctx.engine.listAllRules().map((rule) => ({
      id: rule.id,
      title: rule.title,
      defaultSeverity: rule.defaultSeverity,
      scope: rule.scope,
      acrossVisits: rule.acrossVisits,
      // A profile that does not mention a rule runs it at its default severity.
      levels: Object.fromEntries(profiles.map(({ summary, resolved }) => [summary.id, resolved.rules[rule.id]?.level ?? rule.defaultSeverity])),
      citations: rule.citations.map(({ title, url }) => ({ title, url })),
    })),
  };
}

function formatTable(report: RulesReport): string {
  const ids = report.profiles.map((p) => p.id);
  const firstWidth = Math.max(4, ...report.rules.map((r) => r.id.length)) + 2;
  const widths = ids.map((id) => Math.max(id.length, 'warning'.length) + 2);
  const row = (first: string, cells: string[]): string =>
    (pad(first, firstWidth) + cells.map((cell, i) => pad(cell, widths[i] ?? 0)).join('')).trimEnd();

  const lines = [row('RULE', ids), row('-'.repeat(firstWidth - 2), widths.map((w) => '-'.repeat(w - 2)))];
  for (const rule of report.rules) lines.push(row(rule.id, ids.map((id) => rule.levels[id] ?? '')));
  lines.push('', 'Unit method: ' + report.profiles.map((p) => `${p.id} ${p.unitMethod}`).join(', '), '');
  for (const rule of report.rules) {
    lines.push(`${rule.id}: ${rule.title}`, `  default ${rule.defaultSeverity}, scope ${rule.scope}${rule.acrossVisits ? ', across visits (compares with the patient\'s earlier visits)' : ''}`);
    for (const citation of rule.citations) lines.push(`  ${citation.title} <${citation.url}>`);
  }
  return `${lines.join('\n')}\n`;
}

export function rulesCommand(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseCommandArgs('rules', args, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    ctx.stdout(`${COMMAND_HELP.rules}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'rules');
  const format = oneOf('rules', 'format', values.format, ['text', 'json'], 'text');
  const report = buildReport(ctx);
  ctx.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
  return EXIT.ok;
}
