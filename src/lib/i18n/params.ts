// The values a catalogue sentence is filled with. A value may itself be a message (a MessageRef): the
// reason inside an error (`unknown unit "y"` inside "not a valid duration: …") is translated too,
// rather than carried as English text.
import type { MessageKey } from './index';

export interface MessageRef {
  key: MessageKey;
  params?: MessageParams;
}

export type MessageParam = string | number | MessageRef;
export type MessageParams = Record<string, MessageParam>;

/** A message inside another message's params. */
export function messageRef(key: MessageKey, params?: MessageParams): MessageRef {
  return params === undefined ? { key } : { key, params };
}

export function isMessageRef(value: MessageParam | undefined): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof value.key === 'string';
}
