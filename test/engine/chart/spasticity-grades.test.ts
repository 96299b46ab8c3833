// Tone and spasticity grades with a plus (Modified Ashworth: 0, 1, 1+, 2, 3, 4) as a before/after response,
// notation by notation: an arrow from one grade to the next, a bare grade with its phase later in the
// clause, the value before treatment written after the one after it. Invented variants, and ones that
// must not be read as grades.
import { describe, expect, it } from 'vitest';
import { analyzeChart } from '../../../src/engine/chart';

const changesOf = (note: string) =>
  analyzeChart(note)
    .changes.filter((c) => c.kind === 'spasm-grade')
    .map((c) => [c.from, c.to, c.since, c.direction]);

describe('spasticity grades with a plus, before and after', () => {
  const rows: { name: string; note: string; want: (number | string | undefined)[][] }[] = [
    { name: 'an arrow to a grade with a plus, then the work', note: 'R wrist flexors MAS 3 -> 1+ following STM.', want: [[3, 1.5, 'session', 'better']] },
    { name: 'an arrow from a grade with a plus', note: 'L gastroc Ashworth 1+ → 1 post-tx.', want: [[1.5, 1, 'session', 'better']] },
    { name: 'an arrow with a colon after the scale', note: 'Hamstring tone: MAS: 2 => 1+ after massage.', want: [[2, 1.5, 'session', 'better']] },
    { name: 'an arrow with no phase is a change all the same', note: 'Elbow flexors MAS 2 -> 1+.', want: [[2, 1.5, 'earlier', 'better']] },
    { name: 'a bare grade with its phase after the scale', note: 'Quads MAS 2 to begin, 1+ after the release.', want: [[2, 1.5, 'session', 'better']] },
    { name: 'the value after first, the value before later', note: 'R biceps Ashworth 1+ post, 3 before tx.', want: [[3, 1.5, 'session', 'better']] },
    { name: 'pre and post words after bare grades', note: 'Modified Ashworth 3 pre, 2 post.', want: [[3, 2, 'session', 'better']] },
    { name: 'worse after treatment', note: 'Calf MAS 1 -> 2 after massage.', want: [[1, 2, 'session', 'worse']] },
    // Not grades.
    { name: 'a spasm with no grade before a count', note: 'Spasm B UT, 2 after.', want: [] },
    { name: 'a count after a graded scale', note: 'MAS 2 L calf, 10 reps after.', want: [] },
    { name: 'a clause break before the bare figure', note: 'MAS 2 R calf. 1 post.', want: [] },
    { name: 'a figure above the scale\'s range', note: 'MAS 2 -> 12 post.', want: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(changesOf(row.note)).toEqual(row.want);
    });
  }

  it('other scales named by capitals still read as scores', () => {
    const changes = analyzeChart('VSS 9 -> 7 after massage.').changes;
    expect(changes.map((c) => [c.kind, c.from, c.to])).toEqual([['score', 9, 7]]);
  });
});
