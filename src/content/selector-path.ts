// A CSS selector for an element the user pointed at (a reading correction), saved per site and
// exportable for the admin policy. It must be PHI-free and stable: it is built only from tag names,
// ids and class names that are plain words (no digits: record numbers and hashed class names are
// left out), `name` attributes that are plain words, and :nth-of-type positions. Never from text.
const WORD = /^[A-Za-z][A-Za-z_-]{1,40}$/;

function cssEscape(token: string): string {
  return token.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`);
}

function safe(token: string | null): string | null {
  return token && WORD.test(token) && !/--/.test(token) ? token : null;
}

function step(el: Element): { css: string; unique: boolean } {
  const tag = el.localName;
  const id = safe(el.id);
  if (id) return { css: `${tag}#${cssEscape(id)}`, unique: el.ownerDocument.querySelectorAll(`#${cssEscape(id)}`).length === 1 };
  let css = tag;
  const name = safe(el.getAttribute('name'));
  if (name) css += `[name="${name}"]`;
  const classes = Array.from(el.classList).map(safe).filter((c): c is string => c !== null).slice(0, 2);
  for (const c of classes) css += `.${cssEscape(c)}`;
  const parent = el.parentElement;
  if (parent) {
    const same = Array.from(parent.children).filter((c) => c.localName === tag && c.matches(css));
    if (same.length > 1) css += `:nth-of-type(${Array.from(parent.children).filter((c) => c.localName === tag).indexOf(el) + 1})`;
  }
  return { css, unique: false };
}

/** A selector matching exactly `el` in its document (shadow content: its host), or null. */
export function selectorFor(target: Element): string | null {
  let el: Element | null = target;
  // Selectors cannot reach into shadow roots: name the light-DOM host instead.
  for (let root = el.getRootNode(); (root as ShadowRoot).host; root = el.getRootNode()) el = (root as ShadowRoot).host;
  const doc = el.ownerDocument;
  const path: string[] = [];
  for (let node: Element | null = el; node && node !== doc.documentElement && path.length < 12; node = node.parentElement) {
    const { css, unique } = step(node);
    path.unshift(css);
    if (unique) break;
    if (node.localName === 'body') break;
  }
  const selector = path.join(' > ');
  try {
    const found = doc.querySelectorAll(selector);
    return found.length === 1 && found[0] === el && selector.length <= 500 ? selector : null;
  } catch {
    return null;
  }
}
