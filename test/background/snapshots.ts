// Snapshots for worker tests, built the way the describer builds them: a note as editor blocks, claim
// lines as a table with header-resolved columns, header facts as labelled fields.
import type { PageBlock, PageDescription, PageField } from '../../src/shared/page';
import type { Snapshot, SnapshotClaimLine } from '../../src/shared/snapshot';

export interface NoteSpec {
  id: string;
  label?: string;
  text: string;
  visible?: boolean;
}

export interface PageSpec {
  notes?: NoteSpec[];
  lines?: SnapshotClaimLine[];
  /** Labelled fields: { Payer: 'Aetna', Provider: 'Jane Doe, PT', 'Date of service': '11/20/2026' }. */
  facts?: Record<string, string>;
  top?: boolean;
  visible?: boolean;
  loading?: boolean;
}

export function page(spec: PageSpec = {}): PageDescription {
  let at = 0;
  const blocks: PageBlock[] = (spec.notes ?? []).map((n) => ({
    id: n.id,
    at: at++,
    text: n.text,
    edit: true,
    tag: 'textarea',
    ...(n.label ? { label: n.label } : {}),
    visible: n.visible ?? true,
  }));
  const fields: PageField[] = Object.entries(spec.facts ?? {}).map(([label, value], i) => ({ id: `f${i}`, at: at++, label, value, via: 'for', visible: true }));
  const lines = spec.lines ?? [];
  return {
    frame: { top: spec.top ?? false, visible: spec.visible ?? true, loading: spec.loading ?? false, title: 'Visit' },
    headings: [],
    blocks,
    fields,
    tables:
      lines.length === 0
        ? []
        : [
            {
              id: 't0',
              at: at++,
              kind: 'table',
              columns: ['CPT code', 'Modifiers', 'Units', 'Minutes', 'Diagnosis'],
              rows: lines.map((l, i) => ({
                id: `r${i}`,
                cells: [
                  { text: l.code },
                  { text: (l.modifiers ?? []).join(' ') },
                  { text: l.units === undefined ? '' : String(l.units) },
                  { text: l.minutes === undefined ? '' : String(l.minutes) },
                  { text: (l.dx ?? []).join(' ') },
                ],
                visible: true,
              })),
              total: lines.length,
              visible: true,
            },
          ],
    records: [],
  };
}

export function snapshot(spec: PageSpec = {}): Snapshot {
  return { adapter: 'page', page: page(spec) };
}
