// The omb command and its subcommands, one file each (loaded when used).
import { defineCommand } from "citty";
import { buildInfo } from "../build-info";

export const main = defineCommand({
  meta: {
    name: "omb",
    version: buildInfo.version,
    description: "OpenMessaging Benchmark for Kafka in one executable",
  },
  subCommands: {
    version: () => import("./version").then((m) => m.default),
    worker: () => import("./worker").then((m) => m.default),
    "worker-child": () => import("./worker-child").then((m) => m.default),
    validate: () => import("./validate").then((m) => m.default),
    list: () => import("./list").then((m) => m.default),
    show: () => import("./show").then((m) => m.default),
    coordinate: () => import("./coordinate").then((m) => m.default),
    run: () => import("./run").then((m) => m.default),
    report: () => import("./report").then((m) => m.default),
    topics: () => import("./topics").then((m) => m.default),
  },
});
