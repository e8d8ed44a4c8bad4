import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Io } from './io.js';

/**
 * Asks on the terminal; only the exact answer `yes` approves. The question goes to stderr so stdout
 * stays the plan. Ctrl-C, Ctrl-D, or the run's stop signal (a signal arriving while stderr is not the
 * terminal) are a "no", never an error.
 */
export async function confirm(io: Io, question: string, signal?: AbortSignal): Promise<boolean> {
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      io.err(chunk.toString());
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: io.stdinIsTTY && io.stderrIsTTY });
  let answered = false;
  const closed = new Promise<string>((resolve) =>
    rl.once('close', () => {
      if (!answered) io.err('\n');
      resolve('');
    }),
  );
  rl.once('SIGINT', () => rl.close());
  try {
    const asked = rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `, signal === undefined ? {} : { signal }).then(
      (answer) => {
        answered = true;
        return answer;
      },
      () => '',
    );
    const answer = await Promise.race([asked, closed]);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
