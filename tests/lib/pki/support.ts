// Helpers for the PKI unit tests: catch an error and hand it back for code/field assertions.
import { KubeprepError } from '../../../src/lib/errors';

export function caught(run: () => unknown): KubeprepError {
  try {
    run();
  } catch (error) {
    if (error instanceof KubeprepError) return error;
    throw error;
  }
  throw new Error('expected a KubeprepError, nothing was thrown');
}

export async function caughtAsync(run: () => Promise<unknown>): Promise<KubeprepError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KubeprepError) return error;
    throw error;
  }
  throw new Error('expected a KubeprepError, nothing was thrown');
}
