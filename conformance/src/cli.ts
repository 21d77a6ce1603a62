/**
 * `npm run conformance -- --url <API root> [--token <jwt> [--token2 <jwt>] | --dev-idp] [--officer-token <jwt>] [--fixtures <dir>]...`
 *
 * Prints one line per check (✓ pass, ✗ fail with a plain sentence, – skipped), a summary, and exits 1
 * when any check failed (2 for bad arguments).
 */
import { parseArgs } from 'node:util';
import { FIXTURES_DIR, runConformance, type CheckResult } from './kit.js';

const USAGE = `Usage: dvc-conformance --url <API root> [--token <jwt> [--token2 <jwt>] | --dev-idp] [--officer-token <jwt>] [--fixtures <dir>]...

  --url <url>        API root of the back end, e.g. http://localhost:8080/api/v1
  --token <jwt>      a citizen's token for the signed-in checks (prefill, documents, drafts)
  --token2 <jwt>     a second citizen's token, for the checks that need two citizens (an
                     Idempotency-Key, a draft and a payment are each citizen's own)
  --dev-idp          get a token from the reference back end's development issuer (/dev-idp)
  --officer-token <jwt>
                     an officer's token for the optional officer-API checks (reference back end's
                     /officer/…; with --dev-idp a sample officer is used)
  --fixtures <dir>   extra fixtures (<slug>.json), for procedures of your own; may repeat
  --help             this text

It submits real dossiers: run it against a test environment.`;

function line(r: CheckResult): string {
  if (r.status === 'pass') return `✓ ${r.title}`;
  if (r.status === 'skip') return `– ${r.title} (skipped: ${r.message ?? ''})`;
  return `✗ ${r.title}\n    ${r.message ?? ''}`;
}

async function main(): Promise<number> {
  let values: {
    url?: string;
    token?: string;
    token2?: string;
    'dev-idp'?: boolean;
    'officer-token'?: string;
    fixtures?: string[];
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        token2: { type: 'string' },
        'dev-idp': { type: 'boolean' },
        'officer-token': { type: 'string' },
        fixtures: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.url) {
    console.error(`--url is required.\n\n${USAGE}`);
    return 2;
  }
  try {
    new URL(values.url);
  } catch {
    console.error(`--url "${values.url}" is not an absolute URL (e.g. http://localhost:8080/api/v1).`);
    return 2;
  }
  if (values.token && values['dev-idp']) {
    console.error('Give either --token or --dev-idp, not both.');
    return 2;
  }
  if (values.token2 && !values.token) {
    console.error('--token2 is a second citizen: give --token too.');
    return 2;
  }
  if (values.token2 && values.token2 === values.token) {
    console.error("--token2 must be another citizen's token than --token.");
    return 2;
  }
  console.log(`dvc-forms conformance: ${values.url}\n`);
  const report = await runConformance({
    baseUrl: values.url,
    token: values.token,
    token2: values.token2,
    devIdp: values['dev-idp'] ?? false,
    officerToken: values['officer-token'],
    fixturesDirs: [FIXTURES_DIR, ...(values.fixtures ?? [])],
    onResult: (r) => console.log(line(r)),
  });
  console.log(`\n${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`conformance: ${(err as Error)?.message ?? String(err)}`);
    process.exitCode = 2;
  },
);
