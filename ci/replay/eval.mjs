// GitHub Actions expressions for the workflow replay test (tests/replay/), evaluated by
// GitHub's own parser and evaluator (@actions/expressions), so that the replay cannot disagree
// with GitHub about `||` on an empty string, case-insensitive comparison, a missing property
// (null, so '' in a string) or which contexts a key may use.
//
// One long-lived process per test session: JSON requests on stdin, one per line, and one JSON
// answer per line on stdout, in order.
//
//   {"kind": "template" | "if", "text": "...", "contexts": {"github": {...}, ...},
//    "status": {"success": true, "failure": false, "cancelled": false},
//    "functions": ["success", ..., "hashFiles"], "workspace": "/path"}
//
// "template" is a workflow value with `${{ }}` parts: the answer is {"string": ..., "value": ...}
// where `value` keeps the expression's type when the text is exactly one `${{ }}` (what a
// key such as `cancel-in-progress` receives), else is the interpolated string.
// "if" is a step or job condition: `${{ }}` optional, and `success() && (...)` implied unless
// a status function appears in it, as GitHub does. The answer is {"value": true|false}.
// Errors answer {"error": "..."}; the caller fails the step or job as GitHub would.
//
// Contexts not passed are unknown to the parser, so `secrets` in an `if` is the same error
// as on GitHub. Status functions and hashFiles are registered as extension functions, their
// values (status) come with the request; hashFiles hashes files under `workspace` like the
// runner's hashFiles (sha256 of the files' sha256s, '' when nothing matches).

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { createInterface } from "node:readline";

import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { TokenType } from "@actions/expressions/lexer";
import { truthy } from "@actions/expressions/result";

const STATUS = ["success", "failure", "cancelled", "always"];
const SIGNATURES = {
  success: [0, 0],
  failure: [0, 0],
  cancelled: [0, 0],
  always: [0, 0],
  hashfiles: [1, 255],
};

function toData(value) {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver);
}

function fromData(value) {
  return JSON.parse(JSON.stringify(value, data.replacer));
}

// ------------------------------------------------------------------------------ hashFiles

function globRegex(segment) {
  let re = "";
  for (const ch of segment) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function matchPattern(root, pattern) {
  // The runner's @actions/glob semantics for what the workflows use: paths relative to the
  // workspace, `*`, `?` and `**` segments, hidden files included, directories never hashed.
  const segments = pattern.replace(/^\.\//, "").split("/").filter((s) => s !== "");
  const out = [];
  const walk = (dir, rest) => {
    if (rest.length === 0) {
      out.push(dir);
      return;
    }
    const [head, ...tail] = rest;
    if (head === "**") {
      walk(dir, tail);
      for (const e of safeReaddir(dir)) if (e.isDirectory()) walk(join(dir, e.name), rest);
      return;
    }
    if (!/[*?]/.test(head)) {
      try {
        statSync(join(dir, head));
        walk(join(dir, head), tail);
      } catch {
        // no such path: no match
      }
      return;
    }
    const re = globRegex(head);
    for (const e of safeReaddir(dir)) if (re.test(e.name)) walk(join(dir, e.name), tail);
  };
  walk(root, segments);
  return out;
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function hashFiles(workspace, patterns) {
  const include = new Set();
  const exclude = new Set();
  for (const line of patterns.flatMap((p) => p.split("\n"))) {
    const p = line.trim();
    if (!p) continue;
    const target = p.startsWith("!") ? exclude : include;
    for (const f of matchPattern(workspace, p.replace(/^!/, ""))) target.add(f);
  }
  const files = [...include]
    .filter((f) => !exclude.has(f) && f.startsWith(workspace + sep) && statSync(f).isFile())
    .sort();
  if (files.length === 0) return "";
  const result = createHash("sha256");
  for (const f of files) result.update(createHash("sha256").update(readFileSync(f)).digest());
  return result.digest("hex");
}

// ---------------------------------------------------------------------------- evaluation

function parse(text, request) {
  const names = (request.functions || []).map((n) => n.toLowerCase());
  const infos = names.map((n) => ({ name: n, minArgs: SIGNATURES[n][0], maxArgs: SIGNATURES[n][1] }));
  const tokens = new Lexer(text).lex().tokens;
  const expr = new Parser(tokens, Object.keys(request.contexts || {}), infos).parse();
  const usesStatus = tokens.some(
    (t, i) =>
      t.type === TokenType.IDENTIFIER &&
      STATUS.includes(t.lexeme.toLowerCase()) &&
      tokens[i + 1]?.type === TokenType.LEFT_PAREN,
  );
  return { expr, usesStatus, names };
}

function evaluate(text, request) {
  const { expr, usesStatus, names } = parse(text, request);
  const status = request.status || { success: true, failure: false, cancelled: false };
  const functions = new Map();
  const constant = (v) => ({ minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(v) });
  if (names.includes("success")) functions.set("success", { name: "success", ...constant(status.success) });
  if (names.includes("failure")) functions.set("failure", { name: "failure", ...constant(status.failure) });
  if (names.includes("cancelled")) functions.set("cancelled", { name: "cancelled", ...constant(status.cancelled) });
  if (names.includes("always")) functions.set("always", { name: "always", ...constant(true) });
  if (names.includes("hashfiles")) {
    functions.set("hashfiles", {
      name: "hashFiles",
      minArgs: 1,
      maxArgs: 255,
      call: (...args) =>
        new data.StringData(hashFiles(request.workspace, args.map((a) => a.coerceString()))),
    });
  }
  const contexts = new data.Dictionary(
    ...Object.entries(request.contexts || {}).map(([key, value]) => ({ key, value: toData(value) })),
  );
  return { result: () => new Evaluator(expr, contexts, functions).evaluate(), usesStatus };
}

// The `${{ }}` parts of a value; a `}}` inside a quoted string does not end the expression.
function splitTemplate(text) {
  const parts = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${{", i);
    if (start < 0) {
      parts.push({ literal: text.slice(i) });
      break;
    }
    if (start > i) parts.push({ literal: text.slice(i, start) });
    let j = start + 3;
    let quoted = false;
    for (; j < text.length; j++) {
      if (text[j] === "'") quoted = !quoted;
      else if (!quoted && text.startsWith("}}", j)) break;
    }
    if (j >= text.length) throw new Error(`unclosed \${{ in: ${text}`);
    parts.push({ expr: text.slice(start + 3, j).trim() });
    i = j + 2;
  }
  return parts;
}

function template(request) {
  const parts = splitTemplate(request.text);
  const values = parts.map((p) => ("expr" in p ? evaluate(p.expr, request).result() : null));
  const string = parts.map((p, k) => ("expr" in p ? values[k].coerceString() : p.literal)).join("");
  const single = parts.length === 1 && "expr" in parts[0];
  return { string, value: single ? fromData(values[0]) : string };
}

function condition(request) {
  const text = request.text.trim();
  const parts = splitTemplate(text);
  if (parts.length > 1 || (parts.length === 1 && "literal" in parts[0] && text.includes("${{"))) {
    // `if: ${{ a }} && b` is a string, not an expression: GitHub treats it as truthy text.
    return { value: template(request).string !== "" };
  }
  const source = parts.length === 1 && "expr" in parts[0] ? parts[0].expr : text;
  const { result, usesStatus } = evaluate(source, request);
  const status = request.status || { success: true };
  if (!usesStatus && !status.success) return { value: false }; // success() && (...)
  return { value: truthy(result()) };
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = request.kind === "if" ? condition(request) : template(request);
  } catch (err) {
    answer = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
