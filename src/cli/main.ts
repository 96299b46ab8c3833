// Entry point of dist/cli.mjs: wires the real engine and the process streams to run().
import * as engine from '../engine/index';
import { run } from './run';

// `cli.mjs check … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  engine,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
