import { parse } from 'yaml';
import { ACCOUNT_ID } from '../../../edge/iam/commands.js';
import { parseConfig } from '../../../core/config/parse.js';
import { readConfigFile } from '../../../edge/files/read-config.js';
import { POOL_ID_PATTERN, poolIdRegionProblem, REGION_PATTERN, regionOfPoolId } from '../../../core/config/model.js';
import { CgError } from '../../../core/errors.js';
import { importEnvironmentsWith, importWith, type EnvironmentSource } from '../../../run/import.js';
import { checkAccount, openSession, type Session } from '../../../run/session.js';
import { openTarget, targetOf, type Target, type TargetFlags } from '../connect.js';
import type { Io } from '../io.js';
import { ProgressReporter } from '../progress.js';

/** Options of `import`. */
export interface ImportFlags extends TargetFlags {
  /** Pool ids, or with environments `ENV=ID` / `ENV:KEY=ID`. */
  userPoolId: string[];
  /** A region for every pool, or with environments `ENV=REGION` for that environment's pools. */
  region?: string[];
  /** With environments: `ENV=ID`, the AWS account of an environment. */
  account?: string[];
  /** With environments: `ENV=URL`, where an environment's requests go. */
  envEndpointUrl?: string[];
  /** With environments: `ENV=NAME`, the AWS profile of an environment. */
  envProfile?: string[];
  /** An existing groups file whose `environments:` say which pools to import (with --env, only those environments). */
  file?: string;
  /** With --file: the environments to import (default: every one). */
  env?: string[];
  progress: boolean;
  withMembers?: boolean;
}

const ENV_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const POOL_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Prints a groups file describing the pools' current groups (with environments, a whole multi-environment file). Read-only. */
export async function importCommand(io: Io, flags: ImportFlags): Promise<number> {
  if (flags.file !== undefined) {
    if (flags.userPoolId.length > 0) throw new CgError('USAGE', `--user-pool-id: leave it out with -f ${flags.file}, whose environments name the pools`);
    return importEnvironments(io, flags, await specsOfFile(io, flags.file, flags));
  }
  if (flags.env !== undefined) throw new CgError('USAGE', '--env: only with -f FILE, a groups file whose environments name the pools; or give --user-pool-id ENV=ID');
  if (flags.userPoolId.length === 0) throw new CgError('USAGE', 'name the pools to import: --user-pool-id ID (repeat for several; ENV=ID for environments), or -f FILE for the pools of its environments');
  const withEnvironments = flags.userPoolId.some((v) => v.includes('='));
  return withEnvironments ? importEnvironments(io, flags, environmentSpecs(flags, io.env)) : importPools(io, flags);
}

async function importPools(io: Io, flags: ImportFlags): Promise<number> {
  for (const [option, values] of [['--account', flags.account], ['--env-endpoint-url', flags.envEndpointUrl], ['--env-profile', flags.envProfile]] as const) {
    if (values !== undefined) throw new CgError('USAGE', `${option}: only for importing environments (--user-pool-id ENV=ID)`);
  }
  if ((flags.region?.length ?? 0) > 1 || flags.region?.some((r) => r.includes('=')) === true) {
    throw new CgError('USAGE', '--region ENV=REGION: only for importing environments (--user-pool-id ENV=ID); without them give one --region for every pool');
  }
  const region = flags.region?.[0];
  if (region !== undefined) checkRegion(region);
  const aws = targetOf({ local: flags.local, endpointUrl: flags.endpointUrl }, io.env, undefined).kind === 'aws';
  const pools = flags.userPoolId.map((id) => poolRef(id, region, aws));
  const target = await openTarget(flags, pools, io, { createPools: false });
  const session = openSession(target.session);
  try {
    const progress = new ProgressReporter(io, flags.progress);
    const text = await importWith(session.api, pools, { withMembers: flags.withMembers === true, onProgress: progress.read, onMembersProgress: progress.members });
    progress.stop();
    if (target.local !== undefined) io.err(`Read from the local emulator (${target.local.statePath}), not AWS.\n`);
    io.out(text);
    return 0;
  } finally {
    session.close();
    await target.close();
  }
}

/**
 * Several environments in one run: each environment's pools (`--user-pool-id ENV[:KEY]=ID`), read
 * with its own endpoint, profile and region where given, its account checked (`--account ENV=ID`) or
 * asked of its credentials, and folded into one file with `environments:`.
 */
async function importEnvironments(io: Io, flags: ImportFlags, specs: readonly EnvironmentSpec[]): Promise<number> {
  const opened: Array<{ target: Target; session: Session }> = [];
  try {
    const progress = new ProgressReporter(io, flags.progress);
    const sources: EnvironmentSource[] = [];
    for (const spec of specs) {
      const envFlags: ImportFlags = {
        ...flags,
        ...(spec.endpointUrl === undefined ? {} : { endpointUrl: spec.endpointUrl }),
        ...(spec.profile === undefined ? {} : { profile: spec.profile }),
      };
      const environment = { name: spec.name, ...(spec.account === undefined ? {} : { account: spec.account }) };
      const target = await openTarget(envFlags, spec.pools, io, { createPools: false, environment });
      const session = openSession(target.session);
      opened.push({ target, session });
      const region = spec.pools[0]?.region ?? 'us-east-1';
      // A named account is checked like every command checks it; otherwise the credentials say whose pools these are.
      if (spec.account !== undefined) await checkAccount(session, environment, region);
      const account = spec.account ?? (await session.account?.callerAccount(region).catch(() => undefined));
      sources.push({ name: spec.name, ...(account === undefined ? {} : { account }), api: session.api, pools: spec.pools });
      if (target.local !== undefined) io.err(`${spec.name}: read from the local emulator (${target.local.statePath}), not AWS.\n`);
    }
    const text = await importEnvironmentsWith(sources, { withMembers: flags.withMembers === true, onProgress: progress.read, onMembersProgress: progress.members });
    progress.stop();
    io.out(text);
    return 0;
  } finally {
    for (const o of opened.reverse()) {
      o.session.close();
      await o.target.close();
    }
  }
}

interface EnvironmentSpec {
  name: string;
  pools: Array<{ key: string; id: string; region: string }>;
  account?: string;
  endpointUrl?: string;
  profile?: string;
}

/** The environments the flags name, in the order of their first --user-pool-id, each checked. */
function environmentSpecs(flags: ImportFlags, env: NodeJS.ProcessEnv): EnvironmentSpec[] {
  const regions = byEnvironment('--region', flags.region, true);
  const accounts = byEnvironment('--account', flags.account, false);
  const endpoints = byEnvironment('--env-endpoint-url', flags.envEndpointUrl, false);
  const profiles = byEnvironment('--env-profile', flags.envProfile, false);
  for (const r of [...regions.values()]) checkRegion(r);
  for (const [env, a] of accounts) if (!ACCOUNT_ID.test(a)) throw new CgError('USAGE', `--account ${env}=${a}: not an AWS account id; expected 12 digits, such as 123456789012`);
  const specs = new Map<string, EnvironmentSpec>();
  for (const value of flags.userPoolId) {
    const m = /^([^=:]*)(?::([^=]*))?=(.*)$/.exec(value);
    if (m === null) throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(value)}: with environments, every pool is ENV=ID or ENV:KEY=ID (such as dev=eu-west-1_AbC123)`);
    const [, name = '', key, id = ''] = m;
    if (!ENV_NAME.test(name)) throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(value)}: ${JSON.stringify(name)} is not an environment name; expected a lower-case letter, then up to 31 lower-case letters, digits, - or _`);
    if (key !== undefined && !POOL_KEY.test(key)) throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(value)}: ${JSON.stringify(key)} is not a pool key; expected a letter, then up to 63 letters, digits, - or _`);
    const spec = specs.get(name) ?? { name, pools: [] };
    const region = regions.get(name) ?? regions.get('');
    const aws = targetOf({ local: flags.local, endpointUrl: endpoints.get(name) ?? flags.endpointUrl }, env, undefined).kind === 'aws';
    spec.pools.push({ key: key ?? '', ...poolRef(id, region, aws) });
    specs.set(name, spec);
  }
  for (const [option, map] of [['--region', regions], ['--account', accounts], ['--env-endpoint-url', endpoints], ['--env-profile', profiles]] as const) {
    for (const env of map.keys()) if (env !== '' && !specs.has(env)) throw new CgError('USAGE', `${option} ${env}=...: no --user-pool-id names environment ${env}; the environments are ${[...specs.keys()].join(', ')}`);
  }
  const list = [...specs.values()];
  for (const spec of list) {
    if (spec.pools.length > 1 && spec.pools.some((p) => p.key === '')) {
      throw new CgError('USAGE', `environment ${spec.name} has ${spec.pools.length} pools: name each one's key, --user-pool-id ${spec.name}:KEY=ID, with the same keys in every environment`);
    }
    for (const p of spec.pools) if (p.key === '') p.key = 'main';
    const account = accounts.get(spec.name);
    const endpointUrl = endpoints.get(spec.name);
    const profile = profiles.get(spec.name);
    Object.assign(spec, account === undefined ? {} : { account }, endpointUrl === undefined ? {} : { endpointUrl }, profile === undefined ? {} : { profile });
  }
  const keysOf = (s: EnvironmentSpec): string => s.pools.map((p) => p.key).sort().join(', ');
  const first = list[0];
  for (const spec of list) {
    if (first !== undefined && keysOf(spec) !== keysOf(first)) {
      throw new CgError('USAGE', `environment ${spec.name} has pool keys ${keysOf(spec)}, but ${first.name} has ${keysOf(first)}; every environment maps the same pool keys`);
    }
    const dup = spec.pools.find((p, i) => spec.pools.findIndex((q) => q.key === p.key) !== i);
    if (dup !== undefined) throw new CgError('USAGE', `environment ${spec.name} names pool key ${dup.key} twice; give each pool its own key`);
  }
  return list;
}

/**
 * The environments of an existing groups file (those --env names, else every one): each one's pools
 * by key, its account, and the endpoint and profile flags given for it.
 */
async function specsOfFile(io: Io, file: string, flags: ImportFlags): Promise<EnvironmentSpec[]> {
  for (const [option, values] of [['--region', flags.region], ['--account', flags.account]] as const) {
    if (values !== undefined) throw new CgError('USAGE', `${option}: with -f ${file}, its environments say each pool's region and account`);
  }
  const loaded = await readConfigFile(file, io.cwd, { everyEnvironment: true });
  if (loaded.environments.length === 0) throw new CgError('USAGE', `-f ${file}: the file has no environments; import its pools with --user-pool-id ID`);
  const names = flags.env ?? loaded.environments;
  for (const name of names) {
    if (!loaded.environments.includes(name)) throw new CgError('USAGE', `--env ${name}: ${file} has no environment "${name}"; it has ${loaded.environments.join(', ')}`);
  }
  const raw = parse(loaded.text) as { userPools: Array<{ key: string }> };
  const endpoints = byEnvironment('--env-endpoint-url', flags.envEndpointUrl, false);
  const profiles = byEnvironment('--env-profile', flags.envProfile, false);
  for (const [option, map] of [['--env-endpoint-url', endpoints], ['--env-profile', profiles]] as const) {
    for (const env of map.keys()) if (!names.includes(env)) throw new CgError('USAGE', `${option} ${env}=...: not an environment imported here; those are ${names.join(', ')}`);
  }
  return names.map((name) => {
    const one = parseConfig(loaded.text, file, { env: name });
    if (!one.ok) throw new CgError('CONFIG_INVALID', `${file}: environment ${name} cannot be read`);
    const account = one.config.environment?.account;
    const endpointUrl = endpoints.get(name);
    const profile = profiles.get(name);
    return {
      name,
      pools: one.config.userPools.map((p, i) => ({ key: raw.userPools[i]?.key ?? 'main', id: p.id, region: p.region })),
      ...(account === undefined ? {} : { account }),
      ...(endpointUrl === undefined ? {} : { endpointUrl }),
      ...(profile === undefined ? {} : { profile }),
    };
  });
}

/** `ENV=VALUE` flags as a map; with `plainAllowed`, a VALUE without ENV= applies to every environment (key ''). */
function byEnvironment(option: string, values: readonly string[] | undefined, plainAllowed: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    if (i < 0 && !plainAllowed) throw new CgError('USAGE', `${option} ${JSON.stringify(v)}: expected ENV=VALUE, naming the environment it is for`);
    const env = i < 0 ? '' : v.slice(0, i);
    if (out.has(env)) throw new CgError('USAGE', `${option}: given twice for ${env === '' ? 'every environment' : `environment ${env}`}`);
    out.set(env, i < 0 ? v : v.slice(i + 1));
  }
  return out;
}

function checkRegion(region: string): void {
  if (!REGION_PATTERN.test(region)) throw new CgError('USAGE', `--region ${JSON.stringify(region)}: not an AWS region; expected one such as eu-west-1`);
}

/**
 * A pool id typed on the command line, checked: the form of an id, and, for AWS, a region (its own or
 * --region's). Another endpoint decides what its ids are (cognito-local's are `local_...`).
 */
function poolRef(id: string, region: string | undefined, aws: boolean): { id: string; region: string } {
  if (id.length > 55 || !POOL_ID_PATTERN.test(id)) {
    throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(id)}: not a user pool id; expected <region>_<letters and digits>, such as eu-west-1_AbCdEf123`);
  }
  const regionProblem = region === undefined && aws ? poolIdRegionProblem(id) : undefined;
  if (regionProblem !== undefined) throw new CgError('USAGE', `--user-pool-id ${JSON.stringify(id)}: ${regionProblem}; or give --region`);
  return { id, region: region ?? regionOfPoolId(id) };
}
