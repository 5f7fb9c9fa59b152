// What names must look like where they end up in Kafka, on disk and in terminals.
// Workload and driver names become parts of topic, group and file names (through
// a slug) and are printed in logs and reports: control, format (bidi) and
// separator characters would hide or reorder what a reader sees.

/** Kafka's rule for topic names (its Topic.validate): these characters, at most 249, not "." or "..". */
export const TOPIC_NAME_RULE = "1 to 249 characters of A-Z a-z 0-9 . _ -, not . or ..";
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function isTopicName(name: string): boolean {
  return TOPIC_NAME.test(name) && name !== "." && name !== "..";
}

/** Longest workload or driver name, and longest id or group name a worker takes. */
export const MAX_NAME_LENGTH = 200;
export const NAME_RULE = `1 to ${MAX_NAME_LENGTH} printable characters (no control, format or line-separator characters such as NUL, newline or right-to-left marks)`;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;

export function isSafeName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_NAME_LENGTH && !UNSAFE.test(name);
}
