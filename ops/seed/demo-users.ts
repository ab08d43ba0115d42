import { randomInt } from 'node:crypto';
import type { Role } from '../../api/src/common/access/principal';

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
}

/** One admin, one auditor and eight employees; the employees own and work the tasks. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.example.com', displayName: 'Dana Admin', roles: ['admin'] },
  { email: 'auditor@demo.example.com', displayName: 'Ari Auditor', roles: ['auditor'] },
  ...[
    ['ada', 'Ada Lovelace'],
    ['grace', 'Grace Hopper'],
    ['alan', 'Alan Turing'],
    ['margaret', 'Margaret Hamilton'],
    ['edsger', 'Edsger Dijkstra'],
    ['barbara', 'Barbara Liskov'],
    ['ken', 'Ken Thompson'],
    ['radia', 'Radia Perlman'],
  ].map(([name, displayName]) => ({
    email: `${name}@demo.example.com`,
    displayName: displayName ?? '',
    roles: ['employee'] as Role[],
  })),
];

const WORDS = (
  'amber anchor basil beacon birch cobalt comet copper delta ember ' +
  'falcon fjord garnet glacier harbor indigo juniper kestrel lantern lichen ' +
  'maple meadow nebula nickel orbit otter pebble quartz raven saffron ' +
  'summit tundra umber velvet walnut willow yonder zephyr'
).split(' ');

/** A fresh random password, easy to type from the terminal: three words and three digits. */
export function demoPassword(): string {
  const word = () => WORDS[randomInt(WORDS.length)];
  return `${word()}-${word()}-${word()}-${randomInt(100, 1000)}`;
}
