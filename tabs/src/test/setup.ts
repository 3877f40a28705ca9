import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library cleans up by itself only with vitest's globals, which we do not turn on.
afterEach(cleanup);

// happy-dom rejects an animation's `finished` promise when Fluent cancels a dialog's or drawer's
// motion, without marking it handled as browsers do. Without the Web Animations API, Fluent runs
// its motions as it does wherever animations are missing.
Object.defineProperty(Element.prototype, 'animate', { configurable: true, writable: true, value: undefined });
