// The one place the engine imports zod. `zod/mini` keeps bundles small (~13 KB vs ~455 KB for
// classic zod), and `jitless` stops zod probing `new Function`, which the MV3 CSP forbids.
// Consumers write `import * as z from '…/zod'`: a namespace import with static property access is
// what lets esbuild drop the parts of zod (e.g. its ~360 KB of locales) that nobody uses.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config({ jitless: true, ...en() });

export * from 'zod/mini';
