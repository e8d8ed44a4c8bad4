import { readFile } from 'node:fs/promises';
import { CgError } from '../../../core/errors.js';
import { checkPolicyDocument, startEmulator } from '../../../emulator/index.js';
import { pathIn } from '../io.js';
/** The policy in a file, or a one-line usage error naming the file and what is wrong with it. */
async function readPolicy(path, file) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        throw new CgError('USAGE', `${file}: cannot read the IAM policy (${e.code ?? e.message})`);
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new CgError('USAGE', `${file}: the IAM policy is not valid JSON (${e.message})`);
    }
    const problems = checkPolicyDocument(doc);
    if (problems.length > 0)
        throw new CgError('USAGE', `${file}: not an IAM policy the emulator can enforce: ${problems.join('; ')}`);
    return doc;
}
/** `user-00001` ... `user-<n>`, zero-padded to at least five digits so they sort in order. */
function seedUserNames(n) {
    const width = Math.max(5, String(n).length);
    return Array.from({ length: n }, (_, i) => ({ Username: `user-${String(i + 1).padStart(width, '0')}` }));
}
function plural(n, one) {
    return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}
/** The pools the emulator has (from the state file and --pool), one line each. */
function poolLines(emulator) {
    const pools = emulator.listUserPools();
    if (pools.length === 0)
        return ['  no pools yet: create one with CreateUserPool, or restart with --pool <id>'];
    return [
        `  ${plural(pools.length, 'pool')}:`,
        ...pools.map((p) => `    ${p.id}${p.name === p.id ? '' : ` (${p.name})`}: ${plural(p.groups, 'group')}, ${plural(p.users, 'user')}`),
    ];
}
/** Runs the Cognito emulator in the foreground until SIGINT/SIGTERM. */
export async function emulatorCommand(io, flags) {
    // Listening from the start, so that Ctrl-C while a large --users seeding runs still closes the
    // emulator (writing its state and releasing the state file) instead of killing it.
    let stop = () => undefined;
    const stopped = new Promise((resolve) => (stop = resolve));
    const unsubscribe = io.stops.subscribe(() => stop());
    try {
        await serve(io, flags, stopped);
    }
    finally {
        unsubscribe();
    }
    io.err('emulator stopped\n');
    return 0;
}
async function serve(io, flags, stopped) {
    if (flags.users > 0 && (flags.pool ?? []).length === 0)
        throw new CgError('USAGE', '--users seeds users into the pools given with --pool: name at least one');
    const policy = flags.policy === undefined ? undefined : await readPolicy(pathIn(io, flags.policy), flags.policy);
    const emulator = await startEmulator({
        port: flags.port,
        ...(flags.state === undefined ? {} : { statePath: pathIn(io, flags.state) }),
        quotas: { enabled: flags.quotas, scale: flags.quotaScale },
        faults: { errorRate: flags.errorRate, latencyMs: flags.latencyMs },
        account: flags.account,
        ...(policy === undefined ? {} : { policy }),
    });
    try {
        const users = seedUserNames(flags.users);
        for (const id of flags.pool ?? []) {
            emulator.ensureUserPool(id);
            if (users.length > 0)
                emulator.seedUsers(id, users, { skipExisting: true });
        }
        const firstPool = flags.pool?.[0] ?? emulator.listUserPools()[0]?.id;
        io.out([
            `Cognito emulator listening on ${emulator.url}`,
            `  state: ${flags.state ?? 'in memory (lost on exit)'}; quotas: ${flags.quotas ? `on (x${flags.quotaScale})` : 'off'}; account: ${emulator.account}`,
            ...(flags.policy === undefined ? [] : [`  IAM policy: ${flags.policy} (requests it does not allow get AccessDeniedException)`]),
            ...poolLines(emulator),
            `  try: aws cognito-idp list-groups --endpoint-url ${emulator.url} --user-pool-id ${firstPool ?? '<pool-id>'}`,
            `       cognito-groups plan --endpoint-url ${emulator.url}   (any credentials are accepted)`,
            'Press Ctrl-C to stop.',
            '',
        ].join('\n'));
        await stopped;
    }
    finally {
        await emulator.close();
    }
}
