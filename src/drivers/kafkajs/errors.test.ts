import { describe, expect, test } from "bun:test";
import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from "kafkajs";
import { DriverError } from "../driver";
import { toDriverError } from "./errors";

// kafkajs builds protocol errors from its code table entries.
const protocolError = (type: string, code: number) =>
  new KafkaJSProtocolError({ message: `broker said ${type}`, type, code, retriable: true } as unknown as Error);

describe("toDriverError", () => {
  test("a broker error code keeps its name, in Java's spelling", () => {
    expect(toDriverError(protocolError("MESSAGE_TOO_LARGE", 10)).type).toBe("MESSAGE_TOO_LARGE");
    expect(toDriverError(protocolError("NOT_LEADER_FOR_PARTITION", 6)).type).toBe("NOT_LEADER_OR_FOLLOWER");
  });

  test("the code is found through retry and non-retriable wrappers, and the retries are told", () => {
    const cause = protocolError("NOT_ENOUGH_REPLICAS", 19);
    const wrapped = new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 1000 });
    // As kafkajs' retrier rejects: a non-retriable error whose cause is the last attempt's.
    const outer = Object.assign(new KafkaJSNonRetriableError(wrapped), { cause: wrapped });
    const error = toDriverError(outer);
    expect(error.type).toBe("NOT_ENOUGH_REPLICAS");
    expect(error.message).toBe("broker said NOT_ENOUGH_REPLICAS (after 5 retries)");
  });

  test("request timeouts and connection failures have their own types", () => {
    expect(toDriverError(new KafkaJSRequestTimeoutError("Request Produce timed out")).type).toBe("timeout");
    const refused = new KafkaJSConnectionError("Connection error: connect ECONNREFUSED 127.0.0.1:1");
    expect(toDriverError(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 2, retryTime: 10 })).type).toBe(
      "connection",
    );
  });

  test("anything else is other, and a DriverError passes through", () => {
    expect(toDriverError(new KafkaJSError("odd")).type).toBe("other");
    expect(toDriverError("a string").type).toBe("other");
    const own = new DriverError("timeout", "x");
    expect(toDriverError(own)).toBe(own);
  });
});
