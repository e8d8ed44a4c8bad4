import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PoolRef } from '../cognito/port.js';
import { CgError } from '../errors.js';
import { startEmulator } from '../emulator/index.js';
import type { PlanDocument, PlanTarget } from '../saved-plan/model.js';
import type { SessionOptions } from '../run/session.js';

/** Where the embedded emulator keeps its state, under the current directory. */
export const LOCAL_STATE = join('.cognito-groups', 'local.json');

/** How a command reaches Cognito, as given on the command line. */
export interface TargetFlags {
  local?: boolean;
  profile?: string;
  endpointUrl?: string;
  maxRps?: number;
}

/** A reachable Cognito: options for the session, what it is, and how to let go of it. */
export interface Target {
  session: SessionOptions;
  /** AWS, another endpoint (--endpoint-url or AWS_ENDPOINT_URL*), or the embedded emulator. */
  kind: PlanTarget;
  /** The endpoint URL when kind is `endpoint`. */
  endpoint?: string;
  /** Set when running against the embedded emulator. */
  local?: { url: string; statePath: string; createdPools: string[] };
  close(): Promise<void>;
}

/**
 * AWS through the SDK's default credential chain, or with --local the emulator started in this
 * process on a free loopback port, with its state in .cognito-groups/local.json and the file's pools
 * created if missing.
 */
/** Where requests of these flags go, without opening anything (a saved plan's target is checked first). */
export function targetOf(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): { kind: PlanTarget; endpoint?: string } {
  if (flags.local === true) {
    if (flags.endpointUrl !== undefined || flags.profile !== undefined) {
      throw new CgError('USAGE', '--local runs against the embedded emulator: it cannot be combined with --endpoint-url or --profile');
    }
    return { kind: 'local-emulator' };
  }
  if (flags.endpointUrl !== undefined) return { kind: 'endpoint', endpoint: checkedUrl('--endpoint-url', flags.endpointUrl) };
  // The SDK reads these itself; they are named here so a saved plan knows where it was made. (An
  // endpoint_url set in the shared config file is not seen here: see the README.)
  const fromEnv = nonEmpty(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (fromEnv !== undefined && env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true') return { kind: 'endpoint', endpoint: checkedUrl('AWS_ENDPOINT_URL', fromEnv) };
  return { kind: 'aws' };
}

export async function openTarget(flags: TargetFlags, pools: readonly PoolRef[], env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const base: SessionOptions = {};
  if (flags.maxRps !== undefined) base.maxRps = flags.maxRps;
  const where = targetOf(flags, env);
  if (where.kind !== 'local-emulator') {
    if (flags.profile !== undefined) base.profile = flags.profile;
    if (flags.endpointUrl !== undefined) base.endpoint = flags.endpointUrl.trim();
    return where.endpoint === undefined ? { session: base, kind: where.kind, close: async () => {} } : { session: base, kind: where.kind, endpoint: where.endpoint, close: async () => {} };
  }
  const statePath = LOCAL_STATE;
  await mkdir(dirname(statePath), { recursive: true });
  const emulator = await startEmulator({ port: 0, statePath });
  const createdPools = pools.filter((p) => emulator.ensureUserPool(p.id)).map((p) => p.id);
  return {
    session: { ...base, endpoint: emulator.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    kind: 'local-emulator',
    local: { url: emulator.url, statePath, createdPools },
    close: () => emulator.close(),
  };
}

/** Where a target sends requests, in words. */
export function describeTarget(kind: PlanTarget, endpoint?: string): string {
  return kind === 'aws' ? 'AWS' : kind === 'local-emulator' ? 'the local emulator (--local)' : `the endpoint ${endpoint ?? '(unknown)'}`;
}

/** A saved plan is applied only where it was made: a plan made against the local emulator must never reach AWS. */
export function checkPlanTarget(doc: PlanDocument, target: { kind: PlanTarget; endpoint?: string }): void {
  const same = doc.target === target.kind && (doc.target !== 'endpoint' || doc.endpoint === target.endpoint);
  if (!same) {
    throw new CgError('APPLY_REFUSED', `refusing to apply: the plan was made against ${describeTarget(doc.target, doc.endpoint)}, but this apply would go to ${describeTarget(target.kind, target.endpoint)}. Apply it with the same target, or make a new plan. Nothing was changed.`);
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

/** The URL, normalised (so http://h:1 and http://h:1/ are the same endpoint), or a usage error. */
function checkedUrl(what: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new CgError('USAGE', `${what} ${JSON.stringify(value)}: not a URL; expected one such as http://127.0.0.1:9329 or https://cognito-idp.eu-west-1.amazonaws.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CgError('USAGE', `${what} ${JSON.stringify(value)}: expected an http:// or https:// URL`);
  }
  return url.href;
}

/** The line that says a command ran against the local emulator, not AWS. */
export function localBanner(target: Target): string | undefined {
  if (target.local === undefined) return undefined;
  const created = target.local.createdPools.length === 0 ? '' : `; created empty pool(s) ${target.local.createdPools.join(', ')}`;
  return `Local emulator (no AWS account used): ${target.local.url}, state in ${target.local.statePath}${created}.`;
}
