/**
 * Storybook preview: loads the custom-elements manifest (written by `npm run build` to
 * custom-elements.json) so every story of a `component: 'dvc-…'` gets its argument table, and uses
 * Vietnamese as the documents' language.
 */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';

// `import.meta.glob` yields `{}` when the manifest has not been built yet, instead of failing the build.
const manifests = import.meta.glob<{ default: unknown }>('../custom-elements.json', { eager: true });
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);

document.documentElement.lang = 'vi';

const preview: Preview = {
  parameters: {
    controls: { expanded: true, matchers: { date: /Date$/i } },
    docs: { toc: false },
  },
  tags: ['autodocs'],
};

export default preview;
