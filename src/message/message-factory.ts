// One producer's messages: a payload from the shared pool, the next key of its
// distributor, and fresh omb headers. The only per-message allocations are the
// message object, its headers object and two 8-byte header buffers, all of which
// the driver may keep until the ack.
import type { OutgoingMessage } from "../drivers/driver";
import { HeaderEncoder } from "./headers";
import type { KeyDistributor } from "./key-distributor";
import type { PayloadPool } from "./payload";

export class MessageFactory {
  private readonly headers: HeaderEncoder;

  constructor(
    producerId: string,
    private readonly payloads: PayloadPool,
    private readonly keys: KeyDistributor,
  ) {
    this.headers = new HeaderEncoder(producerId);
  }

  /** Message `sequence` of this producer; its byte count for stats is `value.length`. */
  next(sequence: number, sendTimeMicros: number): OutgoingMessage {
    return {
      key: this.keys.next(),
      value: this.payloads.next(),
      headers: this.headers.encode(sequence, sendTimeMicros),
    };
  }
}
