/**
 * Storybook configuration (web components on Vite). Stories live in `stories/**\/*.stories.ts`; argument
 * tables come from the custom-elements manifest that `npm run build` writes (see preview.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { ownSideEffects } from '../scripts/lib/own-side-effects.mjs';

/**
 * Resolves a relative `./x.js` import to `./x.ts` when only the TS source exists, from any importer
 * (compiled procedures in generated/ are JS files importing `../../../src/*.js`).
 */
function tsSourceResolver(): Plugin {
  return {
    name: 'dvc-ts-source-resolver',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const target = resolve(dirname(importer.split('?')[0] ?? importer), source);
      if (existsSync(target)) return null;
      const ts = `${target.slice(0, -3)}.ts`;
      return existsSync(ts) ? ts : null;
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // The package's `sideEffects` list is for the built dist/, not for the sources stories import.
      plugins: [tsSourceResolver(), ownSideEffects(fileURLToPath(new URL('..', import.meta.url)))],
      // Lit's decorators are TypeScript's legacy ones: Vite's transformer (oxc) takes experimentalDecorators
      // and useDefineForClassFields from tsconfig.json; esbuild (dependency pre-bundling) is told the same.
      esbuild: {
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      },
      build: { chunkSizeWarningLimit: 2048 },
    });
  },
};

export default config;
