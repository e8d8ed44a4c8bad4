// A proxy on 127.0.0.1 that notes when each Cognito request arrives and passes it to an emulator, and
// the rule a quota holds arrival times to: a token bucket. Pacing is checked against that rule (how
// many requests the bucket would have refused), which tolerates the jitter of a busy machine, rather
// than against a tight one-second window.
import { createServer, request } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { onTestFinished } from 'vitest';

/** One request as the proxy saw it arrive. */
export interface LoggedRequest {
  op: string;
  pool: string;
  /** Milliseconds, monotonic. */
  at: number;
}

/** A running proxy and what it saw. */
export interface RequestLog {
  url: string;
  requests: LoggedRequest[];
  /** Arrival times of the requests that match, in order. */
  times(match?: (r: LoggedRequest) => boolean): number[];
}

/** Starts a logging proxy in front of `upstream`; closed when the test ends. */
export async function requestLog(upstream: string): Promise<RequestLog> {
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = String(req.headers['x-amz-target'] ?? '');
      let pool = '';
      try {
        pool = String((JSON.parse(body.toString('utf8')) as { UserPoolId?: unknown }).UserPoolId ?? '');
      } catch {
        // Not a JSON request: logged without a pool.
      }
      requests.push({ op: header.slice(header.indexOf('.') + 1), pool, at });
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    times: (match = () => true) => requests.filter(match).map((r) => r.at).sort((a, b) => a - b),
  };
}

/**
 * How many of these arrivals a token bucket of `rate` per second holding `capacity` tokens (full at
 * the first arrival) would have refused. Zero means: over any interval of T seconds, at most
 * rate * T + capacity requests, which is what Cognito's quotas (and the emulator's) allow with a
 * capacity of one second of the rate.
 */
export function overdraft(times: readonly number[], rate: number, capacity: number): number {
  let tokens = capacity;
  let last = times[0] ?? 0;
  let refused = 0;
  for (const t of times) {
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens >= 1 - 1e-9) tokens -= 1;
    else refused++;
  }
  return refused;
}
