// "Did you mean …" for misspelt field names, property keys, enum values and
// embedded file names. Comparison ignores case and the separators people mix up.

/** The candidates closest to `word`, best first (at most `limit`). */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = squash(word);
  const scored: { c: string; d: number }[] = [];
  for (const [c, s] of squashed(candidates)) {
    const limit = Math.max(2, Math.floor(Math.min(w.length, s.length) / 3));
    const contains = Math.min(w.length, s.length) >= 4 && (s.includes(w) || w.includes(s));
    // The length difference bounds the distance from below: most pairs need no table.
    if (!contains && Math.abs(w.length - s.length) > limit) continue;
    const d = s === w ? 0 : contains ? 1 : distance(w, s);
    if (d <= limit) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

/** " (did you mean a or b?)" or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const found = closest(word, candidates);
  return found.length ? `; did you mean ${found.join(" or ")}?` : "";
}

/** Candidate lists are reused across many words (every unknown key of a file): squash each list once. */
const squashedLists = new WeakMap<object, Map<string, string>>();

function squashed(candidates: Iterable<string>): Map<string, string> {
  const cached = Array.isArray(candidates) ? squashedLists.get(candidates) : undefined;
  if (cached) return cached;
  const list = new Map([...candidates].map((c) => [c, squash(c)]));
  if (Array.isArray(candidates)) squashedLists.set(candidates, list);
  return list;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[-_.\s]/g, "");
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
