/**
 * `--bundle`: one ready-to-serve ES module per procedure, for a site with no build step.
 *
 * The compiled `define.js` imports the SDK by bare specifiers (`<runtime>/components/procedure-form/...`,
 * `<runtime>/internal/define.js`, `<runtime>/define/<tag>.js`), which a browser cannot resolve. The bundle
 * inlines the procedure's own files (element, model, validator) and turns every SDK import into one import
 * of the SDK's `dist/sdk.js` by a URL the site chooses (relative to the bundle, or absolute): that file
 * registers the shell and every built-in control and exports what a procedure needs, so the procedure and
 * any other dvc-forms bundle on the page share one copy of Lit and of the SDK.
 */
import { build, type Plugin } from 'esbuild';

/** The SDK modules a generated procedure may import, as paths under the runtime specifier. */
const SDK_MODULES = [/^\/components\/procedure-form\/procedure-form\.js$/, /^\/internal\/define\.js$/, /^\/define\/dvc-[a-z-]+\.js$/];

/** Options of {@link bundleProcedure}. */
export interface BundleOptions {
  /** The runtime specifier the procedure was compiled with (`--runtime-import`, default `dvc-forms`). */
  runtimeImport: string;
  /**
   * URL of the SDK's dist/ folder as the page will load it, relative to the bundle's own URL (`./dvc-forms/`,
   * `../vendor/dvc-forms/`) or absolute (`/static/dvc-forms/`, `https://cdn.example/dvc-forms/0.1.0/`).
   */
  sdkUrl: string;
}

/** Checks an `--sdk-url` value; returns the URL of `sdk.js` under it, or throws a TypeError naming the fault. */
export function sdkModuleUrl(sdkUrl: string): string {
  const url = sdkUrl.trim();
  if (url === '') throw new TypeError("--sdk-url is empty: give the URL of the SDK's dist/ folder, e.g. ./dvc-forms/");
  if (!/^(\.{1,2}\/|\/|https:\/\/|http:\/\/)/.test(url)) {
    throw new TypeError(`--sdk-url "${sdkUrl}" is not a URL a browser can import: start it with ./, ../, / or https://`);
  }
  if (/\.m?js$/.test(url)) return url;
  return `${url.replace(/\/+$/, '')}/sdk.js`;
}

/**
 * Bundles `<procedureDir>/define.js` into one ES module (minified, with its source map) whose only import
 * is the SDK's `sdk.js` at `options.sdkUrl`. Site widget modules the definition names (`x-widget` with a
 * `defineModule`) are bundled in; they must not import the SDK themselves.
 * @throws Error when the procedure imports an SDK module `sdk.js` does not provide.
 */
export async function bundleProcedure(procedureDir: string, options: BundleOptions): Promise<{ code: string; map: string }> {
  const runtime = options.runtimeImport.replace(/\/+$/, '');
  const sdk = sdkModuleUrl(options.sdkUrl);
  const toSdk: Plugin = {
    name: 'dvc-forms-sdk',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.path !== runtime && !args.path.startsWith(`${runtime}/`)) return undefined;
        const sub = args.path.slice(runtime.length);
        if (!SDK_MODULES.some((re) => re.test(sub))) {
          return {
            errors: [{ text: `"${args.path}" (imported by ${args.importer}) is not part of the SDK's sdk.js, so it cannot be bundled` }],
          };
        }
        // sdk.js registers every built-in tag: a tag module's import is the one import of sdk.js.
        if (sub.startsWith('/define/')) return { path: sub, namespace: 'dvc-forms-registered' };
        return { path: sdk, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'dvc-forms-registered' }, () => ({ contents: '', loader: 'js' }));
    },
  };
  const result = await build({
    entryPoints: [`${procedureDir}/define.js`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    sourcemap: 'linked',
    outfile: `${procedureDir}.js`,
    write: false,
    logLevel: 'silent',
    plugins: [toSdk],
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))?.text;
  if (code === undefined || map === undefined) throw new Error(`esbuild wrote no bundle for ${procedureDir}`);
  return { code, map };
}
