/** What global setup hands to global teardown (both run in Jest's parent process). */
export interface TestRunState {
  serverUrl: string;
  database: string;
  services: { redisUrl: string; stop(): Promise<void> };
}

export const RUN_STATE_KEY = '__TASKTRACKR_TEST_RUN__';
