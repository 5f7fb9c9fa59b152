// Every test run: kafkajs's TimeoutNegativeWarning noise filtered (see quiet-warnings.ts).
// No broker here: an integration test starts it by importing test/support/kafka.ts.
import { silenceTimeoutNegativeWarning } from "../scripts/kafka/quiet-warnings";

silenceTimeoutNegativeWarning();
