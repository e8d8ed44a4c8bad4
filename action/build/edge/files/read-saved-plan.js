import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as generated from '../../core/generated/plan-validator.js';
import { CgError, messageOf } from '../../core/errors.js';
import { checksumOf } from '../../core/saved-plan/build.js';
import { PLAN_FORMAT_VERSION } from '../../core/saved-plan/model.js';
// schema/plan.schema.json, compiled ahead of time (scripts/compile-schemas.mjs).
const validate = generated.validatePlan;
/** Reads and checks a saved plan: JSON, the right format version, the plan schema, and an intact checksum. */
export async function readPlanFile(file, cwd = process.cwd()) {
    let text;
    try {
        text = await readFile(resolve(cwd, file), 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new CgError('PLAN_FILE_INVALID', `${file}: cannot read the plan file (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})`);
    }
    return parsePlanDocument(text, file);
}
/** Checks a saved plan's text; see readPlanFile. */
export function parsePlanDocument(text, file) {
    const invalid = (why) => new CgError('PLAN_FILE_INVALID', `${file}: not a usable cognito-groups plan: ${why}; make a new one with \`cognito-groups plan --out ${file}\``);
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        // A groups file passed where a plan belongs (`apply groups.yaml`): say what was probably meant.
        if (/^\s*(version|userPools|settings)\s*:/m.test(text)) {
            throw new CgError('PLAN_FILE_INVALID', `${file}: this is a groups file, not a saved plan; did you mean \`cognito-groups apply -f ${file}\`?`);
        }
        const why = messageOf(err).replace(/\s+/g, ' ').trim();
        throw invalid(`not valid JSON (${why}), perhaps truncated`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        throw invalid('not a JSON object');
    const record = data;
    if (record.kind !== 'cognito-groups-plan')
        throw invalid(`"kind" is ${JSON.stringify(record.kind)}, expected "cognito-groups-plan"`);
    if (record.formatVersion !== PLAN_FORMAT_VERSION) {
        throw invalid(`format version ${JSON.stringify(record.formatVersion)}, this tool reads version ${PLAN_FORMAT_VERSION} (written by cognito-groups ${String(record.toolVersion)})`);
    }
    if (!validate(data)) {
        const e = validate.errors?.[0];
        throw invalid(`${e?.instancePath === '' ? '(document)' : e?.instancePath} ${e?.message ?? 'does not match the plan schema'}`);
    }
    const doc = data;
    if (checksumOf(doc) !== doc.checksum)
        throw invalid('its checksum does not match its content, so it was edited after it was written');
    return doc;
}
