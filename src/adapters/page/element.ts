// Two reads the describer makes on almost every element, as functions: a call is a third of the
// bytes of `el.getAttribute('…')` / `el.localName` in the minified content script (40 KB budget).

/** An attribute's value, null when absent. */
export const attr = (el: Element, name: string): string | null => el.getAttribute(name);

/** The element's lower-case tag name ("td", "mat-row"). */
export const tagOf = (el: Element): string => el.localName;

/** The first element under `el` that matches a selector, null when none. */
export const query = (el: Element, css: string): Element | null => el.querySelector(css);
