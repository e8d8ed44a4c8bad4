import { isMaxRps, MAX_RPS_RANGE } from '../core/config/model.js';
import { closest } from '../core/config/schema-diagnostic.js';
import { CgError } from '../core/errors.js';
import { normalEndpoint } from '../edge/cognito/endpoint.js';
export const SESSION = {
    profile: 'string',
    endpoint: 'url',
    credentials: 'object',
    requestTimeoutMs: 'positiveNumber',
    signal: 'signal',
    api: 'object',
    accountApi: 'object',
    rates: 'object',
    maxRps: 'maxRps',
    retry: 'object',
    clock: 'object',
    trailApi: 'object',
    credentialsApi: 'object',
    userAgent: 'list',
};
export const POLICY = {
    allowReplace: 'boolean',
    allowDelete: 'boolean',
    maxDelete: 'count',
    allowMemberRemovals: 'boolean',
    maxMemberRemovals: 'count',
    allowRoleChanges: 'boolean',
    maxRoleChanges: 'count',
};
/** An apply's lease (run/lease). */
export const LOCK = { lock: 'boolean', lockTimeoutMs: 'count', lockSeconds: 'positiveNumber', holder: 'object', onLock: 'function' };
/** Keys of either form of the groups file source: `{config}` or `{file, env?, cwd?}`. */
export const SOURCE = { config: 'object', desiredFile: 'object', file: 'string', env: 'string', cwd: 'string' };
/**
 * Refuses (USAGE) options a library function does not take, or values of the wrong kind: the same one
 * line the command line gives for a bad flag. A key whose value is undefined is taken as absent.
 */
export function checkOptions(fn, spec, options) {
    const allowed = Object.keys(spec);
    if (options === undefined && (fn === 'importGroupsFile' || fn === 'openSession'))
        return;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        throw new CgError('USAGE', `${fn}(): options must be an object, got ${describe(options)}; allowed options: ${allowed.join(', ')}`);
    }
    for (const [key, value] of Object.entries(options)) {
        if (!Object.hasOwn(spec, key)) {
            const guess = closest(key, allowed);
            throw new CgError('USAGE', `${fn}(): unknown option ${JSON.stringify(key)}${guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`}; allowed options: ${allowed.join(', ')}`);
        }
        if (value === undefined)
            continue;
        const kind = spec[key];
        const problem = valueProblem(kind, value);
        if (problem !== undefined)
            throw new CgError('USAGE', `${fn}(): option ${JSON.stringify(key)}: ${problem}, got ${describe(value)}`);
    }
    const o = options;
    if ((fn === 'plan' || fn === 'apply') && (o.config === undefined) === (o.file === undefined)) {
        throw new CgError('USAGE', `${fn}(): give either "file" (a groups file to read) or "config" (one already parsed), not ${o.config === undefined ? 'neither' : 'both'}`);
    }
}
function valueProblem(kind, value) {
    switch (kind) {
        case 'string':
            return typeof value === 'string' && value.trim() !== '' ? undefined : 'expected a non-empty string';
        case 'url':
            if (typeof value !== 'string')
                return 'expected an http:// or https:// URL';
            try {
                normalEndpoint('', value);
                return undefined;
            }
            catch {
                return 'expected an http:// or https:// URL, such as http://127.0.0.1:9329';
            }
        case 'boolean':
            return typeof value === 'boolean' ? undefined : 'expected true or false';
        case 'function':
            return typeof value === 'function' ? undefined : 'expected a function';
        case 'object':
            return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'expected an object';
        case 'list':
            return Array.isArray(value) ? undefined : 'expected a list';
        case 'signal':
            return value instanceof AbortSignal ? undefined : 'expected an AbortSignal';
        case 'maxRps':
            return typeof value === 'number' && isMaxRps(value) ? undefined : `expected a number from ${MAX_RPS_RANGE.min} to ${MAX_RPS_RANGE.max} (the range of --max-rps and settings.maxRps)`;
        case 'count':
            return typeof value === 'number' && (Number.isInteger(value) || value === Infinity) && value >= 0 ? undefined : 'expected a whole number of 0 or more (or Infinity: no limit)';
        case 'positiveInteger':
            return typeof value === 'number' && Number.isInteger(value) && value > 0 ? undefined : 'expected a whole number of 1 or more';
        case 'positiveNumber':
            return typeof value === 'number' && Number.isFinite(value) && value > 0 ? undefined : 'expected a number greater than 0';
    }
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return typeof value;
}
