// `--format html`: one self-contained report a compliance lead can open, print or mail: inline
// styles only, no script, no image, no font or stylesheet to fetch, and a Content-Security-Policy
// that forbids loading anything even if a browser were asked to. Every piece of text from a note,
// a claim or a file name is escaped; only http(s) source links become links.
//
// It opens with the counts (per severity, per rule, per payer profile, per provider, and the
// inputs that could not be checked), then every visit in input order with each finding, its
// evidence marked in its sentence, where it is in the file, how to fix it and its source. The
// counts are known only at the end, so the visits are spooled and written after them
// (summaryFirst, see pipeline.ts).
import type { Evidence, Finding, RuleMeta, Severity } from '../../../engine/types';
import { moreOfRules, moreText } from '../../output';
import { providerLabel } from '../process';
import type { GroupCount, Summary } from '../summary';
import type { CheckedItem, Region } from '../types';
import type { Format, RunInfo } from './format';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: nothing in it can open a tag or leave an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

function link(url: string, text: string): string {
  // Only web links: a javascript: or data: URL from a data file must never become clickable.
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(text)}</a>` : escapeHtml(text);
}

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--err:#b42318;--warn:#9a6700;--info:#0b5cad;--mark:#fff1a8}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--bg:#0d1117;--soft:#161b22;--err:#ff7b72;--warn:#d29922;--info:#79c0ff;--mark:#5a4a00}}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:72rem;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1rem;margin:0}
.meta,.where,.muted{color:var(--muted)}.meta{margin:.25rem 0}
table{border-collapse:collapse;margin:.5rem 0;min-width:50%}th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}thead th{background:var(--soft)}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .9rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
.sev{font-weight:600;border-radius:4px;padding:0 .35rem;font-size:.8rem;border:1px solid currentColor;white-space:nowrap}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
article{border:1px solid var(--line);border-radius:6px;margin:.75rem 0;padding:.6rem .9rem}article.clean{padding:.35rem .9rem}
ol.findings{margin:.5rem 0 0;padding-left:1.2rem}ol.findings>li{margin:.5rem 0}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-left:3px solid var(--line);background:var(--soft);white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit}
ul.problems li{margin:.25rem 0}code{font-family:ui-monospace,monospace;font-size:.9em}
@media print{body{max-width:none;padding:0}article{break-inside:avoid}}
`;

function evidenceQuote(evidence: Evidence): string {
  const context = evidence.context;
  if (!context) return `<blockquote><mark>${escapeHtml(evidence.text)}</mark></blockquote>`;
  const from = evidence.start - context.start;
  const to = from + evidence.text.length;
  if (from < 0 || to > context.text.length || context.text.slice(from, to) !== evidence.text) {
    return `<blockquote><mark>${escapeHtml(evidence.text)}</mark></blockquote>`;
  }
  const before = escapeHtml(context.text.slice(0, from));
  const after = escapeHtml(context.text.slice(to));
  return `<blockquote>${before}<mark>${escapeHtml(evidence.text)}</mark>${after}</blockquote>`;
}

function where(finding: Finding, region: Region | undefined, file: string): string {
  const parts: string[] = [];
  if (finding.line !== undefined) parts.push(`claim line ${finding.line + 1}`);
  if (finding.evidence?.part) parts.push(`note part “${escapeHtml(finding.evidence.part)}”`);
  if (region && finding.evidence) parts.push(`${escapeHtml(file)} line ${region.startLine}, column ${region.startColumn}`);
  return parts.length > 0 ? `<div class="where">${parts.join(' · ')}</div>` : '';
}

function findingItem(finding: Finding, region: Region | undefined, file: string): string {
  const also = (finding.related ?? []).map((r) => `<div>Also (<code>${escapeHtml(r.ruleId)}</code>): ${escapeHtml(r.message)}</div>`).join('');
  const fix = finding.suggestion ? `<div><b>Fix:</b> ${escapeHtml(finding.suggestion)}</div>` : '';
  const sources = finding.citations.map((c) => link(c.url, c.title)).join(' · ');
  return [
    `<li><span class="sev ${finding.severity}">${SEVERITY_LABEL[finding.severity]}</span> <code>${escapeHtml(finding.ruleId)}</code> ${escapeHtml(finding.message)}`,
    where(finding, region, file),
    finding.evidence ? evidenceQuote(finding.evidence) : '',
    also,
    fix,
    sources ? `<div class="muted">Source: ${sources}</div>` : '',
    '</li>',
  ].join('');
}

function visitArticle(item: CheckedItem): string {
  const { result, visit } = item;
  const payer = result.profile.payerText ?? visit.payer;
  const facts = [
    `${escapeHtml(result.profile.name)} profile${payer ? ` (payer “${escapeHtml(payer)}”)` : ''}`,
    `provider ${escapeHtml(providerLabel(visit))}`,
    ...(visit.dateOfService ? [`date of service ${escapeHtml(visit.dateOfService)}`] : []),
    ...(item.crossVisit ? ['across visits'] : []),
  ].join(' · ');
  const roots = result.findings.map((f, i) => [f, item.regions?.[i]] as const).filter(([f]) => !f.relatedTo);
  if (roots.length === 0 && !result.truncated) {
    return `<article class="clean"><h3>${escapeHtml(item.source)}</h3><div class="meta">${facts} · no findings</div></article>\n`;
  }
  // Findings the engine left out at its caps, counted exactly, after the listed ones.
  const more = moreOfRules(result)
    .map((rule) => `<li class="more"><span class="sev ${rule.severity}">${SEVERITY_LABEL[rule.severity]}</span> ${escapeHtml(moreText(rule))}</li>`)
    .join('');
  const list = roots.map(([f, region]) => findingItem(f, region, item.file)).join('') + more;
  return `<article><h3>${escapeHtml(item.source)}</h3><div class="meta">${facts}</div><ol class="findings">${list}</ol></article>\n`;
}

function groupTable(caption: string, first: string, groups: Map<string, GroupCount>): string {
  if (groups.size === 0) return '';
  const rows = [...groups.values()]
    .sort((a, b) => b.visits - a.visits || (a.name < b.name ? -1 : 1))
    .map((g) => `<tr><td>${escapeHtml(g.name)}</td><td class="n">${g.visits}</td><td class="n">${g.visitsWithErrors}</td><td class="n">${g.findings}</td></tr>`)
    .join('');
  return `<h2>${caption}</h2><table><thead><tr><th>${first}</th><th class="n">Visits</th><th class="n">With errors</th><th class="n">Findings</th></tr></thead><tbody>${rows}</tbody></table>\n`;
}

function ruleTable(summary: Summary, rules: RuleMeta[]): string {
  const rows = rules
    .filter((rule) => summary.byRule.has(rule.id))
    .map((rule) => {
      const c = summary.byRule.get(rule.id)!;
      return `<tr><td><code>${escapeHtml(rule.id)}</code><br><span class="muted">${escapeHtml(rule.title)}</span></td><td class="n">${c.error}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td><td class="n">${c.visits}</td></tr>`;
    })
    .join('');
  const body = rows || '<tr><td colspan="5">No rule fired.</td></tr>';
  return `<h2>Findings per rule</h2><table><thead><tr><th>Rule</th><th class="n">Errors</th><th class="n">Warnings</th><th class="n">Info</th><th class="n">Visits</th></tr></thead><tbody>${body}</tbody></table>\n`;
}

function problemList(summary: Summary): string {
  if (summary.problems.length === 0) return '';
  const items = summary.problems
    .map((p) => `<li><code>${escapeHtml(p.source)}</code> (${p.kind === 'engine-failure' ? 'engine failure' : 'not readable'}): ${p.messages.map(escapeHtml).join('; ')}</li>`)
    .join('');
  return `<h2>Inputs not checked (${summary.problems.length})</h2><ul class="problems">${items}</ul>\n`;
}

export const htmlFormat: Format = {
  locates: true,
  first: '',
  between: '',
  begin(run: RunInfo) {
    return [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      '<title>Therapy Claim Guard — batch audit</title>',
      `<style>${STYLE}</style>`,
      '</head><body><main>',
      '<h1>Therapy Claim Guard — batch audit</h1>',
      `<p class="meta">Checked ${escapeHtml(run.startedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC with version ${escapeHtml(run.tool.version)}, rule data ${escapeHtml(run.tool.data.version)} (as of ${escapeHtml(run.tool.data.asOf)}). Inputs: ${run.inputs.map((i) => `<code>${escapeHtml(i)}</code>`).join(' ')}</p>`,
      '<p class="meta">This report quotes patient notes: keep it where you keep the notes.</p>\n',
    ].join('\n');
  },
  result: visitArticle,
  problem: () => '',
  end(summary: Summary, run: RunInfo) {
    const card = (n: number, label: string, cls = ''): string => `<div class="card ${cls}"><b>${n.toLocaleString('en-US')}</b>${label}</div>`;
    const cards = [
      card(summary.visits, 'visits checked'),
      card(summary.visitsWithErrors, 'visits with errors', 'error'),
      card(summary.all.error, plural(summary.all.error, 'error').replace(/^[\d,]+ /, ''), 'error'),
      card(summary.all.warning, plural(summary.all.warning, 'warning').replace(/^[\d,]+ /, ''), 'warning'),
      card(summary.all.info, 'info', 'info'),
      ...(summary.problems.length > 0 ? [card(summary.problems.length, 'inputs not checked', 'error')] : []),
      ...(summary.visitsCut > 0 ? [card(summary.visitsCut, 'visits with findings counted, not all listed')] : []),
    ].join('');
    return [
      `<section id="summary"><h2>Summary</h2><div class="cards">${cards}</div>\n`,
      ruleTable(summary, run.env.rules),
      groupTable('Per payer profile', 'Payer profile', summary.byProfile),
      groupTable('Per provider', 'Provider (as on the claim)', summary.byProvider),
      problemList(summary),
      '</section>\n<section id="visits"><h2>Visits</h2>\n',
    ].join('');
  },
  summaryFirst: { tail: () => '</section></main></body></html>\n' },
};
