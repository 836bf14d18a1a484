import { createServer, Server, Socket } from 'node:net';
import { readTestEnv } from '../setup/test-env';

/** A TCP relay to the test Redis that can be cut and restored: "Redis is down" without touching the shared server. */
export class RedisProxy {
  private readonly sockets = new Set<Socket>();
  private accepting = true;

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(): Promise<RedisProxy> {
    const target = new URL(readTestEnv().redisUrl);
    const server = createServer();
    const proxy = new RedisProxy(server, target);
    server.on('connection', (client) => proxy.relay(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private relay(client: Socket): void {
    if (!this.accepting) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(this.target.port || 6379), this.target.hostname);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  stop(): void {
    this.accepting = false;
    for (const socket of this.sockets) socket.destroy();
  }

  async resume(): Promise<void> {
    this.accepting = true;
    // Let the clients reconnect before the app is closed.
    await new Promise((r) => setTimeout(r, 1_500));
  }

  close(): void {
    this.stop();
    this.server.close();
  }
}
