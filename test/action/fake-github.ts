// A fake of the GitHub REST API's issues and issue comments on 127.0.0.1: pages of at most 100 with Link headers,
// authors from the token, edits only by the author, and requests answered with an error or a dropped
// connection on demand. Served under /api/v3, as GitHub Enterprise Server does, so the base path counts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who a token is; `installation` tokens (the default github.token) have no user for GET /user. */
export interface Identity {
  login: string;
  type: 'User' | 'Bot';
  installation?: boolean;
}

/** A comment as the fake stores it. */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
}

/** An issue as the fake stores it (its comments are kept with the pull requests' comments, by number). */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: Array<{ name: string }>;
  user: { login: string; type: 'User' | 'Bot' };
}

/** A request the fake received. */
export interface SeenRequest {
  method: string;
  /** Path under the API URL, with its query. */
  path: string;
}

/** The running fake. */
export interface FakeGitHub {
  /** The API URL, for GITHUB_API_URL. */
  url: string;
  comments(issue: number): FakeComment[];
  /** Every issue, in creation order. */
  issues(): FakeIssue[];
  /** Adds an issue as this author. */
  seedIssue(issue: Omit<FakeIssue, 'number' | 'state_reason'>): FakeIssue;
  /** Adds a comment as this author. */
  seed(issue: number, body: string, user: FakeComment['user']): FakeComment;
  requests: SeenRequest[];
  /** Answers requests whose method and path match with this status and message, instead of serving them. */
  fail(method: string, path: RegExp, status: number, message: string): void;
  /** Closes the connection of matching requests without an answer. */
  drop(method: string, path: RegExp): void;
  close(): Promise<void>;
}

/** The default `github.token` of a run. */
export const BOT_TOKEN = 'ghs_default_token';
/** A personal access token of `alice`. */
export const ALICE_TOKEN = 'ghp_alice_token';

export const REPO = 'acme/groups';

const IDENTITIES: Record<string, Identity> = {
  [BOT_TOKEN]: { login: 'github-actions[bot]', type: 'Bot', installation: true },
  [ALICE_TOKEN]: { login: 'alice', type: 'User' },
};

const PREFIX = '/api/v3';

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const issues = new Map<number, FakeComment[]>();
  const requests: SeenRequest[] = [];
  const failures: Array<{ method: string; path: RegExp; status: number; message: string }> = [];
  const drops: Array<{ method: string; path: RegExp }> = [];
  let nextId = 1000;
  const issueList: FakeIssue[] = [];
  let nextIssue = 100;
  let url = '';

  const listOf = (issue: number): FakeComment[] => {
    let list = issues.get(issue);
    if (list === undefined) issues.set(issue, (list = []));
    return list;
  };

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const full = req.url ?? '/';
      const path = full.startsWith(PREFIX) ? full.slice(PREFIX.length) : full;
      const method = req.method ?? 'GET';
      requests.push({ method, path });
      if (drops.some((d) => d.method === method && d.path.test(path))) {
        req.socket.destroy();
        return;
      }
      const failure = failures.find((f) => f.method === method && f.path.test(path));
      if (failure !== undefined) return send(res, failure.status, { message: failure.message });
      if (!full.startsWith(PREFIX)) return send(res, 404, { message: 'Not Found' });
      const who = IDENTITIES[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
      if (who === undefined) return send(res, 401, { message: 'Bad credentials' });
      const parsed = new URL(path, 'http://x');
      const route = `${method} ${parsed.pathname}`;
      let m: RegExpExecArray | null;

      if (route === 'GET /user') {
        return who.installation === true ? send(res, 403, { message: 'Resource not accessible by integration' }) : send(res, 200, { login: who.login, type: who.type });
      }
      if ((m = /^GET \/repos\/acme\/groups\/issues\/(\d+)\/comments$/.exec(route)) !== null) {
        const list = listOf(Number(m[1]));
        const perPage = Math.min(100, Number(parsed.searchParams.get('per_page') ?? 30));
        const page = Number(parsed.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(list.length / perPage));
        const link = (p: number): string => `<${url}${parsed.pathname}?per_page=${perPage}&page=${p}>`;
        const links = [...(page < pages ? [`${link(page + 1)}; rel="next"`, `${link(pages)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`] : [])];
        return send(res, 200, list.slice((page - 1) * perPage, page * perPage), links.length === 0 ? {} : { link: links.join(', ') });
      }
      if ((m = /^POST \/repos\/acme\/groups\/issues\/(\d+)\/comments$/.exec(route)) !== null) {
        const body = bodyOf(raw);
        if (body === undefined) return send(res, 422, { message: 'Validation Failed' });
        if (body.length > 65_536) return send(res, 422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });
        const comment: FakeComment = { id: nextId++, body, user: { login: who.login, type: who.type } };
        listOf(Number(m[1])).push(comment);
        return send(res, 201, comment);
      }
      if (route === 'GET /repos/acme/groups/issues') {
        const state = parsed.searchParams.get('state') ?? 'open';
        const labels = (parsed.searchParams.get('labels') ?? '').split(',').filter((l) => l !== '');
        // Pull requests are issues too, as GitHub lists them: one is always there, with a marker-free body.
        const all = [...issueList, { number: 7, title: 'A pull request', body: '', state: 'open', state_reason: null, labels: [], user: { login: 'alice', type: 'User' }, pull_request: { url: 'x' } }];
        const list = all.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.some((x) => x.name === l))).sort((a, b) => b.number - a.number);
        const perPage = Math.min(100, Number(parsed.searchParams.get('per_page') ?? 30));
        const page = Number(parsed.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(list.length / perPage));
        const link = (p: number): string => `<${url}${parsed.pathname}?${new URLSearchParams({ ...Object.fromEntries(parsed.searchParams), page: String(p) }).toString()}>`;
        return send(res, 200, list.slice((page - 1) * perPage, page * perPage), page < pages ? { link: `${link(page + 1)}; rel="next"` } : {});
      }
      if (route === 'POST /repos/acme/groups/issues') {
        const input = jsonOf(raw);
        if (typeof input?.title !== 'string' || input.title === '') return send(res, 422, { message: 'Validation Failed: title' });
        const body = typeof input.body === 'string' ? input.body : '';
        if (body.length > 65_536) return send(res, 422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });
        const labels = Array.isArray(input.labels) ? input.labels.filter((l): l is string => typeof l === 'string').map((name) => ({ name })) : [];
        const issue: FakeIssue = { number: nextIssue++, title: input.title, body, state: 'open', state_reason: null, labels, user: { login: who.login, type: who.type } };
        issueList.push(issue);
        return send(res, 201, issue);
      }
      if ((m = /^PATCH \/repos\/acme\/groups\/issues\/(\d+)$/.exec(route)) !== null) {
        const issue = issueList.find((i) => i.number === Number(m?.[1]));
        if (issue === undefined) return send(res, 404, { message: 'Not Found' });
        const input = jsonOf(raw) ?? {};
        if (typeof input.body === 'string') {
          if (input.body.length > 65_536) return send(res, 422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });
          issue.body = input.body;
        }
        if (typeof input.title === 'string') issue.title = input.title;
        if (input.state === 'open' || input.state === 'closed') {
          issue.state = input.state;
          issue.state_reason = input.state === 'closed' ? (typeof input.state_reason === 'string' ? input.state_reason : 'completed') : 'reopened';
        }
        return send(res, 200, issue);
      }
      if ((m = /^PATCH \/repos\/acme\/groups\/issues\/comments\/(\d+)$/.exec(route)) !== null) {
        const comment = [...issues.values()].flat().find((c) => c.id === Number(m?.[1]));
        if (comment === undefined) return send(res, 404, { message: 'Not Found' });
        if (comment.user.login !== who.login) return send(res, 403, { message: 'Must have admin rights to Repository.' });
        const body = bodyOf(raw);
        if (body === undefined) return send(res, 422, { message: 'Validation Failed' });
        if (body.length > 65_536) return send(res, 422, { message: 'Validation Failed: body is too long (maximum is 65536 characters)' });
        comment.body = body;
        return send(res, 200, comment);
      }
      return send(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;

  return {
    url,
    comments: (issue) => listOf(issue).map((c) => ({ ...c })),
    issues: () => issueList.map((i) => ({ ...i, labels: i.labels.map((l) => ({ ...l })) })),
    seedIssue: (issue) => {
      const made: FakeIssue = { ...issue, number: nextIssue++, state_reason: null };
      issueList.push(made);
      return { ...made };
    },
    seed: (issue, body, user) => {
      const comment = { id: nextId++, body, user };
      listOf(issue).push(comment);
      return comment;
    },
    requests,
    fail: (method, path, status, message) => void failures.push({ method, path, status, message }),
    drop: (method, path) => void drops.push({ method, path }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}

function jsonOf(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function bodyOf(raw: string): string | undefined {
  try {
    const body = (JSON.parse(raw) as { body?: unknown }).body;
    return typeof body === 'string' ? body : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(json));
}
