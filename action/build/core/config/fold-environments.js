import { compareNames } from './names.js';
const FIELDS = ['description', 'precedence', 'roleArn'];
/**
 * Folds the environments' pools: pools are matched by key (every environment must list the same keys),
 * groups by name. Each environment is listed in the order given.
 */
export function foldEnvironments(listings) {
    const keys = [...new Set(listings.flatMap((l) => l.pools.map((p) => p.key)))];
    const differences = [];
    const partial = [];
    const userPools = keys.map((key) => {
        const byName = new Map();
        for (const env of listings) {
            for (const group of env.pools.find((p) => p.key === key)?.groups ?? []) {
                byName.set(group.name, [...(byName.get(group.name) ?? []), { env, group }]);
            }
        }
        const groups = [];
        for (const name of [...byName.keys()].sort(compareNames)) {
            const present = byName.get(name) ?? [];
            const everywhere = present.length === listings.length;
            const folded = foldOne(present.map((p) => ({ env: p.env, group: p.group })));
            if (folded.variants.length === 1) {
                const only = everywhere ? undefined : present.map((p) => p.env.name);
                if (only !== undefined)
                    partial.push({ key, group: name, only });
                groups.push({ ...folded.variants[0]?.group, ...(only === undefined ? {} : { only }) });
            }
            else {
                differences.push({ key, group: name, fields: folded.differing, variants: folded.variants.map((v) => v.envs) });
                for (const v of folded.variants)
                    groups.push({ ...v.group, only: v.envs });
            }
        }
        return { key, groups };
    });
    const environments = listings.map((l) => ({
        name: l.name,
        ...(l.account === undefined ? {} : { account: l.account }),
        userPools: keys.map((key) => {
            const pool = l.pools.find((p) => p.key === key);
            return { key, id: pool?.id ?? '', ...(pool?.region === undefined ? {} : { region: pool.region }) };
        }),
    }));
    return { environments, userPools, differences, partial };
}
/**
 * One group across the environments that have it: each field as written raw when all agree, else as a
 * template (${account}, then ${env} too) when that makes them agree; the environments split into
 * variants only by what still differs.
 */
function foldOne(present) {
    const written = present.map((p) => ({ env: p.env.name, group: { name: p.group.name } }));
    const differing = [];
    for (const field of FIELDS) {
        const values = present.map((p) => p.group[field]);
        const chosen = field === 'precedence' ? undefined : templated(present, field);
        const final = chosen ?? values;
        if (new Set(final.map((v) => JSON.stringify(v ?? null))).size > 1)
            differing.push(field);
        final.forEach((v, i) => {
            if (v !== undefined)
                written[i].group[field] = v;
        });
    }
    const members = present.map((p) => (p.group.members === undefined ? undefined : [...p.group.members].sort(compareNames)));
    if (new Set(members.map((m) => JSON.stringify(m ?? null))).size > 1)
        differing.push('members');
    members.forEach((m, i) => {
        if (m !== undefined)
            written[i].group.members = m;
    });
    // Environments whose written group is the same share a variant, in environment order.
    const variants = [];
    for (const w of written) {
        const same = variants.find((v) => JSON.stringify(v.group) === JSON.stringify(w.group));
        if (same !== undefined)
            same.envs.push(w.env);
        else
            variants.push({ envs: [w.env], group: w.group });
    }
    return { variants, differing };
}
/**
 * A string field's values, templated when that is what makes them agree: raw values that already agree
 * (or a field no environment has) are kept as they are; otherwise each environment's account id
 * becomes ${account}, then, if they still differ, its name (as a whole word) becomes ${env}.
 * Undefined when templating does not make them agree, so the raw values are written.
 */
function templated(present, field) {
    const raw = present.map((p) => p.group[field]);
    if (allEqual(raw))
        return raw;
    if (raw.some((v) => v === undefined || v.includes('${')))
        return undefined;
    const withAccount = present.map((p, i) => (p.env.account === undefined ? raw[i] : raw[i].split(p.env.account).join('${account}')));
    if (allEqual(withAccount))
        return withAccount;
    const withEnv = present.map((p, i) => withAccount[i].replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(p.env.name)}(?![A-Za-z0-9])`, 'g'), '${env}'));
    return allEqual(withEnv) ? withEnv : undefined;
}
function allEqual(values) {
    return new Set(values.map((v) => v ?? '\u0000none')).size <= 1;
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
