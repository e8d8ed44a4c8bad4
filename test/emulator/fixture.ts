// Starts an emulator and an SDK client for one test, and stops both when the test ends.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { onTestFinished } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const POOL = 'eu-west-1_TestPool1';

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly client: CognitoIdentityProviderClient;
  /** A client signing with another access key id. */
  clientFor(accessKeyId: string): CognitoIdentityProviderClient;
}

export function sdkClient(url: string, accessKeyId = 'test'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** An emulator (quotas off unless given) with the pool POOL, closed when the test finishes. */
export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, quotas: { enabled: false }, ...options });
  emulator.ensureUserPool(POOL);
  const clients: CognitoIdentityProviderClient[] = [];
  const clientFor = (key: string): CognitoIdentityProviderClient => {
    const c = sdkClient(emulator.url, key);
    clients.push(c);
    return c;
  };
  const client = clientFor('test');
  onTestFinished(async () => {
    for (const c of clients) c.destroy();
    await emulator.close();
  });
  return { emulator, client, clientFor };
}

/** What a failed SDK call looked like. */
export interface Failure {
  readonly name: string;
  readonly message: string;
  readonly status: number | undefined;
}

/** The error a call fails with; fails the test if the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Outcome name of a call: 'ok' or the error name. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (e) {
    return (e as Error).name;
  }
}
