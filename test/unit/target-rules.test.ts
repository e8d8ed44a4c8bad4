// A saved plan is applied only where it was made (src/core/saved-plan/target.ts): one made against the
// local emulator never reaches AWS, one made against AWS never reaches a test endpoint, one made
// against an endpoint goes only to that endpoint. Endpoints are compared normalised and recorded
// without credentials.
import { describe, expect, it } from 'vitest';
import type { PlanDocument, PlanTarget } from '../../src/core/saved-plan/model.js';
import { planEnvironment, targetMismatch, type TargetRef } from '../../src/core/saved-plan/target.js';
import { endpointFromEnvironment, normalEndpoint, rawEndpointFromEnvironment } from '../../src/edge/cognito/endpoint.js';

/** Only the fields targetMismatch reads. */
function planned(target: PlanTarget, endpoint?: string): PlanDocument {
  return { target, ...(endpoint === undefined ? {} : { endpoint }) } as PlanDocument;
}

const LOCAL: TargetRef = { kind: 'local-emulator' };
const AWS: TargetRef = { kind: 'aws' };
const at = (endpoint: string): TargetRef => ({ kind: 'endpoint', endpoint });

describe('targetMismatch', () => {
  it('lets a plan be applied where it was made', () => {
    expect(targetMismatch(planned('aws'), AWS)).toBeUndefined();
    expect(targetMismatch(planned('local-emulator'), LOCAL)).toBeUndefined();
    expect(targetMismatch(planned('endpoint', 'http://127.0.0.1:9329/'), at('http://127.0.0.1:9329/'))).toBeUndefined();
  });

  it('never lets a plan made against the local emulator reach AWS or an endpoint', () => {
    expect(targetMismatch(planned('local-emulator'), AWS)).toStrictEqual({ planned: { kind: 'local-emulator' }, actual: AWS });
    expect(targetMismatch(planned('local-emulator'), at('http://127.0.0.1:9329/'))).toStrictEqual({ planned: { kind: 'local-emulator' }, actual: at('http://127.0.0.1:9329/') });
  });

  it('never lets a plan made against AWS reach the emulator or an endpoint', () => {
    expect(targetMismatch(planned('aws'), LOCAL)).toStrictEqual({ planned: { kind: 'aws' }, actual: LOCAL });
    expect(targetMismatch(planned('aws'), at('https://cognito-idp.eu-west-1.amazonaws.com/'))).toStrictEqual({ planned: { kind: 'aws' }, actual: at('https://cognito-idp.eu-west-1.amazonaws.com/') });
  });

  it('lets a plan made against an endpoint go only to that endpoint', () => {
    const doc = planned('endpoint', 'http://127.0.0.1:9329/');
    expect(targetMismatch(doc, at('http://127.0.0.1:9330/'))).toStrictEqual({ planned: { kind: 'endpoint', endpoint: 'http://127.0.0.1:9329/' }, actual: at('http://127.0.0.1:9330/') });
    expect(targetMismatch(doc, AWS)).toStrictEqual({ planned: { kind: 'endpoint', endpoint: 'http://127.0.0.1:9329/' }, actual: AWS });
    expect(targetMismatch(doc, LOCAL)).toStrictEqual({ planned: { kind: 'endpoint', endpoint: 'http://127.0.0.1:9329/' }, actual: LOCAL });
  });
});

describe('targetMismatch: environments', () => {
  const inEnv = (target: PlanTarget, environment: string): PlanDocument => ({ ...planned(target), environment }) as PlanDocument;

  it('never lets a plan made for one environment of the file be applied as another, or as none', () => {
    expect(targetMismatch(inEnv('aws', 'prod'), { ...AWS, environment: 'prod' })).toBeUndefined();
    expect(targetMismatch(inEnv('aws', 'prod'), { ...AWS, environment: 'staging' })).toStrictEqual({ planned: { kind: 'aws', environment: 'prod' }, actual: { kind: 'aws', environment: 'staging' } });
    expect(targetMismatch(inEnv('aws', 'prod'), AWS)).toStrictEqual({ planned: { kind: 'aws', environment: 'prod' }, actual: AWS });
    expect(targetMismatch(planned('aws'), { ...AWS, environment: 'prod' })).toStrictEqual({ planned: { kind: 'aws' }, actual: { kind: 'aws', environment: 'prod' } });
  });

  it('names the endpoint and the environment a plan was made for', () => {
    const doc = { ...planned('endpoint', 'http://127.0.0.1:9329/'), environment: 'dev' } as PlanDocument;
    expect(targetMismatch(doc, LOCAL)).toStrictEqual({ planned: { kind: 'endpoint', endpoint: 'http://127.0.0.1:9329/', environment: 'dev' }, actual: LOCAL });
  });
});

describe('normalEndpoint', () => {
  it('normalises a URL, so the same endpoint written two ways is one', () => {
    expect(normalEndpoint('--endpoint-url', 'http://127.0.0.1:9329')).toBe('http://127.0.0.1:9329/');
    expect(normalEndpoint('--endpoint-url', '  HTTP://LocalHost:9329/  ')).toBe('http://localhost:9329/');
    expect(normalEndpoint('--endpoint-url', 'https://cognito-idp.eu-west-1.amazonaws.com:443')).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
  });

  it('never records a user name or password', () => {
    expect(normalEndpoint('--endpoint-url', 'http://user:secret@127.0.0.1:9329/x')).toBe('http://127.0.0.1:9329/x');
    expect(normalEndpoint('--endpoint-url', 'http://user@127.0.0.1:9329')).toBe('http://127.0.0.1:9329/');
  });

  it('refuses what is not an http or https URL, naming where it came from', () => {
    expect(() => normalEndpoint('--endpoint-url', 'not a url')).toThrow(
      expect.objectContaining({ code: 'USAGE', message: '--endpoint-url "not a url": not a URL; expected one such as http://127.0.0.1:9329 or https://cognito-idp.eu-west-1.amazonaws.com' }),
    );
    expect(() => normalEndpoint('AWS_ENDPOINT_URL', 'ftp://127.0.0.1/')).toThrow(expect.objectContaining({ code: 'USAGE', message: 'AWS_ENDPOINT_URL "ftp://127.0.0.1/": expected an http:// or https:// URL' }));
    expect(() => normalEndpoint('x', 'file:///etc/passwd')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('the endpoint the environment sets', () => {
  it('is the Cognito-specific variable first, then the general one, normalised', () => {
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:2' })).toBe('http://127.0.0.1:2/');
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:1/');
    expect(rawEndpointFromEnvironment({ AWS_ENDPOINT_URL: ' http://127.0.0.1:1 ' })).toBe('http://127.0.0.1:1');
  });

  it('is none when neither is set or both are blank', () => {
    expect(endpointFromEnvironment({})).toBeUndefined();
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: '  ' })).toBeUndefined();
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: ' ' })).toBe('http://127.0.0.1:1/');
  });

  it('is none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, and only then', () => {
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
    expect(endpointFromEnvironment({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toBe('http://127.0.0.1:1/');
  });

  it('is refused, as the environment variable, when it is not a URL', () => {
    expect(() => endpointFromEnvironment({ AWS_ENDPOINT_URL: 'nope' })).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(/^AWS_ENDPOINT_URL "nope": not a URL/) }));
  });
});

describe("a saved plan's environment", () => {
  it('is its name and account as a run takes them, or none for a plan made without environments', () => {
    expect(planEnvironment({})).toBeUndefined();
    expect(planEnvironment({ account: '123456789012' })).toBeUndefined();
    expect(planEnvironment({ environment: 'prod' })).toStrictEqual({ name: 'prod' });
    expect(planEnvironment({ environment: 'prod', account: '123456789012' })).toStrictEqual({ name: 'prod', account: '123456789012' });
  });
});
