// The signing key that fixes a self-hosted extension's ID (Chrome and Edge).
//
//   node scripts/make-key.mjs --out ~/secure/tcg-enterprise.pem   new RSA-2048 key (mode 600)
//   node scripts/make-key.mjs --id ~/secure/tcg-enterprise.pem    ID + manifest "key" of a key
//
// Chrome derives an extension's ID from its public key: the first 32 hex digits of the SHA-256
// of the DER SubjectPublicKeyInfo, each digit 0-f written as a letter a-p. The same key signs the
// CRX and goes (public half, base64) into the manifest's "key", so the packed and the unpacked
// build share one ID, and the policy that names that ID keeps working across updates.
// A Chrome Web Store / Edge Add-ons item has the store's own ID instead (shown on its listing).
//
// The private key is a secret of the organisation that builds the extension: keep it out of this
// repository (this script refuses to write inside it). The e2e tests generate a throw-away key
// per run; no key is committed.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** A new RSA-2048 private key as PKCS#8 PEM. */
export function generateKeyPem() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' });
}

/** DER SubjectPublicKeyInfo of a private or public key PEM. */
export function publicKeyDer(pem) {
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  return key.export({ type: 'spki', format: 'der' });
}

/** The manifest "key" value: base64 of the DER public key. */
export function manifestKey(pem) {
  return publicKeyDer(pem).toString('base64');
}

/** Chrome's extension ID for a DER public key (a Buffer) or a manifest "key" (base64 text). */
export function extensionIdFromPublicKey(der) {
  const bytes = typeof der === 'string' ? Buffer.from(der, 'base64') : der;
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export function extensionIdFromPem(pem) {
  return extensionIdFromPublicKey(publicKeyDer(pem));
}

/** Chrome IDs are 32 letters a-p. */
export function isChromeExtensionId(id) {
  return /^[a-p]{32}$/.test(id);
}

function insideRepo(path) {
  const rel = relative(REPO, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

function usage() {
  console.error('usage: node scripts/make-key.mjs --out <file.pem>   |   node scripts/make-key.mjs --id <file.pem>');
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, file] = process.argv.slice(2);
  if (!file || (flag !== '--out' && flag !== '--id')) usage();
  if (flag === '--out') {
    if (insideRepo(file)) {
      console.error(`refusing to write a private key inside the repository (${file}): keep it where your secrets live`);
      process.exit(1);
    }
    if (existsSync(file)) {
      console.error(`${file} exists; not overwriting a key (its extension ID would change)`);
      process.exit(1);
    }
    const pem = generateKeyPem();
    writeFileSync(file, pem, { mode: 0o600 });
    chmodSync(file, 0o600);
    console.log(`wrote ${file} (keep it secret and backed up: losing it means a new extension ID)`);
  }
  const pem = readFileSync(file, 'utf8');
  console.log(`extension ID:    ${extensionIdFromPem(pem)}`);
  console.log(`manifest "key":  ${manifestKey(pem)}`);
}
