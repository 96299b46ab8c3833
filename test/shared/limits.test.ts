// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS as L } from '../../src/shared/page';
import { PageDescriptionSchema } from '../../src/shared/page-schema';
import { page } from '../background/snapshots';

const base = page({ notes: [{ id: 'n', text: 'Pt reports pain.' }], lines: [{ code: '97124', units: 1 }], facts: { Payer: 'Aetna' } });
const accepts = (over: object) => PageDescriptionSchema.safeParse({ ...base, ...over }).success;
const block = base.blocks[0] as (typeof base.blocks)[number];
const table = base.tables[0] as (typeof base.tables)[number];
const field = base.fields[0] as (typeof base.fields)[number];

describe('page description caps (PAGE_LIMITS: the describer applies them, the worker\'s schema enforces them)', () => {
  it('bound blocks, block text and the page\'s text', () => {
    expect(accepts({ blocks: Array.from({ length: L.blocks }, (_, i) => ({ ...block, id: `b${i}` })) })).toBe(true);
    expect(accepts({ blocks: Array.from({ length: L.blocks + 1 }, (_, i) => ({ ...block, id: `b${i}` })) })).toBe(false);
    expect(accepts({ blocks: [{ ...block, text: 'x'.repeat(L.blockChars) }] })).toBe(true);
    expect(accepts({ blocks: [{ ...block, text: 'x'.repeat(L.blockChars + 1) }] })).toBe(false);
    const n = Math.ceil(L.text / L.blockChars) + 1;
    expect(accepts({ blocks: Array.from({ length: n }, (_, i) => ({ ...block, id: `b${i}`, text: 'x'.repeat(L.blockChars) })) })).toBe(false);
  });

  it('bound fields, tables, rows, cells and their text', () => {
    expect(accepts({ fields: Array.from({ length: L.fields }, () => field) })).toBe(true);
    expect(accepts({ fields: Array.from({ length: L.fields + 1 }, () => field) })).toBe(false);
    expect(accepts({ fields: [{ ...field, value: 'v'.repeat(L.value + 1) }] })).toBe(false);
    expect(accepts({ fields: [{ ...field, label: 'l'.repeat(L.label + 1) }] })).toBe(false);
    expect(accepts({ tables: Array.from({ length: L.tables + 1 }, () => table) })).toBe(false);
    const row = table.rows[0] as (typeof table.rows)[number];
    expect(accepts({ tables: [{ ...table, rows: Array.from({ length: L.rows }, () => row) }] })).toBe(true);
    expect(accepts({ tables: [{ ...table, rows: Array.from({ length: L.rows + 1 }, () => row) }] })).toBe(false);
    expect(accepts({ tables: [{ ...table, rows: [{ ...row, cells: [{ text: 'c'.repeat(L.cellChars + 1) }] }] }] })).toBe(false);
    expect(accepts({ records: Array.from({ length: L.records + 1 }, (_, i) => ({ id: `r${i}`, at: i, tag: 'li', parts: [], visible: true })) })).toBe(false);
  });
});
