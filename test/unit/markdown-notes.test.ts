// The notes plan and drift put under their Markdown summary (an apply holding a pool's lease) carry text
// another run wrote into the pool: nothing in them may mention, link, break out of the note or hide.
import { describe, expect, it } from 'vitest';
import { notesSection } from '../../src/faces/render/markdown.js';
import { renderDriftMarkdown } from '../../src/faces/render/drift-markdown.js';

describe('the notes under a Markdown summary', () => {
  it('are one note block, a paragraph per note, and nothing when there are none', () => {
    expect(notesSection([])).toBe('');
    expect(notesSection(['one', 'two'])).toBe('\n> [!NOTE]\n> one\n>\n> two\n');
  });

  it('escape what another run wrote: mentions, references, links, HTML, new lines and controls', () => {
    const out = notesSection(['held by @acme/admins on host #12 [x](https://evil.example) <img src=x>\n## not a title\u202e']);
    expect(out.split('\n')).toHaveLength(4);
    expect(out).not.toMatch(/@acme/);
    expect(out).not.toMatch(/(^|[^\\])#12/);
    expect(out).not.toContain('https://');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('\u202e');
    expect(out).toContain('\\[x\\]');
  });

  it('come right under the drift summary', () => {
    const md = renderDriftMarkdown({ pools: [] }, { notes: ['an apply is running'] });
    expect(md).toMatch(/\*\*[^\n]+\*\*\n\n> \[!NOTE\]\n> an apply is running\n/);
  });
});
