// Every vocabulary the chart reads, as lexicon data: the wording lists a compliance lead edits
// (data/lexicons/*.json) and two lists made from the service names of data/codes.json.
import { ambiguousServiceNames, serviceNames } from '../codes';
import { LEXICONS } from '../data/lexicons';
import type { LexiconData } from './lexicon';
import { SLIP_LEXICONS } from './spelling-slips';

/** Service names from the code sets become two lexicons: one code each, and ambiguous ones. */
function serviceLexicons(): LexiconData[] {
  const byCode = new Map<string, string[]>();
  for (const { name, code } of serviceNames()) {
    const list = byCode.get(code) ?? [];
    list.push(name);
    byCode.set(code, list);
  }
  const source = 'https://medicare.fcso.com/Rehabilitation_services/0508065.asp';
  // Non-therapeutic massage ("fundal massage 5 min") must not become 97124 time either.
  const massageExceptions = (LEXICONS.find((l) => l.id === 'massage-service')?.exceptions ?? []).map((x) => ({ ...x, entries: ['97124'] }));
  return [
    {
      id: 'service',
      description: 'Service names from data/codes.json',
      entries: [...byCode].map(([code, phrases]) => ({ id: code, phrases, source })),
      exceptions: massageExceptions,
    },
    {
      id: 'service-ambiguous',
      description: 'Names that could mean several codes',
      entries: ambiguousServiceNames().map((a, i) => ({ id: `ambiguous-${i}`, phrases: [a.name], source })),
    },
  ];
}

/** The wording lexicons, then the service-name lexicons: the order lexicon indices follow. */
export function allLexicons(): readonly LexiconData[] {
  return [...LEXICONS, ...serviceLexicons()];
}

/** Of `lexicons`, the ones a massage entry's spelling slips are read against. */
export function slipLexicons(lexicons: readonly LexiconData[]): LexiconData[] {
  return lexicons.filter((l) => SLIP_LEXICONS.includes(l.id));
}
