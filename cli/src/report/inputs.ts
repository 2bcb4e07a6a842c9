import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeUtf8 } from '@sts-lens/shared';
import type { Io } from '../command.ts';
import { describeFsError, walkFiles } from '../walk.ts';
import { gunzipCapped, isGzip, MAX_REPORT_BYTES, mib } from './gzip.ts';
import { looksLikeMail, reportAttachments } from './mime.ts';

/** One report's JSON text and the name it is shown under (`mail.eml (report.json.gz)` for an attachment). */
export interface ReportText {
  readonly path: string;
  readonly text: string;
}

/** File names a directory search picks up. */
export const REPORT_NAMES = '*.json, *.json.gz, *.gz, *.eml, *.mbox';
const REPORT_FILE = /\.(?:json|gz|eml|mbox)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Mail carries base64 (4/3 of the bytes) and other parts: it may be larger than the report it holds. */
const MAX_MAIL_BYTES = 2 * MAX_REPORT_BYTES;

/**
 * Every report named on the command line, one at a time (so memory holds one report, not all): files, directories
 * searched for report names, `-` for standard input; gzip and mail are unpacked. Paths that cannot be used go to
 * `problem` as one sentence each. A mail without a report found by a folder scan, or one mail of an mbox that holds
 * others with reports (a bounce in the reports mailbox), is skipped through `warn`: it is no reason to fail the run.
 */
export async function* reportTexts(args: readonly string[], io: Io, problem: (message: string) => void, warn: (message: string) => void = problem): AsyncGenerator<ReportText> {
  const seen = new Set<string>();
  for (const arg of args) {
    if (arg === '-') {
      if (seen.has('-')) continue;
      seen.add('-');
      let bytes: Uint8Array;
      try {
        bytes = await io.readStdin();
      } catch (e) {
        problem(`<stdin>: ${describeFsError(e)}`);
        continue;
      }
      yield* unpack('<stdin>', bytes, problem, warn, false);
      continue;
    }
    const absPath = resolve(io.cwd, arg);
    let files: { path: string; absPath: string }[];
    let scanned = false;
    try {
      if ((await stat(absPath)).isDirectory()) {
        files = [];
        scanned = true;
        await walkFiles(arg, absPath, (f) => {
          if (REPORT_FILE.test(f.name)) files.push({ path: f.path, absPath: f.absPath });
        }, problem);
        if (files.length === 0) problem(`${arg}: no report files found (known names: ${REPORT_NAMES})`);
      } else {
        files = [{ path: arg, absPath }];
      }
    } catch (e) {
      problem(`${arg}: ${describeFsError(e)}`);
      continue;
    }
    for (const f of files) {
      if (seen.has(f.absPath)) continue;
      seen.add(f.absPath);
      let bytes: Uint8Array;
      try {
        const size = (await stat(f.absPath)).size;
        if (size > MAX_MAIL_BYTES) {
          problem(`${f.path}: ${mib(size)} is more than any report or mail needs (limit ${mib(MAX_MAIL_BYTES)}); not read`);
          continue;
        }
        bytes = await readFile(f.absPath);
      } catch (e) {
        problem(`${f.path}: ${describeFsError(e)}`);
        continue;
      }
      yield* unpack(f.path, bytes, problem, warn, scanned);
    }
  }
}

/**
 * Bytes → report texts: gzip is decompressed (capped), mail gives its attachments, anything else is read as JSON.
 * `scanned`: the file was found in a folder rather than named, so a mail without a report is only a warning.
 */
function* unpack(path: string, bytes: Uint8Array, problem: (message: string) => void, warn: (message: string) => void, scanned: boolean): Generator<ReportText> {
  if (isGzip(bytes)) {
    const text = gunzippedText(path, bytes, problem);
    if (text !== null) yield { path, text };
    return;
  }
  const head = Buffer.from(bytes.subarray(0, 65536)).toString('latin1');
  if (!/^(?:\uFEFF|\xEF\xBB\xBF)?\s*[{[]/.test(head) && looksLikeMail(head)) {
    const mail = reportAttachments(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
    if (mail.attachments.length === 0) {
      const message = `${path}: no TLS-RPT report attached to ${mail.messages === 1 ? 'the mail' : `any of ${mail.messages} mails`} (looked for application/tlsrpt+gzip, application/tlsrpt+json and *.json / *.gz files)`;
      if (scanned) warn(`${message}; skipped`);
      else problem(message);
      return;
    }
    if (mail.without.length > 0) {
      const which = mail.without.length > 10 ? `${mail.without.slice(0, 10).join(', ')} and ${mail.without.length - 10} more` : mail.without.join(', ');
      warn(`${path}: ${mail.without.length === 1 ? `mail ${which}` : `mails ${which}`} of ${mail.messages} carr${mail.without.length === 1 ? 'ies' : 'y'} no TLS-RPT report; skipped`);
    }
    for (const a of mail.attachments) {
      const name = `${path} (${a.name})`;
      if (isGzip(a.bytes)) {
        const text = gunzippedText(name, a.bytes, problem);
        if (text !== null) yield { path: name, text };
      } else if (a.bytes.length > MAX_REPORT_BYTES) {
        problem(`${name}: larger than ${mib(MAX_REPORT_BYTES)}; not read`);
      } else {
        yield { path: name, text: decodeUtf8(a.bytes).text };
      }
    }
    return;
  }
  if (bytes.length > MAX_REPORT_BYTES) {
    problem(`${path}: larger than ${mib(MAX_REPORT_BYTES)}, more than any report needs; not read`);
    return;
  }
  yield { path, text: decodeUtf8(bytes).text };
}

function gunzippedText(path: string, bytes: Uint8Array, problem: (message: string) => void): string | null {
  const out = gunzipCapped(bytes);
  if (!out.ok) {
    problem(`${path}: ${out.message}`);
    return null;
  }
  return decodeUtf8(out.bytes).text;
}
