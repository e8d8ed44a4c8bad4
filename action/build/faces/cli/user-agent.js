import { RUN_AGENT, TOOL_AGENT } from '../../core/drift/attribution.js';
import { VERSION } from './version.js';
/**
 * What this tool adds to the User-Agent of its AWS requests: `cognito-groups/<version>`, and in a
 * GitHub Actions run `cognito-groups-run/<run id>-<attempt>`. CloudTrail records it, so drift can tell
 * a change made by another run of this tool from one made by hand.
 */
export function toolUserAgent(env) {
    const run = env.GITHUB_RUN_ID?.trim();
    const attempt = env.GITHUB_RUN_ATTEMPT?.trim();
    const out = [[TOOL_AGENT, VERSION]];
    if (run !== undefined && /^\d{1,20}$/.test(run))
        out.push([RUN_AGENT, attempt !== undefined && /^\d{1,6}$/.test(attempt) ? `${run}-${attempt}` : run]);
    return out;
}
