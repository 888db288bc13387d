import type { EntityManager } from 'typeorm';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { ConversationRead } from '../messages/entities/conversation-read.entity';
import { Conversation } from '../messages/entities/conversation.entity';
import { Message } from '../messages/entities/message.entity';

/** A short conversation, so the inbox and the portal's Messages page show something at once. */
const DEMO_CONVERSATIONS: Array<{
  client: string;
  lines: Array<{ email: string; side: 'client' | 'agency'; body: string; minutesAgo: number; note?: true }>;
}> = [
  {
    client: 'Acme Coffee',
    lines: [
      {
        email: 'anna@acme.test',
        side: 'client',
        body: 'Hi team! Could the autumn menu posts go out a week earlier this year?',
        minutesAgo: 26 * 60,
      },
      {
        email: 'owner@northwind.test',
        side: 'agency',
        body: 'Of course, Anna. We will move them to next Monday and send you the calendar.',
        minutesAgo: 25 * 60,
      },
      {
        email: 'owner@northwind.test',
        side: 'agency',
        body: 'Anna prefers mornings for posts; keep the 8 am slots.',
        minutesAgo: 25 * 60 - 5,
        note: true,
      },
      {
        email: 'anna@acme.test',
        side: 'client',
        body: 'Perfect, thank you! The new photos are in the media library.',
        minutesAgo: 40,
      },
    ],
  },
];

export async function seedDemoMessages(manager: EntityManager): Promise<void> {
  for (const demo of DEMO_CONVERSATIONS) {
    const client = await manager.getRepository(Client).findOneByOrFail({ name: demo.client });
    const conversation = await manager
      .getRepository(Conversation)
      .save(manager.getRepository(Conversation).create({ agencyId: client.agencyId, clientId: client.id }));
    let seq = 0;
    const lastRead = new Map<string, { user: User; side: 'client' | 'agency'; seq: number; at: Date }>();
    for (const line of demo.lines) {
      const user = await manager.getRepository(User).findOneByOrFail({ email: line.email });
      seq += 1;
      const at = new Date(Date.now() - line.minutesAgo * 60_000);
      await manager.getRepository(Message).save(
        manager.getRepository(Message).create({
          agencyId: client.agencyId,
          clientId: client.id,
          conversationId: conversation.id,
          seq,
          change: seq,
          kind: line.note ? 'note' : 'message',
          authorUserId: user.id,
          authorSide: line.side,
          authorName: user.name,
          body: line.body,
          createdAt: at,
        }),
      );
      lastRead.set(user.id, { user, side: line.side, seq, at });
      if (!line.note) conversation.lastMessageAt = at;
    }
    conversation.lastSeq = seq;
    conversation.lastChange = seq;
    await manager.getRepository(Conversation).save(conversation);
    for (const read of lastRead.values()) {
      await manager.getRepository(ConversationRead).save(
        manager.getRepository(ConversationRead).create({
          agencyId: client.agencyId,
          clientId: client.id,
          conversationId: conversation.id,
          userId: read.user.id,
          side: read.side,
          lastReadSeq: read.seq,
          readAt: read.at,
        }),
      );
    }
  }
}
