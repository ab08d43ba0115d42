import { createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { type NamedKey, parseVkey, vkey } from '../../api/src/audit-log';
import { Witness } from './witness';
import { loadWitnessKey } from './witness-key';
import { createWitnessServer } from './witness-server';
import { WitnessStateStore } from './witness-state';

const USAGE = `Usage: npm run audit:witness -- --log-vkey VKEY [--listen HOST:PORT] [--name NAME]
                                   [--key-file FILE] [--state-file FILE]
       npm run audit:witness -- --log-origin ORIGIN --log-public-key key.pem [...]
  A minimal c2sp.org/tlog-witness: POST /add-checkpoint co-signs a checkpoint of a known log
  when it is consistent with the last one it co-signed.
  --log-vkey    the log's verifier key (vkey of GET /api/v1/audit/checkpoints/latest); repeatable
                 (env WITNESS_LOG_VKEYS, one per line or comma separated). Several vkeys of
                 one origin (a log key rotation): a checkpoint signed by any of them is
                 co-signed when consistent with the last one co-signed, whichever key signed that
  --log-origin, --log-public-key
                instead: the log's AUDIT_LOG_ORIGIN and its public key PEM
                 (GET /api/v1/audit/public-key); the vkey is derived and printed
  --listen      address to listen on (env WITNESS_LISTEN, default 127.0.0.1:7380; port 0 = any)
  --name        the witness's key name (env WITNESS_NAME, default tasktrackr-witness)
  --key-file    Ed25519 PKCS#8 PEM, created with mode 0600 when missing
                 (env WITNESS_KEY_FILE, default .data/witness/key.pem; env WITNESS_KEY = PEM)
  --state-file  per log: last co-signed size and root (env WITNESS_STATE_FILE,
                 default .data/witness/state.json)
Prints "witness vkey <vkey>" (configure it as AUDIT_WITNESS_VKEY) and "listening on <url>".`;

function splitAddress(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  const port = Number(listen.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--listen ${listen} is not HOST:PORT`);
  }
  return { host: listen.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'log-vkey': { type: 'string', multiple: true },
      'log-origin': { type: 'string' },
      'log-public-key': { type: 'string' },
      listen: { type: 'string' },
      name: { type: 'string' },
      'key-file': { type: 'string' },
      'state-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const vkeys = values['log-vkey'] ?? (env.WITNESS_LOG_VKEYS ?? '').split(/[\n,]/);
  const logs: NamedKey[] = vkeys
    .filter((line) => line.trim() !== '')
    .map((line) => parseVkey(line));
  if (values['log-origin'] !== undefined || values['log-public-key'] !== undefined) {
    if (!values['log-origin'] || !values['log-public-key']) {
      throw new Error('--log-origin and --log-public-key go together');
    }
    const publicKey = createPublicKey(readFileSync(values['log-public-key']));
    logs.push(parseVkey(vkey(values['log-origin'], publicKey)));
  }
  if (logs.length === 0) throw new Error(`no log verifier key given\n${USAGE}`);
  const stateFile = values['state-file'] ?? env.WITNESS_STATE_FILE ?? '.data/witness/state.json';
  mkdirSync(dirname(stateFile), { recursive: true, mode: 0o700 });
  const witness = new Witness({
    name: values.name ?? env.WITNESS_NAME ?? 'tasktrackr-witness',
    privateKey: loadWitnessKey(
      env.WITNESS_KEY,
      values['key-file'] ?? env.WITNESS_KEY_FILE ?? '.data/witness/key.pem',
    ),
    logs,
    state: new WitnessStateStore(stateFile),
  });
  const { host, port } = splitAddress(values.listen ?? env.WITNESS_LISTEN ?? '127.0.0.1:7380');
  const server = createWitnessServer(witness, {
    info: (message) => console.log(message),
    error: (message) => console.error(message),
  });
  server.listen(port, host, () => {
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    console.log(`witness vkey ${witness.vkey}`);
    for (const log of logs) console.log(`witnessing ${vkey(log.name, log.publicKey)}`);
    console.log(`listening on http://${shownHost}:${address.port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
