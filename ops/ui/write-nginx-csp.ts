import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_UI_BUILD_DIR, findProjectRoot } from '../../api/src/config/admin-ui-dir';
import { adminUiContentSecurityPolicy } from '../../api/src/admin-ui';

/**
 * The nginx directive sending the admin UI's Content-Security-Policy: the very policy the API
 * process sends (api/src/admin-ui/content-security-policy.ts), hashes of the build's inline
 * scripts included, so both ways of serving the UI enforce the same rules.
 */
export function nginxCspDirective(indexHtml: string): string {
  const policy = adminUiContentSecurityPolicy(indexHtml);
  if (/["\\$]/.test(policy)) throw new Error('The policy cannot be quoted for nginx');
  return `add_header Content-Security-Policy "${policy}" always;\n`;
}

/**
 * `ts-node ops/ui/write-nginx-csp.ts [build dir] [output file]`: run by
 * ops/docker/admin-ui.Dockerfile after `npm run build:ui`; nginx.conf includes the file.
 */
function main(): void {
  const dir = process.argv[2] ?? join(findProjectRoot(), ADMIN_UI_BUILD_DIR);
  const output = process.argv[3] ?? join(dir, '..', 'nginx-csp.conf');
  writeFileSync(output, nginxCspDirective(readFileSync(join(dir, 'index.html'), 'utf8')));
  process.stdout.write(`write-nginx-csp: ${output}\n`);
}

if (require.main === module) main();
