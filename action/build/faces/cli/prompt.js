import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
/**
 * Asks on the terminal; only the exact answer `yes` approves. The question goes to stderr so stdout
 * stays the plan. Ctrl-C, Ctrl-D, or the run's stop signal (a signal arriving while stderr is not the
 * terminal) are a "no", never an error.
 */
export async function confirm(io, question, signal) {
    const output = new Writable({
        write(chunk, _encoding, done) {
            io.err(chunk.toString());
            done();
        },
    });
    const rl = createInterface({ input: io.stdin, output, terminal: io.stdinIsTTY && io.stderrIsTTY });
    let answered = false;
    const closed = new Promise((resolve) => rl.once('close', () => {
        if (!answered)
            io.err('\n');
        resolve('');
    }));
    rl.once('SIGINT', () => rl.close());
    try {
        const asked = rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `, signal === undefined ? {} : { signal }).then((answer) => {
            answered = true;
            return answer;
        }, () => '');
        const answer = await Promise.race([asked, closed]);
        return answer.trim() === 'yes';
    }
    finally {
        rl.close();
    }
}
