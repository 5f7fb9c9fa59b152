// @platformatic/kafka errors → DriverError types for "errors by type": the
// broker's error code name (the client spells them as Java does), "auth",
// "timeout", "connection" or "other". The client wraps retried failures in
// MultipleErrors ("produce failed 3 times.") whose `errors` hold each attempt,
// and each of those may wrap a cause.
import { authenticationError, DriverError } from "../driver";

interface PlatformaticErrorLike {
  message?: string;
  code?: string;
  apiId?: string;
  serverErrorMessage?: string | null;
  cause?: unknown;
  errors?: unknown[];
}

/** The SASL mechanism of the failing client, so that an authentication error can name it. */
export function toDriverError(error: unknown, mechanism?: string): DriverError {
  if (error instanceof DriverError) return error;
  const all = flatten(error);
  if (isAuthenticationFailure(all)) {
    return authenticationError(mechanism, all.find((e) => e.serverErrorMessage)?.serverErrorMessage ?? "the broker refused the login");
  }
  const message = describe(error, all);
  // The last attempt's broker error is the one that decided.
  const coded = all.filter((e) => typeof e.apiId === "string" && e.apiId !== "");
  if (coded.length > 0) return new DriverError(coded[coded.length - 1]!.apiId!, message);
  if (all.some((e) => e.code === "PLT_KFK_TIMEOUT")) return new DriverError("timeout", message);
  if (all.some((e) => e.code === "PLT_KFK_NETWORK")) return new DriverError("connection", message);
  return new DriverError("other", message);
}

/** The client retries a refused login as a connection failure; see settings.ts, which stops that. */
export function isAuthenticationFailure(error: unknown): boolean {
  const all = Array.isArray(error) ? (error as PlatformaticErrorLike[]) : flatten(error);
  return all.some((e) => e.code === "PLT_KFK_AUTHENTICATION" || e.apiId === "SASL_AUTHENTICATION_FAILED");
}

/** The error and everything it aggregates or wraps, depth first, bounded. */
function flatten(error: unknown): PlatformaticErrorLike[] {
  const out: PlatformaticErrorLike[] = [];
  const visit = (e: unknown) => {
    if (e === null || typeof e !== "object" || out.length >= 50 || out.includes(e as PlatformaticErrorLike)) return;
    const err = e as PlatformaticErrorLike;
    out.push(err);
    if (Array.isArray(err.errors)) for (const inner of err.errors) visit(inner);
    visit(err.cause);
  };
  visit(error);
  return out;
}

function describe(error: unknown, all: PlatformaticErrorLike[]): string {
  if (all.length === 0) return String(error);
  const leaf = [...all].reverse().find((e) => e.message) ?? all[0]!;
  const outer = all[0]!.message;
  const text = leaf.serverErrorMessage ? `${leaf.message} (${leaf.serverErrorMessage})` : (leaf.message ?? String(error));
  return outer && outer !== leaf.message ? `${outer} ${text}` : text;
}
