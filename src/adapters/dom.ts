// Small DOM helpers shared by the adapters. Everything goes by `localName`, never `instanceof`:
// frames and test documents each have their own constructors.

/** Tag of the one element the extension adds to a page (the highlight overlay host). */
export const OWN_UI_TAG = 'tcg-overlay';

/** Never text: code, styling, embedded documents (their own content script reads frames). */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'svg', 'canvas', 'video', 'audio', 'head', 'title', 'meta', 'link', 'select', 'option',
  'datalist', 'button', 'input', 'textarea', 'img', 'picture', 'map', 'math', OWN_UI_TAG,
]);

/** Page chrome that never holds a note or a claim. */
export const CHROME_SELECTOR =
  'nav, [role="navigation"], [role="search"], [role="menu"], [role="menubar"], [role="banner"], [role="toolbar"], [role="tablist"]';

export function isTextArea(el: Element): el is HTMLTextAreaElement {
  return el.localName === 'textarea';
}

export function isInput(el: Element): el is HTMLInputElement {
  return el.localName === 'input';
}

export function isSelect(el: Element): el is HTMLSelectElement {
  return el.localName === 'select';
}

export function isOwnUi(el: Element): boolean {
  return el.localName === OWN_UI_TAG || el.closest(OWN_UI_TAG) !== null;
}

const CHROME_ROLES: ReadonlySet<string> = new Set(['navigation', 'search', 'menu', 'menubar', 'banner', 'toolbar', 'tablist']);

/** This element is page chrome (cheap: for per-element checks while walking text). */
export function isChrome(el: Element): boolean {
  return el.localName === 'nav' || CHROME_ROLES.has(el.getAttribute('role') ?? '');
}

/** This element is inside page chrome. */
export function isInChrome(el: Element): boolean {
  return el.closest(CHROME_SELECTOR) !== null;
}

/** Whether this element itself (not its ancestors) is hidden. */
export function isHiddenSelf(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (isInput(el) && el.type === 'hidden') return true;
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
    return !(isInput(el) && el.type === 'hidden');
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

/** The user-visible value of a form control: input/textarea value, select's chosen option. */
export function controlValue(el: Element): string {
  if (isInput(el) || isTextArea(el)) return el.value;
  if (isSelect(el)) {
    const option = el.selectedOptions[0] ?? (el.selectedIndex >= 0 ? el.options[el.selectedIndex] : undefined);
    if (!option) return '';
    // Short option values are usually the code itself ("GP", "M62.830:"); long ones are ids.
    const value = option.value.trim();
    const text = squash(option.text);
    return value && value.length <= 20 && !/^\d+$/.test(value) ? value : text || value;
  }
  return '';
}

/** Visible text of a select's chosen option (payer and provider names live there). */
export function selectedText(el: HTMLSelectElement): string {
  const option = el.selectedOptions[0] ?? (el.selectedIndex >= 0 ? el.options[el.selectedIndex] : undefined);
  return option ? squash(option.text) : '';
}

/** Value of a control, or the squashed text of any other element. */
export function valueOrText(el: Element): string {
  if (isInput(el) || isTextArea(el) || isSelect(el)) return squash(controlValue(el));
  if (el.childElementCount === 0) return squash(el.textContent ?? '');
  const controls = el.querySelectorAll('input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]), select, textarea');
  if (controls.length > 0) {
    const values: string[] = [];
    for (const control of controls) {
      const value = squash(controlValue(control));
      if (value) values.push(value);
    }
    if (values.length > 0) return values.join(' ');
  }
  return squash(el.textContent ?? '');
}

/** A readable label for a control or editor: <label>, aria, legend, placeholder. */
export function labelFor(el: Element): string | undefined {
  const labels = (el as HTMLTextAreaElement).labels as NodeListOf<HTMLLabelElement> | null | undefined;
  if (labels && labels.length > 0) {
    const text = squash(labels[0]?.textContent ?? '').replace(/:$/, '');
    if (text) return text;
  }
  const aria = el.getAttribute('aria-label');
  if (aria && squash(aria)) return squash(aria);
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const parts = labelledBy
      .split(/\s+/)
      .map((id) => squash(el.ownerDocument.getElementById(id)?.textContent ?? ''))
      .filter(Boolean);
    if (parts.length > 0) return parts.join(' ');
  }
  const legend = el.closest('fieldset')?.querySelector('legend');
  if (legend && squash(legend.textContent ?? '')) return squash(legend.textContent ?? '');
  const placeholder = el.getAttribute('placeholder') ?? el.getAttribute('title');
  if (placeholder && squash(placeholder)) return squash(placeholder);
  return undefined;
}

/** True when `el` sits inside a <del>, <s> or <strike> (a struck-out, deleted line). */
export function isStruck(el: Element): boolean {
  return el.closest('del, s, strike') !== null || el.querySelector('del, s, strike') !== null;
}
