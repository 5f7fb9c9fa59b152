// The child's end of the IPC channel: validates each request against its op's
// args schema, runs the handler and answers with the same id. The child exits
// when the channel closes (the worker parent is gone or retired it).
import * as v from "valibot";
import { CONFLICT_ERROR_TYPES, type ChildArgs, type ChildMessage, type ChildOp, type ChildResult, childOps, parentMessageSchema } from "./ipc-protocol";
import { describeIssues } from "../api/schemas";
import { findPrototypeKey } from "../../prototype-keys";

export type ChildHandlers = { [K in ChildOp]: (args: ChildArgs<K>) => Promise<ChildResult<K>> };

export interface IpcServerOptions {
  handlers: ChildHandlers;
  /** Runs when the parent is gone; the process exits after it (bounded by the caller). */
  onDisconnect(): Promise<void>;
}

export function serveParent({ handlers, onDisconnect }: IpcServerOptions): void {
  if (!process.send) throw new Error("worker-child must be started by `omb worker` (no IPC channel)");
  const send = (message: ChildMessage) => process.send?.(message);

  process.on("message", async (raw: unknown) => {
    const parsed = v.safeParse(parentMessageSchema, raw);
    if (!parsed.success) {
      // Without a valid id there is nobody to answer; say so where an operator looks.
      console.error(`worker-child: ignoring malformed message: ${describeIssues(parsed.issues, "message")}`);
      return;
    }
    const { id, op, args } = parsed.output;
    const prototypeKey = findPrototypeKey(args);
    if (prototypeKey) {
      send({ kind: "response", id, ok: false, error: `${op}.args.${prototypeKey}: prototype keys are refused` });
      return;
    }
    const checked = v.safeParse(childOps[op].args, args);
    if (!checked.success) {
      send({ kind: "response", id, ok: false, error: describeIssues(checked.issues, `${op}.args`) });
      return;
    }
    try {
      const handler = handlers[op] as (args: unknown) => Promise<unknown>;
      const result = await handler(checked.output);
      send({ kind: "response", id, ok: true, result: result ?? null });
    } catch (error) {
      // Driver errors and the client libraries' protocol errors carry Kafka's error name as `type`.
      const type = (error as { type?: unknown } | null)?.type;
      const conflict = typeof type === "string" && CONFLICT_ERROR_TYPES.has(type);
      send({ kind: "response", id, ok: false, error: error instanceof Error ? error.message : String(error), ...(conflict ? { conflict } : {}) });
    }
  });

  process.on("disconnect", () => {
    void onDisconnect().finally(() => process.exit(0));
  });

  send({ kind: "hello", pid: process.pid });
}
