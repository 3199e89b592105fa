// A line-by-line diff of two outputs, for a learner to read: which lines the expected output has
// that theirs lacks ("expected") and which lines only theirs has ("yours"). Pure functions.

const MAX_CELLS = 4_000_000; // beyond this the middle is shown as removed-then-added

/** Operations turning `expected` lines into `yours`: [{kind: "same"|"expected"|"yours", text}]. */
export function lineDiff(expected, yours) {
  let start = 0;
  while (start < expected.length && start < yours.length && expected[start] === yours[start]) {
    start += 1;
  }
  let endE = expected.length;
  let endY = yours.length;
  while (endE > start && endY > start && expected[endE - 1] === yours[endY - 1]) {
    endE -= 1;
    endY -= 1;
  }
  const same = (text) => ({ kind: "same", text });
  const head = expected.slice(0, start).map(same);
  const tail = expected.slice(endE).map(same);
  return [...head, ...middle(expected.slice(start, endE), yours.slice(start, endY)), ...tail];
}

function middle(a, b) {
  const removed = a.map((text) => ({ kind: "expected", text }));
  const added = b.map((text) => ({ kind: "yours", text }));
  if (!a.length || !b.length || a.length * b.length > MAX_CELLS) return [...removed, ...added];
  // Longest common subsequence, by suffix lengths.
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * width + j] = a[i] === b[j]
        ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: "same", text: a[i] });
      i += 1;
      j += 1;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      ops.push(removed[i]);
      i += 1;
    } else {
      ops.push(added[j]);
      j += 1;
    }
  }
  return [...ops, ...removed.slice(i), ...added.slice(j)];
}

/** Keep `context` unchanged lines around each change; a longer unchanged run becomes a skip. */
export function collapse(ops, context = 2, shortest = 3) {
  const keep = ops.map(() => false);
  ops.forEach((op, index) => {
    if (op.kind === "same") return;
    for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k += 1) {
      keep[k] = true;
    }
  });
  const out = [];
  let run = [];
  const flush = () => {
    if (run.length >= shortest) out.push({ kind: "skip", count: run.length });
    else out.push(...run);
    run = [];
  };
  ops.forEach((op, index) => {
    if (keep[index]) {
      flush();
      out.push(op);
    } else run.push(op);
  });
  flush();
  return out;
}
