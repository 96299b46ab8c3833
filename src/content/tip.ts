// The in-page side of "card ↔ underline" (Grammarly): a labelled highlight gets a small flag that
// names its finding to assistive technology and, on click or focus (of the flag, or a click on
// the highlighted text), a tip with the rule's title, its severity and "Open in Claim Guard".
//
// Injected by the worker with scripting.executeScript only when a highlight is shown (the content
// script's 40 KB budget stays for reading pages). It runs in the content script's isolated world
// and registers under TIP_HOOK; highlight.ts hands it a layer inside its closed shadow root, so
// the page's DOM tree never holds our elements as plain nodes. Text goes in as text nodes only;
// styles through CSSOM.
import { TIP_HOOK, type HighlightLabel, type TipHook, type TipTarget } from './highlight-hook';

interface ExtensionLike {
  runtime?: { sendMessage(message: unknown): Promise<unknown> };
  i18n?: { getMessage(key: string, substitutions?: string[]): string };
}

/** browser.* in Firefox, chrome.* in Chrome and Edge (both promise-based in MV3). */
const ext = (): ExtensionLike | undefined =>
  (globalThis as { browser?: ExtensionLike }).browser ?? (globalThis as { chrome?: ExtensionLike }).chrome;

const ENGLISH: Record<string, string> = {
  tipFlagLabel: 'Claim Guard finding: $1 ($2)',
  tipOpen: 'Open in Claim Guard',
  tipOpened: 'Shown in Claim Guard. If no panel opened, click Claim Guard in the toolbar.',
  tipClose: 'Close',
  severityError: 'Error',
  severityWarning: 'Warning',
  severityInfo: 'Info',
};

function text(key: string, substitutions: string[] = []): string {
  const own = ext()?.i18n?.getMessage(key, substitutions) ?? '';
  return own !== '' ? own : (ENGLISH[key] ?? key).replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
}

const SEVERITY = {
  error: { icon: '✖', key: 'severityError', color: '#b3261e' },
  warning: { icon: '▲', key: 'severityWarning', color: '#8a4b00' },
  info: { icon: 'ℹ', key: 'severityInfo', color: '#1f5fa8' },
} as const;

function style(el: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) el.style.setProperty(property, value, 'important');
}

const BASE = { 'pointer-events': 'auto', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'line-height': '1.35', 'box-sizing': 'border-box' };

export function createTip(doc: Document): TipHook {
  let label: HighlightLabel | null = null;
  let target: TipTarget | null = null;
  let flag: HTMLButtonElement | null = null;
  let bubble: HTMLElement | null = null;
  let status: HTMLElement | null = null;

  const position = (): void => {
    if (!target || !flag) return;
    const rects = target.rects();
    const first = rects[0];
    if (!first) {
      style(flag, { display: 'none' });
      if (bubble) style(bubble, { display: 'none' });
      return;
    }
    const last = rects[rects.length - 1] ?? first;
    const view = doc.defaultView;
    const width = view?.innerWidth ?? 800;
    const height = view?.innerHeight ?? 600;
    style(flag, { display: 'block', left: `${Math.max(0, Math.min(first.left - 12, width - 24))}px`, top: `${Math.max(0, first.top - 14)}px` });
    if (bubble) {
      const below = last.bottom + 6;
      const top = below + 90 > height ? Math.max(0, first.top - 96) : below;
      style(bubble, { display: 'block', left: `${Math.max(4, Math.min(first.left, width - 284))}px`, top: `${top}px` });
    }
  };

  // Focus given back to the flag after closing must not open the tip again.
  let returning = false;
  const refocusFlag = (): void => {
    returning = true;
    flag?.focus();
    returning = false;
  };

  const closeBubble = (): void => {
    bubble?.remove();
    bubble = null;
    status = null;
    flag?.setAttribute('aria-expanded', 'false');
  };

  const openBubble = (): void => {
    if (!target || !label || bubble || returning) return;
    const { layer } = target;
    const severity = SEVERITY[label.severity];
    bubble = doc.createElement('div');
    bubble.setAttribute('role', 'group');
    bubble.setAttribute('aria-label', label.title);
    style(bubble, { ...BASE, position: 'fixed', width: '280px', padding: '8px 10px', background: '#ffffff', color: '#1d2330', border: '1px solid #5a6372', 'border-radius': '6px', 'box-shadow': '0 4px 14px rgba(0,0,0,.25)' });
    const title = doc.createElement('p');
    style(title, { margin: '0 0 2px', 'font-weight': '700' });
    title.textContent = label.title;
    const level = doc.createElement('p');
    style(level, { margin: '0 0 6px', color: severity.color, 'font-weight': '600' });
    level.textContent = `${severity.icon} ${text(severity.key)}`;
    const open = doc.createElement('button');
    open.type = 'button';
    open.textContent = text('tipOpen');
    style(open, { ...BASE, padding: '3px 10px', border: '1px solid #1f5fa8', 'border-radius': '4px', background: '#1f5fa8', color: '#ffffff', cursor: 'pointer' });
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', text('tipClose'));
    style(close, { ...BASE, position: 'absolute', top: '2px', right: '4px', border: 'none', background: 'transparent', color: '#1d2330', 'font-size': '16px', cursor: 'pointer' });
    status = doc.createElement('p');
    status.setAttribute('role', 'status');
    style(status, { margin: '6px 0 0', 'font-size': '12px', color: '#1d2330' });
    const findingKey = label.findingKey;
    open.addEventListener('click', () => {
      // The click is the user's gesture; the worker opens the side panel (or popup) on it.
      void ext()?.runtime?.sendMessage({ type: 'cs:open-finding', findingKey }).catch(() => undefined);
      if (status) status.textContent = text('tipOpened');
    });
    close.addEventListener('click', () => {
      closeBubble();
      refocusFlag();
    });
    bubble.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      closeBubble();
      refocusFlag();
    });
    bubble.append(close, title, level, open, status);
    layer.append(bubble);
    flag?.setAttribute('aria-expanded', 'true');
    position();
  };

  /** A click on the highlighted text itself opens the tip (the marks take no events of their own). */
  const onDocumentClick = (event: MouseEvent): void => {
    if (!target) return;
    const inside = target.rects().some((r) => event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom);
    if (inside) openBubble();
  };

  /**
   * "Jump to and flash": an outline over the evidence that fades out once, so the eye finds it
   * after the scroll. Without animation (prefers-reduced-motion) it shows briefly, still.
   */
  const flash = (layer: HTMLElement, rects: DOMRect[], color: string): void => {
    const view = doc.defaultView;
    const still = view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    for (const r of rects) {
      const box = doc.createElement('div');
      style(box, { position: 'fixed', left: `${r.left - 3}px`, top: `${r.top - 3}px`, width: `${r.width + 6}px`, height: `${r.height + 6}px`, outline: `3px solid ${color}`, 'border-radius': '3px', 'pointer-events': 'none' });
      box.setAttribute('data-flash', '');
      layer.append(box);
      if (!still && typeof box.animate === 'function') {
        box.animate([{ opacity: 1 }, { opacity: 0.2 }, { opacity: 1 }, { opacity: 0 }], { duration: 1200, easing: 'ease-out' }).finished.then(
          () => box.remove(),
          () => box.remove(),
        );
      } else {
        setTimeout(() => box.remove(), 1200);
      }
    }
  };

  return {
    prepare(next) {
      label = next;
    },
    attach(next) {
      this.detach();
      if (!label) return;
      target = next;
      const severity = SEVERITY[label.severity];
      flag = doc.createElement('button');
      flag.type = 'button';
      flag.textContent = severity.icon;
      // The highlight's accessible label: which finding this mark belongs to.
      flag.setAttribute('aria-label', text('tipFlagLabel', [label.title, text(severity.key)]));
      flag.setAttribute('aria-expanded', 'false');
      style(flag, { ...BASE, position: 'fixed', width: '22px', height: '22px', padding: '0', 'border-radius': '11px', border: `2px solid ${severity.color}`, background: '#ffffff', color: severity.color, 'font-size': '12px', 'font-weight': '700', cursor: 'pointer' });
      flag.addEventListener('click', () => (bubble ? closeBubble() : openBubble()));
      flag.addEventListener('focus', openBubble);
      next.layer.replaceChildren(flag);
      doc.addEventListener('click', onDocumentClick, true);
      position();
      flash(next.layer, next.rects(), severity.color);
    },
    moved: position,
    detach() {
      doc.removeEventListener('click', onDocumentClick, true);
      closeBubble();
      // The flag and any flash still fading: the layer holds nothing else of ours.
      target?.layer.replaceChildren();
      flag = null;
      target = null;
    },
  };
}

// Installed once per frame, however often the worker injects this file.
const scope = globalThis as { [TIP_HOOK]?: TipHook };
scope[TIP_HOOK] ??= createTip(document);
