// dist/cli.mjs: the command line started from its code cache (launch.ts), for `node dist/cli.mjs`.
// The same as dist/cli.cjs (launch-cjs.ts), which starts faster.
import { launch } from './launch';

const { createRequire } = process.getBuiltinModule('node:module');
launch(import.meta.dirname, new URL(import.meta.url), createRequire(new URL('cli-bundle.cjs', import.meta.url)));
