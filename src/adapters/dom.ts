// Small DOM helpers shared by the page describer and the content script. Everything goes by `localName`, never `instanceof`:
// frames and test documents each have their own constructors.

/** Tag of the one element the extension adds to a page (the highlight overlay host). */
export const OWN_UI_TAG = 'tcg-overlay';

/** Whether this element itself (not its ancestors) is hidden. */
function isHiddenSelf(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.localName === 'input' && (el as HTMLInputElement).type === 'hidden') return true;
  // Inline style first (cheap to skip when absent), then the computed style.
  if (el.hasAttribute('style')) {
    const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  }
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  // Computed style catches class-based hiding (collapsed tabs, `d-none`); browsers cache it.
  const computed = view.getComputedStyle(el);
  return computed.display === 'none' || computed.visibility === 'hidden';
}

/** Whether the element and all its ancestors are displayed. */
export function isVisible(el: Element): boolean {
  const native = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof native === 'function') {
    if (!native.call(el, { visibilityProperty: true })) return false;
    // checkVisibility ignores the `hidden` input type; the rest is covered.
    return !(el.localName === 'input' && (el as HTMLInputElement).type === 'hidden');
  }
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (isHiddenSelf(node)) return false;
  }
  return true;
}

/** Collapse whitespace, trim. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
