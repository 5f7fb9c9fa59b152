// A stand-in child for IPC tests: speaks the real protocol (serveParent) with
// canned answers, so the parent's request/response, timeout and crash handling
// can be tested without Kafka.
import { type ChildHandlers, serveParent } from "../../src/worker/child/ipc-server";

const notHere = async (): Promise<never> => {
  throw new Error("not implemented by the fake child");
};

const handlers: ChildHandlers = {
  initialize: async () => null,
  createTopics: notHere,
  deleteTopics: async ({ names }) => names.map((name) => ({ name, error: "fake" })),
  listTopics: async ({ prefix }) => [`${prefix}-a`, `${prefix}-b`],
  createProducers: async () => null,
  createConsumers: async () => null,
  consumersReady: async () => ({ pending: [] }),
  // Dies mid-request, as a crashing child would.
  probeProducers: async () => process.exit(7),
  startLoad: notHere,
  adjustRate: notHere,
  // Never answers: exercises the parent's timeout.
  pauseConsumers: () => new Promise(() => {}),
  // Answers with a prototype key: the parent must refuse it.
  resumeConsumers: async () => JSON.parse(`{"__proto__": {"polluted": true}}`) as null,
  periodStats: notHere,
  cumulativeLatencies: notHere,
  // Answers with the wrong shape: the parent must reject it.
  counters: async () => ({ messagesSent: "many" }) as never,
  resetStats: async () => null,
  stopLoad: async () => [],
  stop: async () => ({ producers: [], subscriptions: [] }),
};

serveParent({ handlers, onDisconnect: async () => {} });
