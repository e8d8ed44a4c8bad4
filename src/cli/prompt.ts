import { createInterface } from 'node:readline/promises';

/** Asks on the terminal; only the exact answer `yes` approves. The question goes to stderr so stdout stays the plan. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C or Ctrl-D at the prompt is a "no", never an error.
  const closed = new Promise<string>((resolve) =>
    rl.once('close', () => {
      process.stderr.write('\n');
      resolve('');
    }),
  );
  rl.once('SIGINT', () => rl.close());
  try {
    const answer = await Promise.race([rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `).catch(() => ''), closed]);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
