import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  id: string;
  label: string;
  /** A radio-like item (the profile menu): marked with aria-checked. */
  checked?: boolean;
  disabled?: boolean;
}

interface Props {
  /** The button's visible content. */
  children: ComponentChildren;
  /** The button's accessible name when its content alone would not say enough. */
  label?: string;
  items: readonly MenuItem[];
  onSelect(id: string): void;
  class?: string;
  describedBy?: string;
  disabled?: boolean;
  /** menuitemradio for a one-of choice (profile), menuitem for actions. */
  kind?: 'action' | 'choice';
}

/**
 * A menu button following the WAI-ARIA menu pattern: Enter, Space or ↓ open the menu on the first
 * (or checked) item, ↑ on the last; ↑/↓/Home/End move focus without choosing; Enter or Space
 * chooses; Escape closes and returns focus to the button; Tab closes and moves on. Moving focus
 * never changes anything (a native <select> applies every arrow key at once).
 */
export function MenuButton({ children, label, items, onSelect, class: className, describedBy, disabled, kind = 'action' }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const enabled = items.map((item, index) => (item.disabled ? -1 : index)).filter((index) => index >= 0);

  // Focus follows the active item at once (a layout effect), so keys pressed in quick succession
  // reach the menu, not the button.
  useLayoutEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return undefined;
    const outside = (event: MouseEvent) => {
      const target = event.target as Node | null;
      if (target && !menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const openAt = (which: 'first' | 'last' | 'checked') => {
    if (enabled.length === 0) return;
    const checked = items.findIndex((item) => item.checked && !item.disabled);
    const first = enabled[0] ?? 0;
    const last = enabled[enabled.length - 1] ?? 0;
    setActive(which === 'last' ? last : which === 'checked' && checked >= 0 ? checked : first);
    setOpen(true);
  };

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const choose = (index: number) => {
    const item = items[index];
    if (!item || item.disabled) return;
    close(true);
    onSelect(item.id);
  };

  const move = (delta: number) => {
    const at = enabled.indexOf(active);
    const next = enabled[(at + delta + enabled.length) % enabled.length];
    if (next !== undefined) setActive(next);
  };

  return (
    <div
      class={`menu-button ${className ?? ''}`}
      onFocusOut={(event) => {
        // Focus left the button and its menu (Tab, a click elsewhere): the menu closes.
        const next = event.relatedTarget as Node | null;
        if (open && next !== null && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <button
        type="button"
        class="button menu-button__trigger"
        ref={button}
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={label}
        aria-describedby={describedBy}
        disabled={disabled}
        onClick={() => (open ? close(false) : openAt('checked'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            openAt('checked');
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            openAt('last');
          } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            close(true);
          }
        }}
      >
        {children}
        <span class="menu-button__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul
          class="menu"
          role="menu"
          id={`${id}-menu`}
          ref={menu}
          aria-labelledby={`${id}-button`}
          onKeyDown={(event) => {
            switch (event.key) {
              case 'ArrowDown':
                move(1);
                break;
              case 'ArrowUp':
                move(-1);
                break;
              case 'Home':
                setActive(enabled[0] ?? 0);
                break;
              case 'End':
                setActive(enabled[enabled.length - 1] ?? 0);
                break;
              case 'Enter':
              case ' ':
                choose(active);
                break;
              case 'Escape':
                close(true);
                break;
              case 'Tab':
                setOpen(false);
                return;
              default:
                return;
            }
            event.preventDefault();
            event.stopPropagation();
          }}
        >
          {items.map((item, index) => (
            <li
              key={item.id}
              role={kind === 'choice' ? 'menuitemradio' : 'menuitem'}
              class="menu__item"
              data-index={index}
              tabIndex={-1}
              aria-checked={kind === 'choice' ? (item.checked ? 'true' : 'false') : undefined}
              aria-disabled={item.disabled ? 'true' : undefined}
              onClick={() => choose(index)}
              onMouseMove={() => !item.disabled && active !== index && setActive(index)}
            >
              {kind === 'choice' && (
                <span class="menu__check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
              )}
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
