// An emulator per test plus the library's apply/plan wired to it with scaled rates, so runs are fast
// yet paced and throttled exactly as against Cognito, only quicker.
import { onTestFinished } from 'vitest';
import type { DesiredConfig, DesiredGroup } from '../../src/core/config/model.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { COGNITO_RATES, scaleRates } from '../../src/edge/pacing/rates.js';
import type { RetryPolicy } from '../../src/edge/pacing/retry.js';
import type { SessionOptions } from '../../src/run/session.js';

/** Quicker retries for tests; the policy's shape is what matters. */
export const FAST_RETRY: RetryPolicy = { faultAttempts: 5, baseBackoffMs: 5, maxBackoffMs: 50, maxThrottledMs: 300_000 };

/** An emulator with quotas scaled by `scale`, closed when the test ends. */
export async function emulator(scale: number, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const em = await startEmulator({ port: 0, quotas: { enabled: true, scale }, ...options });
  onTestFinished(() => em.close());
  return em;
}

/** Session options that reach the emulator, paced at Cognito's rates times `scale`. */
export function sessionFor(em: RunningEmulator, scale: number, extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    endpoint: em.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    rates: scaleRates(COGNITO_RATES, scale),
    retry: FAST_RETRY,
    ...extra,
  };
}

/** A config of one pool. */
export function configOf(poolId: string, groups: DesiredGroup[]): DesiredConfig {
  return { version: 1, settings: {}, userPools: [{ id: poolId, region: poolId.split('_')[0] ?? 'eu-west-1', unmanagedGroups: 'keep', groups }] };
}

/** `count` groups named prefix-0001... with a description. */
export function groups(count: number, prefix = 'g', description = 'wanted'): DesiredGroup[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${String(i).padStart(4, '0')}`, description }));
}

/** Sum of one operation's calls in the emulator's stats. */
export function calls(em: RunningEmulator, op: string): number {
  return em.stats().operations[op]?.calls ?? 0;
}
