// A server on 127.0.0.1 that answers some Cognito operations with nonsense (or not at all) and passes
// the others to a real emulator: the tool must end every such run with a clear one-line error.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/** How to answer one operation. */
export type Answer =
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Answer 200 with this body and content type. */
  | { kind: 'body'; body: string; contentType?: string; status?: number }
  /** Answer with a JSON body made from the real answer (for a listing that contradicts itself). */
  | { kind: 'rewrite'; rewrite: (real: Record<string, unknown>) => unknown }
  /** Do something first (change the pool behind the tool's back), then pass the request on. */
  | { kind: 'before'; before: () => Promise<void> };

/** How to answer an operation: always the same, or by the number of the request (1 for the first); undefined passes it on. */
export type Answers = Record<string, Answer | ((n: number) => Answer | undefined)>;

/** A running hostile server. */
export interface HostileServer {
  url: string;
  /** Requests seen per operation. */
  seen: Record<string, number>;
  /** Resolves when a request of `op` arrives. */
  arrived(op: string): Promise<void>;
}

/** Starts a hostile server in front of `upstream` (an emulator URL); closed when the test ends. */
export async function hostileServer(upstream: string | undefined, answers: Answers): Promise<HostileServer> {
  const seen: Record<string, number> = {};
  const waiters: Array<{ op: string; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.slice(target.indexOf('.') + 1);
      seen[op] = (seen[op] ?? 0) + 1;
      for (const w of waiters.filter((x) => x.op === op)) w.resolve();
      const given = answers[op];
      const answer = typeof given === 'function' ? given(seen[op] ?? 0) : given;
      const body = Buffer.concat(chunks);
      if (answer?.kind === 'hang') return;
      if (answer?.kind === 'before') {
        if (upstream === undefined) throw new Error('a "before" answer needs an upstream');
        void answer.before().then(() => forward(upstream, req, body, res));
        return;
      }
      if (answer?.kind === 'body') {
        res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/x-amz-json-1.1' });
        res.end(answer.body);
        return;
      }
      if (upstream === undefined) {
        res.writeHead(500).end();
        return;
      }
      forward(upstream, req, body, res, answer?.kind === 'rewrite' ? answer.rewrite : undefined);
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
    seen,
    arrived: (op) => new Promise((resolve) => waiters.push({ op, resolve })),
  };
}

function forward(upstream: string, req: IncomingMessage, body: Buffer, res: ServerResponse, rewrite?: (real: Record<string, unknown>) => unknown): void {
  const url = new URL(upstream);
  const out = request({ host: url.hostname, port: url.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    const chunks: Buffer[] = [];
    up.on('data', (c: Buffer) => chunks.push(c));
    up.on('end', () => {
      let text = Buffer.concat(chunks).toString('utf8');
      if (rewrite !== undefined && up.statusCode === 200) text = JSON.stringify(rewrite(JSON.parse(text) as Record<string, unknown>));
      res.writeHead(up.statusCode ?? 500, { 'content-type': up.headers['content-type'] ?? 'application/x-amz-json-1.1' });
      res.end(text);
    });
  });
  out.on('error', () => res.writeHead(502).end());
  out.end(body);
}
