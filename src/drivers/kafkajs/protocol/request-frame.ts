// Every request kafkajs sends is framed (size, api key and version,
// correlation id, client id) by copying its body into a fresh zero-filled
// Encoder, then that one into another: two large allocations and copies per
// produce request, which at 10k msg/s were much of a producing child's
// garbage, and so of its collector pauses. Here the frame goes into the room
// the produce encoder left before its body, or, for other requests, into one
// exact-size buffer.
import type { EncodedRequest } from "./produce-request";

interface FrameArgs {
  correlationId: number;
  clientId?: string | null;
  request: { apiKey: number; apiVersion: number; encode(): Promise<EncodedRequest> | EncodedRequest };
}

export async function frameRequest({ correlationId, clientId, request }: FrameArgs): Promise<EncodedRequest> {
  const encoded = await request.encode();
  const body = encoded.buffer;
  const client = clientId == null ? null : Buffer.from(clientId);
  const header = 4 + 2 + 2 + 4 + 2 + (client?.length ?? 0);
  let framed: Buffer;
  if (encoded.headroom !== undefined && encoded.headroom >= header) {
    const start = encoded.headroom - header;
    framed = encoded.buf.subarray(start, encoded.headroom + body.length);
  } else {
    framed = Buffer.allocUnsafe(header + body.length);
    framed.set(body, header);
  }
  let off = framed.writeInt32BE(framed.length - 4, 0);
  off = framed.writeInt16BE(request.apiKey, off);
  off = framed.writeInt16BE(request.apiVersion, off);
  off = framed.writeInt32BE(correlationId, off);
  if (client === null) framed.writeInt16BE(-1, off);
  else {
    off = framed.writeInt16BE(client.length, off);
    framed.set(client, off);
  }
  return { buf: framed, buffer: framed, size: () => framed.length };
}
