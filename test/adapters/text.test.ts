// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { elementTextSource } from '../../src/adapters/page/describe';
import { mapTextRange, rangeForText, textBuilder } from '../../src/adapters/text';
import type { PartSource } from '../../src/adapters/types';

function el(markup: string): Element {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body><div id="root">${markup}</div></body>`, 'text/html');
  return doc.getElementById('root') as Element;
}

/** An element's text as the describer builds one block, with its source. */
function collect(root: Element): { text: string; source: Extract<PartSource, { kind: 'text' }> } {
  const read = elementTextSource(root);
  if (!read || read.source.kind !== 'text') throw new Error('no text');
  return { text: read.text, source: read.source };
}

describe('textBuilder', () => {
  it('puts blocks on their own lines, collapses whitespace and keeps inline runs together', () => {
    const root = el('<h3>Subjective</h3>\n   <p>Pt  reports\n      <b>neck</b> pain.</p><p>Line one<br>line two</p>');
    expect(collect(root).text).toBe('Subjective\nPt reports neck pain.\nLine one\nline two');
  });

  it('skips scripts, styles, form controls and our overlay host', () => {
    const root = el('<p>Seen</p><script>var x = "97124"</script><style>p{}</style><textarea>area text</textarea><select><option>opt</option></select><tcg-overlay>ours</tcg-overlay><p>Also seen</p>');
    expect(collect(root).text).toBe('Seen\nAlso seen');
  });

  it('keeps whitespace of preformatted text', () => {
    const doc = new DOMParser().parseFromString('<pre>a  b\n  c</pre>', 'text/html');
    const builder = textBuilder();
    builder.append(doc.querySelector('pre')?.firstChild as Text, true);
    expect(builder.text()).toBe('a  b\n  c');
  });

  it('stops at maxChars and reports the cut', () => {
    const doc = new DOMParser().parseFromString('<p>abcdefghij</p><p>klmnop</p>', 'text/html');
    const builder = textBuilder(12);
    for (const p of Array.from(doc.querySelectorAll('p'))) {
      builder.append(p.firstChild as Text);
      builder.lineBreak();
    }
    expect(builder.result()).toMatchObject({ text: 'abcdefghij\nk', truncated: true });
  });

  it('records one segment per contiguous run of a text node, and drops a leading label with its mapping', () => {
    const root = el('<p>Plan: continue POC.</p>');
    const doc = root.ownerDocument;
    const builder = textBuilder();
    builder.append(doc.querySelector('p')?.firstChild as Text);
    expect(builder.result().segments).toEqual([expect.objectContaining({ start: 0, nodeOffset: 0, length: 19 })]);
    builder.dropLead('Plan:'.length);
    expect(builder.text()).toBe('continue POC.');
    expect(builder.result().segments).toEqual([expect.objectContaining({ start: 0, nodeOffset: 6, length: 13 })]);
  });

  it('adds literal text that maps to no node (a control value inside a cell)', () => {
    const builder = textBuilder();
    builder.literal('97124');
    builder.space();
    builder.literal('GP');
    expect(builder.result()).toMatchObject({ text: '97124 GP', segments: [] });
  });
});

describe('mapping offsets back to the DOM', () => {
  it('maps a span across inline elements to a Range with the same text', () => {
    const root = el('<p>Therapeutic massage, <b>effleurage</b> and petrissage, 25 minutes.</p>');
    const { text, source } = collect(root);
    const range = rangeForText(source, text.indexOf('massage'), text.indexOf(', 25'));
    expect(range?.toString()).toBe('massage, effleurage and petrissage');
  });

  it('maps text whose source whitespace was collapsed', () => {
    const root = el('<p>first\n        second   third</p>');
    const { text, source } = collect(root);
    expect(text).toBe('first second third');
    const start = text.indexOf('second');
    expect(rangeForText(source, start, start + 'second third'.length)?.toString()).toBe('second   third');
  });

  it('moves a start inside an added separator forward and an end backward', () => {
    const root = el('<p>alpha</p><p>beta</p>');
    const { text, source } = collect(root);
    expect(text).toBe('alpha\nbeta');
    expect(mapTextRange(source.segments, 5, 6)).toBeNull(); // just the "\n"
    expect(rangeForText(source, 3, 8)?.toString()).toBe('habe');
  });

  it('returns null when the mapped nodes left the page', () => {
    const root = el('<p>gone soon</p>');
    const { source } = collect(root);
    root.replaceChildren();
    expect(rangeForText(source, 0, 4)).toBeNull();
  });
});
