import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { backfillTree } from '../../api/src/audit-log';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { exitWithFailure } from '../cli/cli-failure';
import { loadDotenvLikeTheApi } from '../dev-services/load-dotenv';
import { useServicesForCli } from '../dev-services/services-for-cli';

const USAGE = `Usage: npm run audit:tree-backfill
  Builds the audit Merkle tree over events sealed before it existed (docs/audit-log.md), in
  chunks, each in its own transaction under the seal lock. Idempotent and resumable: it goes on
  from wherever the tree stands. Progress on stderr; prints {treeSize, chainSize} as JSON.
  The sealer also catches up by itself (10,000 leaves per batch); this is the fast way.`;

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenvLikeTheApi();
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const dataSource = await new DataSource(
    typeormOptions({
      url: process.env.DATABASE_URL ?? '',
      poolSize: 2,
      connectTimeoutMs: 5000,
      queryTimeoutMs: 600_000,
      applicationName: 'tasktrackr-audit-tree-backfill',
    }),
  ).initialize();
  try {
    const started = Date.now();
    let shown = -1;
    const result = await backfillTree(dataSource, ({ treeSize, chainSize }) => {
      const percent = chainSize === 0 ? 100 : Math.floor((treeSize / chainSize) * 100);
      if (percent === shown && treeSize < chainSize) return;
      shown = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      const rate = treeSize / Math.max((Date.now() - started) / 1000, 0.001);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${treeSize}/${chainSize} leaves (${Math.round(rate)}/s)`,
      );
    });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => exitWithFailure('audit:tree-backfill', error),
);
