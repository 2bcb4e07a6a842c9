// The zone corpus (shared/fixtures/zone-corpus/): test zones of BIND 9 and Knot DNS, each a case for the
// differential test, and how BIND's `named-checkzone` and Knot's `kzonecheck` judge a case.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(import.meta.dirname, '../fixtures/zone-corpus');

/** One entry of `sources.json`: a file, where it comes from, the origin its project loads it with. */
interface Source {
  readonly file: string;
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  readonly origin: string;
  /** A scanner test file of many independent records: each record becomes a zone of its own. */
  readonly split?: boolean;
}

/** One zone to judge: its bytes, its origin, a name saying where it comes from. */
export interface CorpusCase {
  readonly id: string;
  readonly origin: string;
  readonly bytes: Buffer;
}

export function corpusSources(): readonly Source[] {
  return JSON.parse(readFileSync(join(CORPUS, 'sources.json'), 'utf8')) as Source[];
}

/** Every case of the corpus: whole files, and the records of the split files one by one. */
export function corpusCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const s of corpusSources()) {
    const bytes = readFileSync(join(CORPUS, s.file));
    if (!s.split) {
      out.push({ id: s.file, origin: s.origin, bytes });
      continue;
    }
    splitRecords(bytes).forEach((zone, i) => out.push({ id: `${s.file}#${i + 1}`, origin: s.origin, bytes: zone }));
  }
  return out;
}

/**
 * A scanner test file (Knot's `tests/libzscanner/data/*.in`: `$ORIGIN .`, `$TTL`, then one record per test) as one
 * zone per record: the directives read so far, an apex (SOA, NS and the name server's address) and the record, with
 * its parentheses, multi-line strings and comment. Read as octets (latin1 keeps every byte).
 */
export function splitRecords(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const header: string[] = [];
  const zones: Buffer[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    let depth = 0;
    let quoted = false;
    let data = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
        i++;
        data = true;
      } else if (quoted) {
        if (c === '"') quoted = false;
      } else if (c === '"') {
        quoted = data = true;
      } else if (c === ';') {
        while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      } else if (c === '(') {
        depth++;
        data = true;
      } else if (c === ')') {
        depth--;
      } else if (c === '\n') {
        if (depth <= 0) break;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') {
        data = true;
      }
    }
    i++;
    const entry = text.slice(start, Math.min(i, text.length));
    if (!data) continue;
    if (entry.startsWith('$')) {
      header.push(entry.endsWith('\n') ? entry : `${entry}\n`);
      continue;
    }
    const apex = '. SOA ns. hostmaster. 1 3600 600 86400 60\n. NS ns.\nns. A 192.0.2.1\n';
    zones.push(Buffer.from(`${header.join('')}${apex}${entry.endsWith('\n') ? entry : `${entry}\n`}`, 'latin1'));
  }
  return zones;
}

/** Whether both reference tools are installed (setup.sh installs them: bind9-utils, knot-dnssecutils). */
export function haveServers(): boolean {
  return spawnSync('sh', ['-c', 'command -v named-checkzone && command -v kzonecheck'], { stdio: 'ignore' }).status === 0;
}

/** What one tool said of a case: loaded or not, and its words. */
export interface Judgement {
  readonly ok: boolean;
  readonly output: string;
}

function run(cmd: string, args: readonly string[], cwd: string): Promise<Judgement> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('latin1')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ ok: code === 0, output: output.slice(0, 4000) });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, output: String(e) });
    });
  });
}

/**
 * `named-checkzone -i local ORIGIN FILE` (integrity checks inside the zone, no lookups; check-names as it ships:
 * fail) and `kzonecheck -o ORIGIN FILE` (its semantic checks) on each case, `parallel` at a time; files go to `dir`.
 */
export async function judgeWithServers(cases: readonly CorpusCase[], dir: string, parallel = 2): Promise<{ bind: Judgement; knot: Judgement }[]> {
  mkdirSync(dir, { recursive: true });
  const out: { bind: Judgement; knot: Judgement }[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const k = next++;
      const c = cases[k]!;
      const file = join(dir, `case-${k}.zone`);
      writeFileSync(file, c.bytes);
      const bind = await run('named-checkzone', ['-i', 'local', c.origin, file], dir);
      const knot = await run('kzonecheck', ['-o', c.origin, file], dir);
      out[k] = { bind, knot };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}
