import { cpus, platform, release, totalmem } from 'node:os';

/** Cores, CPU model, RAM and OS, for the report's machine line. */
export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cores.length} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`;
}

/** libuv's thread pool size in this process and its children (argon2 hashes there). */
export function threadpoolSize(): number {
  const size = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? size : 4;
}
