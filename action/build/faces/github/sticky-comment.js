/**
 * Keeps one comment per marker on a pull request: updates ours when there is one, creates it
 * otherwise (unless `createIfMissing` is false). Ours means the first line is the marker and the
 * author is the token's user; for a token without a user (the default `github.token`), a bot. So a
 * person quoting the marker never gets their comment overwritten.
 */
export async function upsertComment(port, marker, body, createIfMissing) {
    const marked = (await port.list()).filter((c) => firstLine(c.body) === marker);
    // Who the token is costs a request: asked only when there is a marked comment to judge.
    const login = marked.length === 0 ? undefined : await port.tokenLogin();
    const ours = marked.find((c) => (login === undefined ? c.author?.type === 'Bot' : c.author?.login === login));
    if (ours !== undefined) {
        if (normalise(ours.body) === normalise(body))
            return { kind: 'unchanged', id: ours.id };
        await port.update(ours.id, body);
        return { kind: 'updated', id: ours.id };
    }
    if (!createIfMissing)
        return { kind: 'skipped' };
    await port.create(body);
    return { kind: 'created' };
}
function firstLine(body) {
    const end = body.indexOf('\n');
    return (end === -1 ? body : body.slice(0, end)).trimEnd();
}
/** GitHub may store a body with CRLF line ends. */
function normalise(body) {
    return body.replace(/\r\n/g, '\n');
}
