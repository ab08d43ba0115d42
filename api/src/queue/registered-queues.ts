import { DiscoveryService } from '@nestjs/core';
import Bull from 'bull';
import type { Queue } from 'bull';

/**
 * The Bull queues the app registered, found through Nest's discovery (so a feature's new queue
 * shows up without changes elsewhere), one per name (modules that register the same queue share
 * its Redis keys), sorted by name.
 */
export function registeredQueues(discovery: DiscoveryService): Queue[] {
  const byName = new Map<string, Queue>();
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (instance instanceof Bull && !byName.has(instance.name)) {
      byName.set(instance.name, instance);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
