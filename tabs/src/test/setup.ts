import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library cleans up by itself only with vitest's globals, which we do not turn on.
afterEach(cleanup);

// happy-dom rejects an animation's `finished` promise when Fluent cancels a dialog's or drawer's
// motion, without marking it handled as browsers do. Without the Web Animations API, Fluent runs
// its motions as it does wherever animations are missing.
Object.defineProperty(Element.prototype, 'animate', { configurable: true, writable: true, value: undefined });

// A modal dialog that holds the focus is the one the page lets a reader reach. The focus manager
// under Fluent's dialogs (tabster) settles that on timers after each focus event; when happy-dom
// runs those timers out of order under load, it can mark the open dialog aria-hidden while the
// focus is inside it, which no browser shows. When that happens, the focus is given to the dialog
// again, as a browser's focus trap would, so that the manager settles it anew.
const refocus = new MutationObserver((records) => {
  for (const { target } of records) {
    const dialog = target as HTMLElement;
    const holdsFocus = dialog.contains(document.activeElement);
    if (dialog.getAttribute('aria-hidden') === 'true' && dialog.getAttribute('aria-modal') === 'true' && holdsFocus) {
      const focused = document.activeElement as HTMLElement;
      focused.blur();
      focused.focus();
    }
  }
});
refocus.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-hidden'] });
