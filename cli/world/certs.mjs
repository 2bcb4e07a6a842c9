// @ts-check
// The world's test PKI, made with the openssl command at start-up: a CA, one key shared by all leaves, and a
// certificate per name. Nothing is kept between runs.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * @typedef {object} Pki
 * @property {string} caFile PEM file of the test CA
 * @property {string} caKey its private key
 * @property {string} leafKey the private key every leaf certificate uses
 * @property {string} dir where the files are
 */

/** Run openssl with `args` in `cwd`; a failure names the command and openssl's complaint. */
async function openssl(/** @type {string} */ bin, /** @type {string} */ cwd, /** @type {string[]} */ args) {
  try {
    await run(bin, args, { cwd });
  } catch (e) {
    const err = /** @type {{ stderr?: string, message: string }} */ (e);
    throw new Error(`openssl ${args[0]} failed: ${(err.stderr || err.message).trim().split('\n').slice(-3).join(' ')}`);
  }
}

/** Make the test CA and the shared leaf key in `dir`. */
export async function makePki(/** @type {string} */ bin, /** @type {string} */ dir) {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  const leafKey = join(dir, 'leaf.key');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await Promise.all([
    openssl(bin, dir, [
      'req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '400',
      '-subj', `/O=STS Lens test world/CN=STS Lens test CA ${process.pid}-${Date.now()}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]),
    openssl(bin, dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', leafKey]),
  ]);
  /** @type {Pki} */
  const pki = { caFile, caKey, leafKey, dir };
  return pki;
}

const LEAF_EXTENSIONS = ['-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth'];

/**
 * A certificate signed by the test CA for `names` (DNS names, or IP addresses prefixed `IP:`), written to `out`,
 * valid from now for `days` days (a few days: the expiring-soon case).
 */
export async function issue(/** @type {string} */ bin, /** @type {Pki} */ pki, /** @type {string[]} */ names, /** @type {string} */ out, days = 7) {
  const san = names.map((n) => (n.startsWith('IP:') ? n : `DNS:${n}`)).join(',');
  await openssl(bin, pki.dir, [
    'req', '-x509', '-new', '-key', pki.leafKey, '-CA', pki.caFile, '-CAkey', pki.caKey, '-days', String(days),
    '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${san}`, ...LEAF_EXTENSIONS, '-out', out,
  ]);
  return out;
}

/** A certificate signed by the test CA naming `name` in its subject CN only, with no subjectAltName. */
export async function cnOnly(/** @type {string} */ bin, /** @type {Pki} */ pki, /** @type {string} */ name, /** @type {string} */ out) {
  await openssl(bin, pki.dir, [
    'req', '-x509', '-new', '-key', pki.leafKey, '-CA', pki.caFile, '-CAkey', pki.caKey, '-days', '90',
    '-subj', `/CN=${name}`, ...LEAF_EXTENSIONS, '-out', out,
  ]);
  return out;
}

/**
 * A certificate for `name` issued by an intermediate CA (itself signed by the test CA) that is written nowhere the
 * server can send it: served alone, the chain does not reach the test CA.
 */
export async function viaIntermediate(/** @type {string} */ bin, /** @type {Pki} */ pki, /** @type {string} */ name, /** @type {string} */ out) {
  const key = join(pki.dir, `intermediate-${name}.key`);
  const cert = join(pki.dir, `intermediate-${name}.pem`);
  await openssl(bin, pki.dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  await openssl(bin, pki.dir, [
    'req', '-x509', '-new', '-key', key, '-CA', pki.caFile, '-CAkey', pki.caKey, '-days', '90',
    '-subj', '/O=STS Lens test world/CN=STS Lens test intermediate', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', cert,
  ]);
  await openssl(bin, pki.dir, [
    'req', '-x509', '-new', '-key', pki.leafKey, '-CA', cert, '-CAkey', key, '-days', '90',
    '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`, ...LEAF_EXTENSIONS, '-out', out,
  ]);
  return out;
}

/** A self-signed certificate (no CA vouches for it) for `name`. */
export async function selfSigned(/** @type {string} */ bin, /** @type {Pki} */ pki, /** @type {string} */ name, /** @type {string} */ out) {
  await openssl(bin, pki.dir, [
    'req', '-x509', '-new', '-key', pki.leafKey, '-days', '7',
    '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`, ...LEAF_EXTENSIONS, '-out', out,
  ]);
  return out;
}

/**
 * A certificate for `name` signed by the test CA that expired long ago (or, `notYetValid`, whose validity starts a
 * month from now). `openssl req` cannot set the dates, so this goes through `openssl ca` with explicit dates and a
 * throw-away CA database.
 */
export async function expired(/** @type {string} */ bin, /** @type {Pki} */ pki, /** @type {string} */ name, /** @type {string} */ out, notYetValid = false) {
  const stamp = (/** @type {number} */ days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const [start, end] = notYetValid ? [stamp(30), stamp(120)] : ['20200101000000Z', '20200201000000Z'];
  // A database per certificate: several expired certificates are made at once.
  const db = join(pki.dir, `ca-db-${name}`);
  await mkdir(db, { recursive: true });
  await writeFile(join(db, 'index.txt'), '');
  await writeFile(join(db, 'serial'), '1000\n');
  const config = join(db, 'ca.cnf');
  await writeFile(
    config,
    [
      '[ ca ]', 'default_ca = world', '[ world ]', `database = ${join(db, 'index.txt')}`, `new_certs_dir = ${db}`,
      `serial = ${join(db, 'serial')}`, 'default_md = sha256', 'policy = any', 'unique_subject = no',
      'copy_extensions = copy', '[ any ]', 'commonName = supplied', '',
    ].join('\n'),
  );
  const csr = join(db, 'expired.csr');
  await openssl(bin, pki.dir, [
    'req', '-new', '-key', pki.leafKey, '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`,
    ...LEAF_EXTENSIONS, '-out', csr,
  ]);
  await openssl(bin, pki.dir, [
    'ca', '-batch', '-config', config, '-cert', pki.caFile, '-keyfile', pki.caKey, '-in', csr, '-out', out,
    '-startdate', start, '-enddate', end, '-notext',
  ]);
  return out;
}

