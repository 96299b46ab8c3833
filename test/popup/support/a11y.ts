// A small accessible-name check, enough for our controls: aria-labelledby, aria-label,
// <label for>, then own text for buttons, links and summaries.
export function accessibleName(element: HTMLElement): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  }
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  const labels = (element as HTMLInputElement).labels;
  if (labels && labels.length > 0) return [...labels].map((l) => l.textContent ?? '').join(' ').trim();
  if (['BUTTON', 'A', 'SUMMARY'].includes(element.tagName)) return (element.textContent ?? '').trim();
  return '';
}

export function unnamedControls(root: ParentNode): string[] {
  return [...root.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href], summary')]
    .filter((control) => accessibleName(control) === '')
    .map((control) => control.outerHTML);
}
