// The one place the engine imports zod. `zod/mini` keeps bundles small (~13 KB vs ~455 KB for
// classic zod), and `jitless` stops zod probing `new Function`, which the MV3 CSP forbids.
import { z } from 'zod/mini';

z.config({ jitless: true });

export { z };
