import { readConfigFile } from '../../edge/files/read-config.js';
import { plan } from '../../run/plan.js';
import { buildPlanDocument } from '../../core/saved-plan/build.js';
import { printWarnings } from './warnings.js';
import { openTarget } from './connect.js';
import { ProgressReporter } from './progress.js';
import { VERSION } from './version.js';
/** The plan document for a plan made from a groups file against a target. */
export function documentOf(planned, loaded, target) {
    return buildPlanDocument(planned, {
        toolVersion: VERSION,
        createdAt: new Date(),
        desiredFile: { path: loaded.file, text: loaded.text },
        target: target.ref.kind,
        ...(target.ref.endpoint === undefined ? {} : { endpoint: target.ref.endpoint }),
        settings: loaded.config.settings,
        ...(loaded.config.environment === undefined ? {} : { environment: loaded.config.environment }),
    });
}
/** Reads the groups file, lists its pools and plans; `use` gets the result while the target is open. Read-only. */
export async function withPlan(io, flags, use) {
    const loaded = await readConfigFile(flags.file, io.cwd, envOption(flags));
    printWarnings(io, loaded.warnings);
    const target = await openTarget(flags, loaded.config.userPools, io, { createPools: true, ...environmentOf(loaded.config) });
    try {
        const progress = new ProgressReporter(io, flags.progress);
        const result = await plan({ config: loaded.config, ...target.session, dropMembers: flags.dropMembers === true, onReadProgress: progress.read, onMembersProgress: progress.members });
        progress.stop();
        return await use({ loaded, target, result, doc: documentOf(result, loaded, target) });
    }
    finally {
        await target.close();
    }
}
/** The --env flag as readConfigFile takes it. */
export function envOption(flags) {
    return flags.env === undefined ? {} : { env: flags.env };
}
/** The config's environment, as openTarget takes it. */
export function environmentOf(config) {
    return config.environment === undefined ? {} : { environment: config.environment };
}
