// One hostile input: the door it is pushed through, what it is, and what must become of it (the exact
// line the door returns: a coded refusal with its field, or a specific safe result).
import type { DoorName } from './doors';
import type { Material } from './material';

export interface HostileCase {
  door: DoorName;
  label: string;
  input: unknown | ((material: Material) => unknown);
  expected: string;
}

export function hostile(door: DoorName, label: string, input: HostileCase['input'], expected: string): HostileCase {
  return { door, label, input, expected };
}
