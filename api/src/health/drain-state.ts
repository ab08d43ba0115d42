import { Injectable } from '@nestjs/common';

/**
 * Whether this process is draining: it received SIGTERM and will close soon. While it drains,
 * readiness answers 503 (load balancers and clients that watch it move away) and every response
 * carries `Connection: close` (keep-alive clients let go of the connection after their last
 * answer, so the close that follows neither resets them nor waits for idle sockets).
 */
@Injectable()
export class DrainState {
  private startedAt: number | undefined;

  get draining(): boolean {
    return this.startedAt !== undefined;
  }

  begin(): void {
    this.startedAt ??= Date.now();
  }
}
