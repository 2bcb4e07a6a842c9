// The zone and policy files of the workspace folders, opened or not: the cross-file facts (MX hosts by domain,
// policies by domain) come from here. Files are found by name; the index is updated by didChangeWatchedFiles and
// by the open documents, whose text wins over the disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineKey, detectKind, editTouches, parsePolicy, parseZone, policyContent, policyDomainFromPath, typeCode, zoneMxHosts, zoneStsIds, type DocumentKind, type Zone } from '@sts-lens/shared';

export interface IndexedFile {
  readonly uri: string;
  readonly path: string;
  readonly kind: 'policy' | 'zone';
  readonly text: string;
  /** Zone files: MX hosts by domain. */
  readonly mx: ReadonlyMap<string, readonly string[]>;
  /** Zone files: the `_mta-sts` records with an id, by domain. */
  readonly stsIds: readonly { readonly domain: string; readonly id: string }[];
  /** The parse the facts were read from (not kept alive by the index). */
  readonly zone: WeakRef<Zone> | null;
  /** How `mx` and `stsIds` are read: once, on first use. */
  readonly facts: ZoneFacts;
}

interface ZoneFacts {
  /** Whether a parse is still held to read a fact from. */
  holds(): boolean;
  mx(): ReadonlyMap<string, readonly string[]>;
  stsIds(): readonly { readonly domain: string; readonly id: string }[];
}

const emptyFacts: ZoneFacts = { holds: () => false, mx: () => new Map(), stsIds: () => [] };

/** A zone's cross-file facts, each computed on first use (holding the parse until then). */
function zoneFacts(zone: Zone): ZoneFacts {
  let z: Zone | null = zone;
  let mx: ReadonlyMap<string, readonly string[]> | null = null;
  let sts: readonly { readonly domain: string; readonly id: string }[] | null = null;
  const drop = () => {
    if (mx && sts) z = null;
  };
  return {
    holds: () => z !== null,
    mx() {
      if (!mx) {
        mx = zoneMxHosts(z!);
        drop();
      }
      return mx;
    },
    stsIds() {
      if (!sts) {
        sts = zoneStsIds(z!).map(({ domain, id }) => ({ domain, id }));
        drop();
      }
      return sts;
    },
  };
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.hg', '.svn']);
/** MX and TXT: the records whose facts (MX hosts, `_mta-sts` ids) other files read. */
const MAIL_TYPES = [typeCode('MX'), typeCode('TXT')];
const MAX_FILES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;

/** The indexable kind of a path, by name only. */
export function indexKind(path: string): 'policy' | 'zone' | null {
  const k: DocumentKind | null = detectKind(path, '');
  return k === 'policy' || k === 'zone' ? k : null;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly seen = new Map<string, string>();

  /**
   * The policy content first seen with each (domain, `_mta-sts` id), by `baselineKey`: what `workspace/id-not-bumped`
   * compares the current policy with. A pair is remembered once, when the index first holds both a zone with that id
   * and a policy for the domain, and never updated: bumping the id makes a new pair, which takes the policy as it is then.
   */
  get baselines(): ReadonlyMap<string, string> {
    return this.seen;
  }

  /** Remember the policy of every (domain, id) pair not seen before; `domainOf` tells a policy file's domain. */
  noteBaselines(domainOf: (path: string) => string | null): void {
    // Without a policy file no pair can be noted (and a zone's `_mta-sts` ids need not be read).
    if (!this.policies().some((p) => domainOf(p.path) !== null)) return;
    let policies: Map<string, string> | null = null;
    for (const f of this.files.values()) {
      for (const s of f.stsIds) {
        const key = baselineKey(s.domain, s.id);
        if (this.seen.has(key)) continue;
        if (!policies) {
          policies = new Map();
          for (const p of this.files.values()) {
            const d = p.kind === 'policy' ? domainOf(p.path) : null;
            if (d && !policies.has(d)) policies.set(d, policyContent(parsePolicy(p.text, { frontMatter: true }).effective));
          }
        }
        const content = policies.get(s.domain);
        if (content !== undefined) this.seen.set(key, content);
      }
    }
  }

  /** Walk the folders for zone and policy files (bounded: a home directory opened as a folder must not hang us). */
  scan(folders: readonly string[]): void {
    let seen = 0;
    const walk = (dir: string, depth: number) => {
      if (depth > 8 || seen >= MAX_FILES) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (seen >= MAX_FILES) return;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) walk(p, depth + 1);
        } else if (e.isFile() && indexKind(p)) {
          seen++;
          this.update(p);
        }
      }
    };
    for (const f of folders) walk(f, 0);
  }

  /** Read (or re-read) a file from disk; drops it when unreadable or no longer indexable. */
  update(path: string): void {
    const kind = indexKind(path);
    const uri = pathToFileURL(path).href;
    if (!kind) return;
    try {
      if (statSync(path).size > MAX_BYTES) return;
      this.set(uri, path, kind, readFileSync(path, 'utf8'));
    } catch {
      this.files.delete(uri);
    }
  }

  /**
   * Index a file's text (`zone`: its parse, when the caller has one); whether what other files read of it changed. A
   * zone re-read after an edit that touched no MX and no TXT record keeps the facts of the version before (a keystroke
   * in a 100k-record zone need not look for MX records again).
   */
  set(uri: string, path: string, kind: 'policy' | 'zone', text: string, zone?: Zone): boolean {
    const prev = this.files.get(uri);
    if (prev && prev.text === text && prev.kind === kind) return false;
    const z = kind === 'zone' ? (zone ?? parseZone(text, { path })) : null;
    const kept = z !== null && prev?.kind === 'zone' && z.edit !== undefined && prev.zone?.deref() === z.edit.previous.deref() && !editTouches(z, MAIL_TYPES);
    // The facts are read on first use (a policy in the workspace asks for them): a zone edited with no policy around
    // never looks for its MX records. Kept facts come from the version before when it read them all, else lazily from
    // this parse (the same facts; an older parse is not kept alive for them).
    const facts = kept && !prev.facts.holds() ? prev.facts : z ? zoneFacts(z) : emptyFacts;
    this.files.set(uri, {
      uri, path, kind, text, facts,
      get mx() {
        return facts.mx();
      },
      get stsIds() {
        return facts.stsIds();
      },
      zone: z ? new WeakRef(z) : null,
    });
    return !kept;
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  all(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  /** MX hosts of `domain` in every indexed zone file, in order, without duplicates. */
  mxHostsOf(domain: string): string[] {
    const out: string[] = [];
    for (const f of this.files.values()) for (const h of f.mx.get(domain) ?? []) if (!out.includes(h)) out.push(h);
    return out;
  }

  /** Zone files holding MX records or an `_mta-sts` record of `domain`. */
  zonesFor(domain: string): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.kind === 'zone' && (f.mx.has(domain) || f.stsIds.some((s) => s.domain === domain)));
  }

  policies(): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.kind === 'policy');
  }

  /** The domain of a policy file from its path (`example.com/mta-sts.txt`). */
  static policyDomain(path: string): string | null {
    return policyDomainFromPath(path);
  }
}
