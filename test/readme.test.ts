/**
 * The README is what the npm page shows: short enough to read, and with links
 * that resolve there. npm renders it without the repository around it, so a
 * relative link to a file (`docs/flows.md`, `src/errors.ts`, an image) breaks;
 * links to the repository are absolute, to the URL in package.json.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const REPOSITORY = 'https://github.com/gocardless-bankaccountdata/gocardless-bankaccountdata';

/** Every link target of a Markdown text outside code: `[text](target)`, `[ref]: target`, and `src=` / `href=` of inline HTML. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...prose.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ];
}

/** A target that leaves the page for a path relative to wherever the page is shown. */
const relative = (target: string) => !/^(#|[a-z][a-z0-9+.-]*:)/i.test(target);

it('package.json names the repository the README links to', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')).toBe(REPOSITORY);
});

it('README.md is at most 300 lines', () => {
  expect(README.split('\n').length).toBeLessThanOrEqual(300);
});

it('README.md has no relative link to a repository file (they break on the npm page)', () => {
  expect(linkTargets(README).filter(relative)).toEqual([]);
});

it('the link check sees Markdown links, reference links and HTML attributes, and not code', () => {
  const sample = ['[a](docs/a.md) [b](#b) [c](https://x.example/c)', '[d]: ./d.md', '<img src="docs/i.png"> `[e](e.md)`', '```md', '[f](f.md)', '```'].join(
    '\n',
  );
  expect(linkTargets(sample).filter(relative)).toEqual(['docs/a.md', './d.md', 'docs/i.png']);
});

it("each of README.md's links into the repository names a file it has on main", () => {
  const blob = new RegExp(`^${REPOSITORY}/blob/main/([^#?]+)`);
  const raw = new RegExp(`^https://raw\\.githubusercontent\\.com/${REPOSITORY.split('/').slice(-2).join('/')}/main/([^#?]+)`);
  const files = linkTargets(README)
    .map((t) => blob.exec(t)?.[1] ?? raw.exec(t)?.[1])
    .filter((f): f is string => f !== undefined);
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
});

it("each #anchor link in README.md names one of the README's headings", () => {
  const slug = (heading: string) =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
  const headings = new Set([...README.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
  expect(linkTargets(README).filter((t) => t.startsWith('#') && t.length > 1 && !headings.has(t.slice(1)))).toEqual([]);
});
