// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../src/content/inbound';
import { BackgroundToContent, parseMessage } from '../../src/shared/messages';

/** Values around the edges of what the catalog accepts. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.string({ minLength: 199, maxLength: 202 }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null, true),
  fc.constant(undefined),
);

const message = fc.record(
  {
    type: fc.constantFrom('bg:highlight', 'bg:highlight-element', 'bg:clear-highlight', 'bg:request-snapshot', 'bg:pick', 'bg:selectors', 'cs:snapshot', 'ui:rescan', 'bg:other'),
    partId: anyValue,
    start: anyValue,
    end: anyValue,
    anchor: fc.oneof(anyValue, fc.string({ minLength: 39, maxLength: 41 })),
    anchors: fc.oneof(anyValue, fc.array(fc.oneof(fc.string({ maxLength: 41 }), anyValue), { maxLength: 42 })),
    extra: anyValue,
  },
  { requiredKeys: ['type'] },
);

describe('inbound message check', () => {
  it('accepts and rejects exactly what parseMessage(BackgroundToContent) does', () => {
    fc.assert(
      fc.property(fc.oneof(message, anyValue, fc.array(anyValue)), (input) => {
        expect(parseInbound(input)).toEqual(parseMessage(BackgroundToContent, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns only the catalog fields of a valid message', () => {
    expect(parseInbound({ type: 'bg:highlight', partId: 'soap:plan', start: 3, end: 9, evil: '<img>' })).toEqual({
      type: 'bg:highlight',
      partId: 'soap:plan',
      start: 3,
      end: 9,
    });
    expect(parseInbound({ type: 'bg:highlight', partId: 'soap:plan', start: -1, end: 9 })).toBeNull();
    expect(parseInbound({ type: 'bg:highlight-element', anchor: 'e12', partId: 'x' })).toEqual({ type: 'bg:highlight-element', anchor: 'e12' });
    expect(parseInbound({ type: 'bg:selectors', anchors: ['e1', 'e2'] })).toEqual({ type: 'bg:selectors', anchors: ['e1', 'e2'] });
    expect(parseInbound({ type: 'bg:selectors', anchors: 'e1' })).toBeNull();
    expect(parseInbound({ type: 'bg:pick', selector: 'body' })).toEqual({ type: 'bg:pick' });
  });
});
