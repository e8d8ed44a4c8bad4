import { visible } from './outside-text.js';
/** The target in a few words: `AWS eu-west-1 (profile prod, account 123456789012)`, `the endpoint http://…/`, or `the local emulator`. */
export function targetText(t) {
    const extra = [t.environment === undefined ? '' : `environment ${t.environment}`, t.profile === undefined ? '' : `profile ${t.profile}`, t.account === undefined ? '' : `account ${t.account}`].filter((s) => s !== '');
    const more = extra.length === 0 ? '' : ` (${extra.join(', ')})`;
    const regions = [...new Set(t.regions)].join(', ');
    switch (t.kind) {
        case 'aws':
            return visible(`AWS${regions === '' ? '' : ` ${regions}`}${more}`);
        case 'endpoint':
            return visible(`the endpoint ${t.endpoint ?? '(unknown)'}${more}`);
        case 'local-emulator':
            // It stands for the environment's account when there is one; otherwise no AWS account is involved.
            return visible(`the local emulator (${t.account === undefined ? ['no AWS account', ...extra].join(', ') : extra.join(', ')})`);
    }
}
