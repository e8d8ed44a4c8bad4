import { planOfDocument } from '../../../core/saved-plan/build.js';
import { readPlanFile } from '../../../edge/files/read-saved-plan.js';
import { targetText } from '../../render/target.js';
import { openOutput } from '../views/output.js';
import { planView } from '../views/plan-view.js';
/** Renders a saved plan. Offline. */
export async function showCommand(io, planFile, flags) {
    const out = openOutput(io, flags);
    const document = await readPlanFile(planFile, io.cwd);
    const target = {
        kind: document.target,
        ...(document.endpoint === undefined ? {} : { endpoint: document.endpoint }),
        regions: document.pools.map((p) => p.region),
        ...(document.environment === undefined ? {} : { environment: document.environment }),
        ...(document.account === undefined ? {} : { account: document.account }),
    };
    await planView(out).show({
        plan: planOfDocument(document),
        document,
        header: `Saved plan ${planFile}: made ${document.createdAt} by cognito-groups ${document.toolVersion} from ${document.desiredFile.path} against ${targetText(target)}.`,
        target,
    });
    return 0;
}
