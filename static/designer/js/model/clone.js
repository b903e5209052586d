// Deep copies and comparisons of JSON values (documents hold nothing else).

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function sameJSON(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
