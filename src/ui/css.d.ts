// Stylesheets are imported only for their side effect: esbuild bundles them next to the JS.
declare module '*.css';
