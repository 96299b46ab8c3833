// Anchor ids for the elements a description talks about. An element keeps its id for as long as it
// lives, so a block, row or field read twice has the same id, and "show in page" or a correction
// can point at it after the worker answered. Ids say nothing about the page (a counter).
export class ElementIds {
  private readonly ids = new WeakMap<Element, string>();
  private readonly elements = new Map<string, WeakRef<Element>>();
  private next = 1;

  of(el: Element): string {
    let id = this.ids.get(el);
    if (id === undefined) {
      id = `e${this.next++}`;
      this.ids.set(el, id);
      this.elements.set(id, new WeakRef(el));
    }
    return id;
  }

  /** The live element behind an id; undefined once it left the page (or was collected). */
  element(id: string): Element | undefined {
    const el = this.elements.get(id)?.deref();
    if (el && el.isConnected) return el;
    return undefined;
  }

  /** Forget ids of elements that are gone (called after full re-reads). */
  prune(): void {
    for (const [id, ref] of this.elements) {
      const el = ref.deref();
      if (!el || !el.isConnected) this.elements.delete(id);
    }
  }
}
