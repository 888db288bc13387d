import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import type { AppConfig } from '../../../config/app-config';
import { createRedisClient } from '../../../core/redis/redis-client';

/** The Redis channels' prefix, so the installation's realtime traffic is recognisable in Redis. */
export const REALTIME_REDIS_KEY = 'atrium:realtime';

const clustered = new WeakSet<Server>();

/** The server type Nest's IoAdapter names: its own copy of socket.io (ours is the pinned one). */
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;

/** Whether the server's events reach every instance (the Redis adapter), so serverSideEmit works. */
export function isClustered(server: Server): boolean {
  return clustered.has(server);
}

/**
 * socket.io on the API's own HTTP server (REALTIME_PATH). With REDIS_URL, the Redis adapter: an
 * emit to a room reaches that room's sockets on every instance, and instances can tell each other
 * to re-check access. Without it, the in-memory adapter of a single instance.
 *
 * Closing (app.close()) disconnects every socket and closes the Redis clients, and leaves the HTTP
 * server to Nest's own close (socket.io would close it first, under Fastify's feet).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private readonly redisClients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<AppConfig, 'redisUrl'>,
  ) {
    super(app);
  }

  /**
   * Always on the API's HTTP server (the gateway names no port), with the socket.io the project
   * pins, not the copy bundled with @nestjs/platform-socket.io.
   */
  override createIOServer(_port: number, options?: Partial<ServerOptions>): NestIoServer {
    const server = new Server(this.httpServer, options);
    if (this.config.redisUrl) {
      // Subscribers wait for Redis forever; publishes queue while it is away and go out when it is
      // back (a broadcast is never a reason to crash or to fail the request that made it).
      const pub = createRedisClient('realtime-pub', this.config.redisUrl, { maxRetriesPerRequest: null });
      const sub = createRedisClient('realtime-sub', this.config.redisUrl, { maxRetriesPerRequest: null });
      swallowPublishFailures(pub);
      this.redisClients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: REALTIME_REDIS_KEY }));
      clustered.add(server);
    }
    return server as unknown as NestIoServer;
  }

  override async close(nestServer: NestIoServer): Promise<void> {
    const server = nestServer as unknown as Server;
    // socket.io's close() closes every socket and its adapter, then the HTTP server it is attached
    // to: Nest closes that one itself, after the sockets are gone.
    const detached = server as unknown as { httpServer?: unknown };
    detached.httpServer = undefined;
    await server.close();
    await Promise.all(
      this.redisClients.splice(0).map((client) =>
        client.quit().catch((error: unknown) => {
          this.logger.warn({ msg: 'Closing a realtime Redis client failed', error: String(error) });
          client.disconnect();
        }),
      ),
    );
  }
}

/**
 * The Redis adapter publishes without handling a rejected publish (Redis gone for good, or the
 * client closed during shutdown): an unhandled rejection would end the process. Here it is
 * dropped; the client's error listener has already logged the outage.
 */
function swallowPublishFailures(client: Redis): void {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  (client as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args: unknown[]) => {
    const result = publish(...args);
    result.catch(() => undefined);
    return result;
  };
}
