// The TextMate grammars, through vscode-tmgrammar-test (vscode-textmate + Oniguruma, as VS Code tokenizes), on the
// fixtures under test/grammar/: each fixture carries its scope assertions. The grammars are found the way VS Code
// finds them, through package.json's `contributes.grammars`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const unit = join(dirname(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');

function grammarTest(glob: string) {
  const r = spawnSync(process.execPath, [unit, '--compact', glob], { cwd: pkgDir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('TextMate grammars', () => {
  it('scope the policy fixture: keys, values, invalid keys and values', () => {
    const r = grammarTest('test/grammar/policy.mta-sts');
    expect(r.out).toContain('policy.mta-sts');
    expect(r.out).not.toMatch(/fail|missing required|prohibited/i);
    expect(r.status).toBe(0);
  });

  it('scope the zone fixture, with `;` inside a quoted TXT string not a comment', () => {
    const r = grammarTest('test/grammar/example.zone');
    expect(r.out).toContain('example.zone');
    expect(r.out).not.toMatch(/fail|missing required|prohibited/i);
    expect(r.status).toBe(0);
  });

  it('fail a fixture that claims the `;` inside quotes starts a comment (the assertions are read)', () => {
    const r = grammarTest('test/grammar-must-fail/semicolon-in-string.zone');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('semicolon-in-string.zone:2:18:38 Missing required scopes: [ comment.line.semicolon.dns-zone ] actual scopes: [source.dns-zone string.quoted.double.dns-zone]');
  });
});
