/**
 * The outbound webhook targets of the chaos run: one local HTTP server, a path per target, that keeps
 * every delivery it receives (its `x-calma-delivery` id and which statement it carries) and checks the
 * signature as a real target would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../src/outbound/signature';

export interface Delivery {
  target: string;
  id: string;
  seq: number;
  n: number;
  signed: boolean;
}

export interface TargetServer {
  readonly deliveries: readonly Delivery[];
  url(target: string): string;
  close(): Promise<void>;
}

/** `secrets`: each target's signing secret, by target name (the last path segment). */
export async function startTargets(secrets: Record<string, string>): Promise<TargetServer> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = (req.url ?? '').slice(1);
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const secret = secrets[target] ?? '';
      const signed = verify(secret, header('x-calma-timestamp'), body, header('x-calma-signature')) === 'ok';
      const parsed = JSON.parse(body.toString()) as { incident: { seq: number }; statement: { n: number } };
      deliveries.push({
        target,
        id: header('x-calma-delivery') ?? '',
        seq: parsed.incident.seq,
        n: parsed.statement.n,
        signed,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    deliveries,
    url: (target) => `http://127.0.0.1:${port}/${target}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
