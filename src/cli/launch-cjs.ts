// dist/cli.cjs, the package's bin: the command line started from its code cache (launch.ts). A
// CommonJS entry on purpose: Node starts it without setting up its ES-module loader, which a
// `.mjs` entry costs on every run (~7 ms of CPU, a sixth of a bare `node -e 0`).
import { launch } from './launch';

launch(__dirname, process.getBuiltinModule('node:url').pathToFileURL(__filename), require);
