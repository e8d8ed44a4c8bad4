// Preloaded into each process the bench times (`node --import`): writes the process's peak resident
// memory, in KiB, to the file COGNITO_GROUPS_BENCH_RSS names, when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.COGNITO_GROUPS_BENCH_RSS;
if (file !== undefined) {
  process.on('exit', () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // The bench reports 0 for a process it could not measure.
    }
  });
}
