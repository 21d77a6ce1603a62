import { expect } from '@open-wc/testing';
import { define, VERSION_KEY } from '../../../src/internal/define.js';
import { SDK_VERSION } from '../../../src/internal/version.js';

describe('define()', () => {
  it('registers a tag once and tolerates a second definition of the same tag', () => {
    class A extends HTMLElement {}
    class B extends HTMLElement {}
    expect(define('dvc-test-define-a', A)).to.equal(A);
    expect(customElements.get('dvc-test-define-a')).to.equal(A);
    expect((A as unknown as Record<symbol, string>)[VERSION_KEY]).to.equal(SDK_VERSION);
    const warnings: unknown[][] = [];
    const orig = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      // Same version, other constructor (a second copy of this build): no throw, no warning.
      (B as unknown as Record<symbol, string>)[VERSION_KEY] = SDK_VERSION;
      expect(define('dvc-test-define-a', B)).to.equal(A);
      expect(warnings.length).to.equal(0);
    } finally {
      console.warn = orig;
    }
  });

  it('warns when another SDK version defined the tag first', () => {
    class Old extends HTMLElement {}
    Object.defineProperty(Old, VERSION_KEY, { value: '0.0.1' });
    customElements.define('dvc-test-define-b', Old);
    class New extends HTMLElement {}
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (msg: string) => warnings.push(msg);
    try {
      expect(define('dvc-test-define-b', New)).to.equal(Old);
    } finally {
      console.warn = orig;
    }
    expect(warnings.length).to.equal(1);
    expect(warnings[0]).to.contain('0.0.1').and.contain(SDK_VERSION).and.contain('dvc-test-define-b');
  });

  it('rejects an invalid tag name with a clear error', () => {
    expect(() => define('nohyphen', class extends HTMLElement {})).to.throw(/"nohyphen" is not a valid custom element name/);
  });
});
