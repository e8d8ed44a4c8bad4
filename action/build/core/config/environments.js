import { regionOfPoolId } from './model.js';
import { isRecord } from './positions.js';
/** The placeholders a file with environments may use, and only in roleArn and description. */
const PLACEHOLDERS = ['account', 'env', 'region'];
/** The fields whose values may hold placeholders. */
const TEMPLATED = new Set(['roleArn', 'description']);
/** The environments a file names, in file order; empty for a file without `environments:`. */
export function environmentNames(data) {
    return isRecord(data) && isRecord(data.environments) ? Object.keys(data.environments) : [];
}
/**
 * What a file's environments must agree on, run on unchecked data: with environments, every pool is
 * named by a `key` (not an `id`), keys are unique, every environment maps every key (and no other)
 * to its own pool, `only:` names known environments, and placeholders appear only in roleArn and
 * description and only as ${account}, ${env} or ${region}. Without environments, `key`, `only:` and
 * placeholders in roleArn are errors.
 */
export function environmentChecks(data, pos, at) {
    const out = [];
    const envs = environmentNames(data);
    const pools = isRecord(data) && Array.isArray(data.userPools) ? data.userPools : [];
    const keys = new Map();
    pools.forEach((pool, i) => {
        if (!isRecord(pool))
            return;
        if (envs.length > 0) {
            if (pool.id !== undefined)
                out.push(at(pos.offsetOf(['userPools', i, 'id']), ['userPools', i, 'id'], 'with environments, a pool is named by `key` (each environment maps it to a pool id), not by `id`'));
            if (pool.key === undefined)
                out.push(at(pos.offsetOf(['userPools', i]), ['userPools', i], 'missing required field "key": with environments, every pool is named by a key each environment maps to a pool id'));
            if (typeof pool.key === 'string') {
                const first = keys.get(pool.key);
                if (first !== undefined)
                    out.push(at(pos.offsetOf(['userPools', i, 'key']), ['userPools', i, 'key'], `duplicate pool key "${pool.key}" (first at userPools[${first}]); list each pool once`));
                else
                    keys.set(pool.key, i);
            }
        }
        else {
            if (pool.key !== undefined)
                out.push(at(pos.offsetOf(['userPools', i, 'key']), ['userPools', i, 'key'], 'a pool `key` needs `environments:` that map it to pool ids; without environments, name the pool by `id`'));
            if (pool.id === undefined)
                out.push(at(pos.offsetOf(['userPools', i]), ['userPools', i], 'missing required field "id"'));
        }
        const groups = Array.isArray(pool.groups) ? pool.groups : [];
        groups.forEach((group, j) => {
            if (!isRecord(group))
                return;
            const here = ['userPools', i, 'groups', j];
            if (group.only !== undefined) {
                if (envs.length === 0)
                    out.push(at(pos.offsetOf([...here, 'only']), [...here, 'only'], '`only:` needs `environments:`; without them every group is in the file\'s pools'));
                else if (Array.isArray(group.only)) {
                    group.only.forEach((name, k) => {
                        if (typeof name === 'string' && !envs.includes(name))
                            out.push(at(pos.offsetOf([...here, 'only', k]), [...here, 'only', k], `no environment "${name}"; the file has ${envs.join(', ')}`));
                    });
                }
            }
            for (const [field, value] of Object.entries(group)) {
                for (const { text, path } of stringsOf(value, [...here, field])) {
                    if (!looksTemplated(text))
                        continue;
                    if (!TEMPLATED.has(field)) {
                        // Without environments the file reads as it always did: such text is only text.
                        if (envs.length > 0)
                            out.push(at(pos.offsetOf(path), path, `placeholders such as \${env} are allowed only in roleArn and description`));
                    }
                    else if (envs.length === 0) {
                        if (field === 'roleArn')
                            out.push(at(pos.offsetOf(path), path, 'placeholders such as ${account} need `environments:` to take their values from'));
                    }
                    else {
                        for (const problem of placeholderProblems(text))
                            out.push(at(pos.offsetOf(path), path, problem));
                    }
                }
            }
        });
    });
    if (envs.length === 0)
        return out;
    const environments = data.environments;
    for (const env of envs) {
        const e = own(environments, env);
        if (!isRecord(e) || !isRecord(e.userPools))
            continue;
        const mapped = e.userPools;
        const where = ['environments', env, 'userPools'];
        for (const key of keys.keys()) {
            if (!Object.hasOwn(mapped, key))
                out.push(at(pos.offsetOf(where), where, `environment "${env}" does not map pool key "${key}"; every environment maps every pool key to a pool id`));
        }
        const ids = new Map();
        for (const [key, value] of Object.entries(mapped)) {
            if (!keys.has(key))
                out.push(at(pos.keyOffset(where, key), [...where, key], `no pool has key "${key}"; the file's pool keys are ${[...keys.keys()].join(', ') || '(none)'}`));
            const id = poolIdOf(value);
            if (id === undefined)
                continue;
            const other = ids.get(id);
            if (other !== undefined)
                out.push(at(pos.offsetOf([...where, key]), [...where, key], `pool id "${id}" is also mapped from key "${other}" in environment "${env}"; each key needs its own pool`));
            else
                ids.set(id, key);
        }
    }
    return out;
}
/**
 * The data of one environment of a checked file (environmentChecks found nothing). A value a
 * placeholder made invalid is checked by `valueProblem` (the schema's own rule for the field), and
 * its diagnostic points at the template in the file.
 */
export function environmentView(data, env, pos, at, valueProblem) {
    const e = (own(data.environments, env) ?? {});
    const account = typeof e.account === 'string' ? e.account : undefined;
    const mapped = (e.userPools ?? {});
    const errors = [];
    const fileSettings = isRecord(data.settings) ? data.settings : {};
    const envSettings = isRecord(e.settings) ? e.settings : {};
    const userPools = data.userPools.map((pool, i) => {
        const target = own(mapped, String(pool.key));
        const id = poolIdOf(target) ?? '';
        const region = (isRecord(target) && typeof target.region === 'string' ? target.region : undefined) ?? (typeof pool.region === 'string' ? pool.region : regionOfPoolId(id));
        const vars = { account, env, region };
        const groups = pool.groups.map((group, j) => {
            if (Array.isArray(group.only) && !group.only.includes(env))
                return null;
            const out = { ...group };
            delete out.only;
            for (const field of TEMPLATED) {
                const value = group[field];
                if (typeof value !== 'string' || !looksTemplated(value))
                    continue;
                const path = ['userPools', i, 'groups', j, field];
                const replaced = replacePlaceholders(value, vars);
                if (replaced.missing.length > 0) {
                    errors.push(at(pos.offsetOf(path), path, `environment "${env}" has no ${replaced.missing.map((m) => `\`${m}\``).join(' or ')} for \${${replaced.missing[0]}}; give it one, or write the value out`));
                    continue;
                }
                const problem = valueProblem(field, replaced.value);
                if (problem !== undefined)
                    errors.push(at(pos.offsetOf(path), path, `in environment "${env}" this is ${JSON.stringify(replaced.value)}, which is not allowed: ${problem}`));
                out[field] = replaced.value;
            }
            return out;
        });
        const { key: _key, ...rest } = pool;
        return { ...rest, id, region, groups };
    });
    const settings = { ...fileSettings, ...envSettings };
    const { environments: _environments, ...rest } = data;
    return { data: { ...rest, ...(Object.keys(settings).length === 0 ? {} : { settings }), userPools }, errors, ...(account === undefined ? {} : { account }) };
}
/** A mapping's own value for a key: never one of Object's built-in members (a pool key `toString` is just a key). */
function own(map, key) {
    return Object.hasOwn(map, key) ? map[key] : undefined;
}
/** A pool id from an environment's mapping: the id, or {id, region}'s id. */
function poolIdOf(value) {
    if (typeof value === 'string')
        return value;
    return isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
}
/** Whether a string holds something that looks like a placeholder. */
function looksTemplated(text) {
    return text.includes('${');
}
/** Each placeholder-like part of a templated value that is not one of the allowed ones. */
function placeholderProblems(text) {
    const out = [];
    const allowed = PLACEHOLDERS.map((p) => `\${${p}}`).join(', ');
    for (const m of text.matchAll(/\$\{([^}]*)(\}?)/g)) {
        if (m[2] !== '}')
            out.push(`"\${${m[1] ?? ''}" is not closed; placeholders are ${allowed}`);
        else if (!PLACEHOLDERS.includes(m[1] ?? ''))
            out.push(`unknown placeholder "\${${m[1] ?? ''}}"; allowed: ${allowed}`);
    }
    return out;
}
/** A templated value with its placeholders replaced, and the placeholders that have no value here. */
function replacePlaceholders(text, vars) {
    const missing = [];
    const value = text.replace(/\$\{(account|env|region)\}/g, (_m, name) => {
        const v = vars[name];
        if (v === undefined) {
            if (!missing.includes(name))
                missing.push(name);
            return '';
        }
        return v;
    });
    return { value, missing };
}
/** Every string of a value (a string, or the strings of a list or mapping), with its path. */
function stringsOf(value, path) {
    if (typeof value === 'string')
        return [{ text: value, path }];
    if (Array.isArray(value))
        return value.flatMap((v, k) => stringsOf(v, [...path, k]));
    if (isRecord(value))
        return Object.entries(value).flatMap(([k, v]) => stringsOf(v, [...path, k]));
    return [];
}
