// The REST client's paging: the next page from the Link header, and never a link outside the API URL.
import { describe, expect, it } from 'vitest';
import { GitHubApi, nextLink } from '../../src/faces/github/github-api.js';
import { startFakeGitHub } from './fake-github.js';

describe('Link header', () => {
  it('gives the next page, whatever the order and spacing of the relations', () => {
    expect(nextLink('<https://api.github.com/x?page=3>; rel="last", <https://api.github.com/x?page=2>; rel="next"')).toBe('https://api.github.com/x?page=2');
    expect(nextLink('<https://h/x?page=2>;rel=next')).toBe('https://h/x?page=2');
    expect(nextLink('<https://h/x?page=1>; rel="prev first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});

describe('API links', () => {
  it('are followed only under the API URL, so the token never goes elsewhere', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string | URL | Request) => {
      seen.push(String(url));
      return new Response('[]', { status: 200, headers: { link: '<https://elsewhere.example/api/v3/repos/a/b/issues/1/comments?page=2>; rel="next"' } });
    }) as typeof fetch;
    const api = new GitHubApi('https://ghe.example/api/v3/', 'token', fetchImpl);
    await expect(api.list('/repos/a/b/issues/1/comments')).rejects.toThrow('GitHub API: refusing to follow a link outside https://ghe.example/api/v3: https://elsewhere.example/');
    expect(seen).toEqual(['https://ghe.example/api/v3/repos/a/b/issues/1/comments?per_page=100']);
  });
});

describe('API errors', () => {
  it('name the method, path, status, GitHub\'s message and the likely fix', async ({ onTestFinished }) => {
    const github = await startFakeGitHub();
    onTestFinished(() => github.close());
    const api = new GitHubApi(github.url, 'ghp_revoked');
    await expect(api.request('POST', '/repos/acme/groups/issues/1/comments', { body: 'x' })).rejects.toMatchObject({
      code: 'GITHUB_API',
      method: 'POST',
      path: '/repos/acme/groups/issues/1/comments',
      status: 401,
      message: 'GitHub API POST /repos/acme/groups/issues/1/comments: 401 Unauthorized: Bad credentials (the github-token input is not a valid token)',
    });
  });
});
