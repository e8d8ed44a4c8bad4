/** A comment on a pull request, as the listing gives it. */
export interface IssueComment {
  id: number;
  body: string;
  /** Undefined for a deleted ("ghost") account. */
  author: { login: string; type: string } | undefined;
}

/** What the sticky comment needs from GitHub, for one pull request. */
export interface CommentsPort {
  /** Every comment, oldest first. */
  list(): Promise<IssueComment[]>;
  create(body: string): Promise<void>;
  update(id: number, body: string): Promise<void>;
  /** The login of the token's user; undefined for a token that has none (the default `github.token`, an app's token). */
  tokenLogin(): Promise<string | undefined>;
}

/** What happened to the comment. */
export type CommentResult = { kind: 'created' } | { kind: 'updated'; id: number } | { kind: 'unchanged'; id: number } | { kind: 'skipped' };

/**
 * Keeps one comment per marker on a pull request: updates ours when there is one, creates it
 * otherwise (unless `createIfMissing` is false). Ours means the first line is the marker and the
 * author is the token's user; for a token without a user (the default `github.token`), a bot. So a
 * person quoting the marker never gets their comment overwritten.
 */
export async function upsertComment(port: CommentsPort, marker: string, body: string, createIfMissing: boolean): Promise<CommentResult> {
  const marked = (await port.list()).filter((c) => firstLine(c.body) === marker);
  // Who the token is costs a request: asked only when there is a marked comment to judge.
  const login = marked.length === 0 ? undefined : await port.tokenLogin();
  const ours = marked.find((c) => (login === undefined ? c.author?.type === 'Bot' : c.author?.login === login));
  if (ours !== undefined) {
    if (normalise(ours.body) === normalise(body)) return { kind: 'unchanged', id: ours.id };
    await port.update(ours.id, body);
    return { kind: 'updated', id: ours.id };
  }
  if (!createIfMissing) return { kind: 'skipped' };
  await port.create(body);
  return { kind: 'created' };
}

function firstLine(body: string): string {
  const end = body.indexOf('\n');
  return (end === -1 ? body : body.slice(0, end)).trimEnd();
}

/** GitHub may store a body with CRLF line ends. */
function normalise(body: string): string {
  return body.replace(/\r\n/g, '\n');
}
