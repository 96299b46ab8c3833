// Import TypeScript sources from a plain-Node script: esbuild (already a dev dependency) bundles
// them in memory for Node and the bundle is imported from a data: URL. Used where a build step
// needs the code's own answer (the managed policy schema, the options page's rule catalogue), so
// generated files cannot disagree with the source.
import * as esbuild from 'esbuild';

/** `source`: a file path, or `{ contents, resolveDir }` for a small entry written in place. */
export async function importTs(source, { plugins = [] } = {}) {
  const entry =
    typeof source === 'string' ? { entryPoints: [source] } : { stdin: { contents: source.contents, resolveDir: source.resolveDir, loader: 'ts' } };
  const result = await esbuild.build({
    ...entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
