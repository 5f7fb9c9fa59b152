// The bearer token between coordinator and workers. It travels in an HTTP
// header, which carries printable ASCII only (fetch refuses other characters,
// and servers trim spaces at the ends), so that is the rule, checked where a
// token is given (worker and coordinator flags, OMB_TOKEN) instead of failing
// on every call later.
import { timingSafeEqual } from "node:crypto";

export const TOKEN_RULE = "1 to 4096 printable ASCII characters (space to ~), not starting or ending with a space";

/** Why `token` cannot be used, or undefined when it can. */
export function tokenProblem(token: string): string | undefined {
  const ok = /^[\x20-\x7e]{1,4096}$/.test(token) && !token.startsWith(" ") && !token.endsWith(" ");
  return ok ? undefined : `the token must be ${TOKEN_RULE}`;
}

/** Whether an Authorization header carries exactly this token (constant time in the token). */
export function authorizes(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
