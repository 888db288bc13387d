import { Injectable, Logger } from '@nestjs/common';
import type { ConversationReaderView, MessageView } from '@atrium/shared';

/**
 * What happened in a conversation, published by the messages services once their transaction has
 * committed. The realtime gateway delivers each event to the sockets allowed to see it (a `note`
 * only to the agency's); other listeners may react too.
 */
export type MessageEvent =
  | { type: 'message'; agencyId: string; clientId: string; message: MessageView }
  | { type: 'read'; agencyId: string; clientId: string; reader: ConversationReaderView }
  | { type: 'conversation'; agencyId: string; clientId: string; assignee: { id: string; name: string } | null };

export type MessageEventListener = (event: MessageEvent) => void | Promise<void>;

/** An in-process publisher: the gateway (and through its Redis adapter, other instances) listens. */
@Injectable()
export class MessageEvents {
  private readonly logger = new Logger(MessageEvents.name);
  private readonly listeners = new Set<MessageEventListener>();

  subscribe(listener: MessageEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Never throws: a listener failing must not fail the request that already committed. */
  publish(event: MessageEvent): void {
    for (const listener of this.listeners) {
      void Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'A message event listener failed', type: event.type, error: String(error) }),
        );
    }
  }
}
