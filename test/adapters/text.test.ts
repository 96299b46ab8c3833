// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { collectText, mapTextRange, rangeForText } from '../../src/adapters/text';

function el(markup: string): Element {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body><div id="root">${markup}</div></body>`, 'text/html');
  return doc.getElementById('root') as Element;
}

describe('collectText', () => {
  it('reads blocks on their own lines, collapses whitespace and keeps inline runs together', () => {
    const root = el('<h3>Subjective</h3>\n   <p>Pt  reports\n      <b>neck</b> pain.</p><p>Line one<br>line two</p><table><tr><td>97124</td><td>GP</td></tr></table>');
    expect(collectText(root).text).toBe('Subjective\nPt reports neck pain.\nLine one\nline two\n97124 GP');
  });

  it('skips scripts, styles, form controls, hidden elements and our overlay host', () => {
    const root = el(
      '<p>Seen</p><script>var x = "97124"</script><style>p{}</style><p hidden>hidden attr</p>' +
        '<p style="display:none">display none</p><textarea>area text</textarea><select><option>opt</option></select>' +
        '<tcg-overlay>ours</tcg-overlay><p>Also seen</p>',
    );
    expect(collectText(root).text).toBe('Seen\nAlso seen');
  });

  it('keeps whitespace inside <pre> and turns line breaks into spaces when unwrapping', () => {
    expect(collectText(el('<pre>a  b\n  c</pre>')).text).toBe('a  b\n  c');
    expect(collectText(el('relaxation in<br>preparation for\ntherapeutic exercise'), { unwrap: true }).text).toBe(
      'relaxation in preparation for therapeutic exercise',
    );
  });

  it('stops at maxChars and reports the cut', () => {
    const collected = collectText(el('<p>abcdefghij</p><p>klmnop</p>'), { maxChars: 12 });
    expect(collected.text).toBe('abcdefghij\nk');
    expect(collected.truncated).toBe(true);
  });

  it('records one segment per contiguous run of a text node', () => {
    const root = el('<p>Pt reports neck pain.</p>');
    const { segments } = collectText(root);
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ start: 0, nodeOffset: 0, length: 21 });
  });
});

describe('mapping offsets back to the DOM', () => {
  it('maps a span across inline elements to a Range with the same text', () => {
    const root = el('<p>Therapeutic massage, <b>effleurage</b> and petrissage, 25 minutes.</p>');
    const collected = collectText(root);
    const start = collected.text.indexOf('massage');
    const end = collected.text.indexOf(', 25');
    const range = rangeForText({ kind: 'text', root, segments: collected.segments }, start, end);
    expect(range?.toString()).toBe('massage, effleurage and petrissage');
  });

  it('maps text whose source whitespace was collapsed', () => {
    const root = el('<p>first\n        second   third</p>');
    const collected = collectText(root);
    expect(collected.text).toBe('first second third');
    const start = collected.text.indexOf('second');
    const range = rangeForText({ kind: 'text', root, segments: collected.segments }, start, start + 'second third'.length);
    expect(range?.toString()).toBe('second   third');
  });

  it('moves a start inside an added separator forward and an end backward', () => {
    const root = el('<p>alpha</p><p>beta</p>');
    const collected = collectText(root);
    expect(collected.text).toBe('alpha\nbeta');
    const points = mapTextRange(collected.segments, 5, 6); // just the "\n"
    expect(points).toBeNull();
    const range = rangeForText({ kind: 'text', root, segments: collected.segments }, 3, 8);
    expect(range?.toString()).toBe('habe');
  });

  it('returns null when the mapped nodes left the page', () => {
    const root = el('<p>gone soon</p>');
    const collected = collectText(root);
    root.replaceChildren();
    expect(rangeForText({ kind: 'text', root, segments: collected.segments }, 0, 4)).toBeNull();
  });
});
