// What the consumers of one subscription in this child received: per producer
// the set of sequences seen (duplicates = a sequence seen again), end-to-end
// latency and counts into the stats recorder, probes counted apart.
import type { IncomingMessage } from "../../drivers/driver";
import { type OmbHeaderFields, decodeOmbHeaders } from "../../message/headers";
import { SequenceSet } from "../../stats/sequence-set";
import { type StatsRecorder, subscriptionKey } from "../../stats/stats-recorder";
import type { SubscriptionReport } from "../../stats/types";

export class SubscriptionTracker {
  private received = 0;
  private duplicates = 0;
  /** Messages without omb headers: not ours, not counted anywhere else. */
  foreign = 0;
  private readonly byProducer = new Map<string, SequenceSet>();
  /** Reused for every message: decoding allocates only the producer id string. */
  private readonly fields: OmbHeaderFields = { producerId: "", sequence: 0, sendTimeMicros: 0, probe: false };
  private readonly key: string;

  constructor(
    readonly subscription: string,
    readonly topic: string,
    private readonly recorder: StatsRecorder,
  ) {
    this.key = subscriptionKey(topic, subscription);
  }

  /** The driver's onMessages callback for every consumer of this subscription in this child. */
  readonly onMessages = (messages: IncomingMessage[], receivedAtMicros: number): void => {
    for (const message of messages) {
      const fields = decodeOmbHeaders(message.headers, this.fields);
      if (!fields) {
        this.foreign++;
        continue;
      }
      if (fields.probe) {
        this.recorder.recordProbe();
        continue;
      }
      this.received++;
      this.recorder.recordReceive(message.value.length, receivedAtMicros - fields.sendTimeMicros, this.key);
      let sequences = this.byProducer.get(fields.producerId);
      if (!sequences) this.byProducer.set(fields.producerId, (sequences = new SequenceSet()));
      if (!sequences.add(fields.sequence)) this.duplicates++;
    }
  };

  report(): SubscriptionReport {
    const receivedByProducer: Record<string, string> = {};
    for (const [producer, sequences] of this.byProducer) receivedByProducer[producer] = sequences.encode();
    return {
      subscription: this.subscription,
      topic: this.topic,
      received: this.received,
      duplicates: this.duplicates,
      receivedByProducer,
    };
  }
}
