import { createInterface } from 'node:readline/promises';

/**
 * Asks on the terminal; only the exact answer `yes` approves. The question goes to stderr so stdout
 * stays the plan. Ctrl-C, Ctrl-D, or the run's stop signal (SIGINT arriving while stderr is not the
 * terminal) are a "no", never an error.
 */
export async function confirm(question: string, signal?: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  let answered = false;
  const closed = new Promise<string>((resolve) =>
    rl.once('close', () => {
      if (!answered) process.stderr.write('\n');
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
