import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { findAuditSigningKey, publicKeyIdOf, SIGNING_KEY_FILE_NAME } from '../../audit/chain/signing-key';
import { verifyExport } from '../../audit/export/verify-export';
import { getConfig } from '../../config';
import type { AdminIo } from './admin-context';
import { InvalidInputError } from './usage';

const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_KEY_BYTES = 64 * 1024;

interface TrustedKey {
  readonly key: KeyObject;
  /** Where it came from, for the report. */
  readonly source: string;
}

/**
 * `verify-export <file> <manifest> [--public-key <pem file>]`, offline: no database is opened, and
 * with --public-key not even the configuration is read. Exit 0 when the file is exactly what the
 * signed manifest describes, 1 naming the first mismatch, 2 when a file or the key cannot be read.
 */
export async function verifyExportCommand(io: AdminIo, args: readonly string[], publicKeyFile: string | undefined): Promise<number> {
  const [file = '', manifestFile = ''] = args;
  const trusted = publicKeyFile === undefined ? consoleKey() : await keyFromFile(publicKeyFile);
  const manifestText = await readText(manifestFile, 'manifest', MAX_MANIFEST_BYTES);
  await mustBeFile(file, 'export file');
  const result = await verifyExport(manifestText, createReadStream(file), trusted.key);
  if (!result.ok) {
    io.err(`Export problem: ${result.error.message}`);
    io.err(`Checked ${file} against ${manifestFile} with ${trusted.source}.`);
    return 1;
  }
  const { manifest: m, keyId } = result.data;
  const span = m.firstSeq === null ? 'no seq' : `seq ${m.firstSeq}–${m.lastSeq}`;
  io.out(`Export OK: ${m.rowCount} rows, ${span}, through ${m.through}, signed by key ${keyId}`);
  io.out(`Checked with ${trusted.source}.`);
  io.out(
    'The public key written inside a manifest proves nothing by itself (anyone can sign with a key of their own); ' +
      'the check above used only the key named here. Make sure it is the key you obtained from the console and trust.',
  );
  return 0;
}

/** The console's own key: AUDIT_SIGNING_KEY, or the key file in the data folder (never created here). */
function consoleKey(): TrustedKey {
  const config = getConfig();
  const key = findAuditSigningKey();
  if (!key) {
    throw new InvalidInputError(
      `No key to check against: this console has no signing key in ${config.dataDir}. Pass --public-key <file> with the console's public key (PEM).`,
    );
  }
  const from = config.auditSigningKey ? 'AUDIT_SIGNING_KEY' : path.join(config.dataDir, SIGNING_KEY_FILE_NAME);
  return { key: key.publicKey, source: `this console's own signing key, key ${key.keyId} (from ${from})` };
}

async function keyFromFile(file: string): Promise<TrustedKey> {
  const text = await readText(file, 'public key file', MAX_KEY_BYTES);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new InvalidInputError(`${file} does not hold a public key in PEM form ("-----BEGIN PUBLIC KEY-----").`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidInputError(`${file} holds a ${key.asymmetricKeyType ?? 'non-Ed25519'} key; the console signs with Ed25519.`);
  }
  return { key, source: `the public key in ${file}, key ${publicKeyIdOf(key)}` };
}

async function readText(file: string, what: string, maxBytes: number): Promise<string> {
  const size = await mustBeFile(file, what);
  // The export itself passed by mistake would otherwise be read whole into memory.
  if (size > maxBytes) throw new InvalidInputError(`The ${what} ${file} is too large to be one (${size} bytes); check the order: <file> <manifest>.`);
  return readFile(file, 'utf8');
}

async function mustBeFile(file: string, what: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new InvalidInputError(`The ${what} ${file} cannot be read: there is no such file.`);
  if (!info.isFile()) throw new InvalidInputError(`The ${what} ${file} is not a file.`);
  return info.size;
}
