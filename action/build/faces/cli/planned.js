import { readConfigFile } from '../../edge/files/read-config.js';
import { plan } from '../../run/plan.js';
import { summaryLine } from '../render/summary.js';
import { buildPlanDocument } from '../../core/saved-plan/build.js';
import { printWarnings } from './warnings.js';
import { heldLeaseLines } from '../render/lease.js';
import { safeOutput } from '../render/outside-text.js';
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
        summaryText: summaryLine(planned.plan),
    });
}
/** Reads the groups file (printing its warnings) and opens the target of its pools; `use` gets both while the target is open. */
export async function withTarget(io, flags, use) {
    const loaded = await readConfigFile(flags.file, io.cwd, envOption(flags));
    printWarnings(io, loaded.warnings);
    const target = await openTarget(flags, loaded.config.userPools, io, { createPools: true, ...environmentOf(loaded.config) });
    try {
        return await use(loaded, target);
    }
    finally {
        await target.close();
    }
}
/** Reads the groups file, lists its pools and plans; `use` gets the result while the target is open. Read-only. */
export async function withPlan(io, flags, use) {
    return await withTarget(io, flags, async (loaded, target) => {
        const progress = new ProgressReporter(io, flags.progress);
        const result = await plan({
            config: loaded.config,
            desiredFile: { path: loaded.file, text: loaded.text },
            ...target.session,
            dropMembers: flags.dropMembers === true,
            accessCheck: flags.accessCheck !== false,
            ...(flags.accessScope === undefined ? {} : { accessScope: flags.accessScope }),
            credentialsCheck: flags.credentialsCheck !== false,
            checkAllRoles: flags.checkAllRoles === true,
            onReadProgress: progress.read,
            onMembersProgress: progress.members,
            onAccessProgress: progress.access,
        });
        progress.stop();
        // An apply holding a lease is said from the listing already made: plan and drift never take one.
        const notes = heldLeaseLines(result.observed, Date.now());
        for (const line of notes)
            io.err(`${safeOutput(`note: ${line}`)}\n`);
        return await use({ loaded, target, result, doc: documentOf(result, loaded, target), notes });
    });
}
/** The --env flag as readConfigFile takes it. */
export function envOption(flags) {
    return flags.env === undefined ? {} : { env: flags.env };
}
/** The config's environment, as openTarget takes it. */
function environmentOf(config) {
    return config.environment === undefined ? {} : { environment: config.environment };
}
