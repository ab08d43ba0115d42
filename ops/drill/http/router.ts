import { Agent } from 'node:http';
import { probeStatus } from './probe-status';

const POLL_MS = 250;
const PROBE_TIMEOUT_MS = 2_000;

/** One API instance as the router sees it. */
export interface Backend {
  readonly name: string;
  readonly baseUrl: string;
  readonly agent: Agent;
  /** The last readiness probe answered 200. */
  ready: boolean;
  /** The last probe got an HTTP answer and no request was refused since. */
  reachable: boolean;
}

/**
 * The drill's load balancer, in its client: it probes `/health/ready` of every instance every
 * 250 ms and sends requests round-robin to the ready ones. A refused connection takes an
 * instance out at once (until a probe reaches it again). When no instance is ready (Postgres
 * or Redis down fails everyone's readiness) it fails open to every reachable instance, as
 * load balancers do, so the API itself answers for the outage.
 */
export class Router {
  private readonly backends: Backend[];
  private next = 0;
  private polling = false;
  private loops: Promise<void>[] = [];

  constructor(instances: Array<{ name: string; baseUrl: string }>) {
    this.backends = instances.map((instance) => ({
      ...instance,
      agent: new Agent({ keepAlive: true, maxSockets: 64 }),
      ready: false,
      reachable: false,
    }));
  }

  /** Probes once now, then keeps probing until `stop()`. */
  async start(): Promise<void> {
    await Promise.all(this.backends.map((backend) => this.probe(backend)));
    this.polling = true;
    this.loops = this.backends.map((backend) => this.poll(backend));
  }

  async stop(): Promise<void> {
    this.polling = false;
    await Promise.all(this.loops);
    for (const backend of this.backends) backend.agent.destroy();
  }

  /** The instance for the next request; `avoid` (where the last attempt failed) if no other. */
  pick(avoid?: string): Backend {
    const ready = this.backends.filter((b) => b.ready && b.reachable);
    const reachable = this.backends.filter((b) => b.reachable);
    const pool = ready.length > 0 ? ready : reachable.length > 0 ? reachable : this.backends;
    const preferred = pool.length > 1 ? pool.filter((b) => b.name !== avoid) : pool;
    this.next = (this.next + 1) % preferred.length;
    return preferred[this.next];
  }

  /** A connection to `backend` was refused: nothing listens there now. */
  refused(backend: Backend): void {
    backend.reachable = false;
    backend.ready = false;
  }

  /** Names of the instances that are ready now, for progress lines. */
  readyNames(): string[] {
    return this.backends.filter((b) => b.ready && b.reachable).map((b) => b.name);
  }

  private async poll(backend: Backend): Promise<void> {
    while (this.polling) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await this.probe(backend);
    }
  }

  private async probe(backend: Backend): Promise<void> {
    const status = await probeStatus(`${backend.baseUrl}/api/v1/health/ready`, PROBE_TIMEOUT_MS);
    backend.reachable = status !== undefined;
    backend.ready = status === 200;
  }
}
