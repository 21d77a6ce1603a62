// @custom-elements-manifest/analyzer configuration: reads the JSDoc of every component (@summary, @slot,
// @event, @csspart, @cssproperty, @cssstate) and Lit's decorators, and writes custom-elements.json at the
// repo root (Storybook's argument tables read it; scripts/build.mjs copies it into dist/).
//
// Tags are registered in src/define/<tag>.ts through the guarded `define('dvc-x', DvcX)` of
// src/internal/define.ts, which the analyzer does not know; the `guardedDefine` plugin below reads those
// calls and gives each class its tag name.

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function guardedDefine() {
  /** @type {Map<string, string>} class name → tag */
  const tags = new Map();
  return {
    name: 'dvc-guarded-define',
    analyzePhase({ ts, node }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (name !== 'define') return;
      const [tag, cls] = node.arguments;
      if (tag && cls && ts.isStringLiteral(tag) && ts.isIdentifier(cls) && tag.text.startsWith('dvc-')) {
        tags.set(cls.text, tag.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          const tag = decl.kind === 'class' ? tags.get(decl.name) : undefined;
          if (!tag) continue;
          decl.tagName ??= tag;
          decl.customElement = true;
          mod.exports ??= [];
          if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: mod.path } });
          }
        }
      }
    },
  };
}

export default {
  // src/internal holds the base classes (DvcFormControl, DvcTextControl) whose members the controls inherit.
  globs: ['src/components/**/*.ts', 'src/define/*.ts', 'src/internal/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [guardedDefine()],
};
