const POLL_MS = 500;

/**
 * Calls `onGone` once the process that started this one has exited: npm killed with SIGKILL, a
 * closed terminal, or a shell between npm and us that died of the SIGTERM npm passed it (shells
 * do not pass it on to their child). Without this, the launcher (and the Postgres and Redis it
 * started) would outlive the `npm start` the user stopped. A change of parent pid is the
 * portable sign: the orphan is adopted by init or a subreaper.
 */
export function watchParent(onGone: () => void, pollMs = POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, pollMs);
  timer.unref(); // never the reason the process stays up
  return () => clearInterval(timer);
}
