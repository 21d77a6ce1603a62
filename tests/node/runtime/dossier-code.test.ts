/**
 * The dossier-code shape has one home, src/runtime/dossier-code.ts (issue 14, item 6): the browser's
 * `<dvc-dossier-status>` checks typed codes with it and the reference server builds its `{code}` route
 * parameter from it. The contract (api/openapi.yaml) and the conformance kit (a package of its own that
 * does not depend on the SDK) state the same pattern; this test keeps them equal.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkDossierCode, DOSSIER_CODE_EXAMPLE, DOSSIER_CODE_PATTERN } from '../../../src/runtime/dossier-code.js';
import * as sdk from '../../../src/index.js';
import { DOSSIER_CODE_PARAM } from '../../../server/src/dossier-code.js';
import { DOSSIER_CODE as KIT_DOSSIER_CODE } from '../../../conformance/src/kit.js';

describe('dossier code: one rule', () => {
  it('reads a typed code in Node (DOM-free): spaces, case and dashes forgiven; shape and date checked', () => {
    assert.deepEqual(checkDossierCode(' 000.00.00.h30 – 260302 – 0007 '), { ok: true, code: '000.00.00.H30-260302-0007' });
    assert.equal(checkDossierCode('H30-2603-7').ok, false);
    assert.deepEqual(checkDossierCode('000.00.00.H30-261332-0001'), {
      ok: false,
      reason: 'date',
      code: '000.00.00.H30-261332-0001',
      date: '261332',
    });
    assert.ok(DOSSIER_CODE_PATTERN.test(DOSSIER_CODE_EXAMPLE));
  });

  it('the server route parameter is built from the runtime pattern', () => {
    assert.equal(DOSSIER_CODE_PARAM.pattern, DOSSIER_CODE_PATTERN.source);
  });

  it('the contract and the conformance kit state the same pattern', () => {
    const api = parse(readFileSync(new URL('../../../api/openapi.yaml', import.meta.url), 'utf8')) as {
      components: { schemas: { DossierCode: { pattern: string } } };
    };
    assert.equal(api.components.schemas.DossierCode.pattern, DOSSIER_CODE_PATTERN.source);
    assert.equal(KIT_DOSSIER_CODE.source, DOSSIER_CODE_PATTERN.source);
  });

  it('the SDK entry still exports the code helpers', () => {
    assert.equal(sdk.checkDossierCode, checkDossierCode);
    assert.equal(sdk.DOSSIER_CODE_PATTERN, DOSSIER_CODE_PATTERN);
  });
});
