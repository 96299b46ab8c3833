// `--format text`: the report for people, one block per visit as it is checked, then the totals.
// Problems go to stderr only (the pipeline prints them there for every format).
import { textSummary, visitText } from '../../output';
import type { Format } from './format';

export const textFormat: Format = {
  locates: false,
  first: '',
  between: '',
  begin: () => '',
  result: (item) => visitText(item),
  problem: () => '',
  end(summary) {
    const { visits, patients, withFindings } = summary.crossVisit;
    const across = visits > 0 ? `Across visits: ${visits} visit${visits === 1 ? '' : 's'} of ${patients} patient${patients === 1 ? '' : 's'} compared, ${withFindings} with cross-visit findings.\n` : '';
    const line = `${across}${textSummary(summary.textTotals())}`;
    const problems = summary.problems.length;
    if (problems === 0) return line;
    return `${line}${problems} input${problems === 1 ? '' : 's'} could not be checked (named on stderr).\n`;
  },
};
