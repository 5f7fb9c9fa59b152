// max.poll.records, emulated: Java's consumer hands the application at most
// this many records per poll(), and Java OMB takes each record's receive time
// as it processes it. The clients here hand over whole fetched batches (up to
// max.partition.fetch.bytes each), so omb passes them on in chunks of at most
// max.poll.records, each chunk with its own receive time: a record late in a
// large batch is not stamped as received before the ones ahead of it were handled.
import type { ConsumerOptions, IncomingMessage } from "./driver";

/** Java's default max.poll.records. */
export const DEFAULT_MAX_POLL_RECORDS = 500;

export function deliverInChunks(
  messages: IncomingMessage[],
  receivedAtMicros: number,
  maxPollRecords: number,
  onMessages: ConsumerOptions["onMessages"],
): void {
  if (messages.length <= maxPollRecords) {
    onMessages(messages, receivedAtMicros);
    return;
  }
  for (let from = 0; from < messages.length; from += maxPollRecords) {
    onMessages(messages.slice(from, from + maxPollRecords), from === 0 ? receivedAtMicros : wallClockMicrosNow());
  }
}

function wallClockMicrosNow(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
