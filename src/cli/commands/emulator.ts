import { startEmulator } from '../../emulator/index.js';
import type { Io } from '../io.js';

/** Options of `emulator`. */
export interface EmulatorFlags {
  port: number;
  state?: string;
  pool?: string[];
  quotas: boolean;
  quotaScale: number;
  errorRate: number;
  latencyMs: number;
}

/** Runs the Cognito group-API emulator in the foreground until SIGINT/SIGTERM. */
export async function emulatorCommand(io: Io, flags: EmulatorFlags): Promise<number> {
  const emulator = await startEmulator({
    port: flags.port,
    ...(flags.state === undefined ? {} : { statePath: flags.state }),
    quotas: { enabled: flags.quotas, scale: flags.quotaScale },
    faults: { errorRate: flags.errorRate, latencyMs: flags.latencyMs },
  });
  try {
    for (const id of flags.pool ?? []) emulator.ensureUserPool(id);
  } catch (err) {
    await emulator.close();
    throw err;
  }
  io.out(
    [
      `Cognito group-API emulator listening on ${emulator.url}`,
      `  state: ${flags.state ?? 'in memory (lost on exit)'}; quotas: ${flags.quotas ? `on (x${flags.quotaScale})` : 'off'}`,
      (flags.pool ?? []).length > 0 ? `  pools: ${(flags.pool ?? []).join(', ')}` : '  no pools yet: create one with CreateUserPool, or restart with --pool <id>',
      `  try: aws cognito-idp list-groups --endpoint-url ${emulator.url} --user-pool-id ${flags.pool?.[0] ?? '<pool-id>'}`,
      `       cognito-groups plan --endpoint-url ${emulator.url}   (any credentials are accepted)`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  io.err('emulator stopped\n');
  return 0;
}
