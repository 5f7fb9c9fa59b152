#!/usr/bin/env bun
// The one entry point of the omb binary: checks the command line, hands over.
import { main } from "./commands";
import { dispatch } from "./dispatch";

await dispatch(main, process.argv.slice(2));
