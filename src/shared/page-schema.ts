// The zod schema of a page description (./page.ts), for the worker: a content script's message is
// validated before anything reads it, and every cap of PAGE_LIMITS is enforced here too.
import * as z from '../engine/zod';
import { ID_LIMITS } from './limits';
import { PAGE_LIMITS as L, type PageDescription } from './page';

const text = (max: number) => z.string().check(z.maxLength(max));
const id = text(ID_LIMITS.anchor);
const at = z.number().check(z.int(), z.nonnegative());
const index = z.number().check(z.int(), z.nonnegative(), z.lte(100_000));
const hints = z.optional(z.array(text(L.hintChars)).check(z.maxLength(L.hints + 1)));

const CellSchema = z.object({
  text: text(L.cellChars),
  name: z.optional(text(L.label)),
  label: z.optional(text(L.label)),
  bold: z.optional(z.boolean()),
});

export const PageDescriptionSchema = z.object({
  frame: z.object({ top: z.boolean(), visible: z.boolean(), loading: z.boolean(), title: text(L.title), url: z.optional(text(L.url)) }),
  headings: z.array(z.object({ id, at, level: z.number().check(z.int(), z.gte(0), z.lte(7)), text: text(L.label) })).check(z.maxLength(L.headings)),
  blocks: z
    .array(
      z.object({
        id,
        at,
        text: text(L.blockChars),
        edit: z.optional(z.boolean()),
        tag: text(60),
        label: z.optional(text(L.label)),
        head: z.optional(index),
        hints,
        visible: z.boolean(),
        links: z.optional(index),
        table: z.optional(index),
        row: z.optional(index),
        entry: z.optional(id),
        marker: z.optional(text(4)),
      }),
    )
    .check(z.maxLength(L.blocks)),
  fields: z
    .array(
      z.object({
        id,
        at,
        label: text(L.label),
        value: text(L.value),
        via: z.enum(['for', 'aria', 'prev', 'col', 'row', 'dl', 'colon', 'name', 'config']),
        name: z.optional(text(L.label)),
        visible: z.boolean(),
        head: z.optional(index),
        hints,
        table: z.optional(index),
        group: z.optional(index),
      }),
    )
    .check(z.maxLength(L.fields)),
  tables: z
    .array(
      z.object({
        id,
        at,
        kind: z.enum(['table', 'grid', 'config']),
        columns: z.array(text(L.label)).check(z.maxLength(L.cells)),
        rows: z
          .array(
            z.object({
              id,
              cells: z.array(CellSchema).check(z.maxLength(L.cells + 8)),
              removed: z.optional(z.boolean()),
              visible: z.boolean(),
              group: z.optional(index),
            }),
          )
          .check(z.maxLength(L.rows)),
        total: index,
        caption: z.optional(text(L.label)),
        head: z.optional(index),
        hints,
        visible: z.boolean(),
        groups: z.optional(z.array(z.object({ id, text: text(L.value) })).check(z.maxLength(L.rows))),
      }),
    )
    .check(z.maxLength(L.tables)),
  records: z
    .array(
      z.object({
        id,
        at,
        tag: text(60),
        parts: z.array(CellSchema).check(z.maxLength(L.recordParts)),
        head: z.optional(index),
        hints,
        visible: z.boolean(),
        removed: z.optional(z.boolean()),
      }),
    )
    .check(z.maxLength(L.records)),
  cut: z.optional(z.array(text(L.cutChars)).check(z.maxLength(L.cutEntries))),
}).check(z.refine((page) => page.blocks.reduce((n, b) => n + b.text.length, 0) <= L.text, 'page text over its cap'));

// Compile-time check: the schema accepts exactly what the describer builds.
type Expect<T extends true> = T;
export type DescriptionFitsSchema = Expect<PageDescription extends z.infer<typeof PageDescriptionSchema> ? true : false>;
