// actions/github-script v7 for the workflow replay (tests/replay/actions.py), run for real:
// the step's `script` is the body of an async function, called with `github`, `context`,
// `core`, `require` (and stubs of exec/glob/io), as github-script does. Only `github` is
// fake: an Octokit over the fake GitHub's state (tests/replay/fakegithub.py), with the REST
// methods the workflows use, GitHub's status codes and messages, and the token's
// permissions enforced (403 "Resource not accessible by integration").
//
// Usage: node fake_octokit.mjs STATE.json  (inputs in INPUT_* as the runner sets them; the
// state file is read, changed by the script's API calls, and written back)

import { appendFileSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { EOL } from "node:os";
import path from "node:path";

const statePath = process.argv[2];
const state = JSON.parse(readFileSync(statePath, "utf8"));

// ------------------------------------------------------------------------- @actions/core

const escapeData = (s) => String(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const toCommandValue = (v) =>
  v === null || v === undefined ? "" : typeof v === "string" || v instanceof String ? String(v) : JSON.stringify(v);
const issue = (command, message) => process.stdout.write(`::${command}::${escapeData(toCommandValue(message))}${EOL}`);
const fileCommand = (variable, key, value) => {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(process.env[variable], `${key}<<${delimiter}${EOL}${toCommandValue(value)}${EOL}${delimiter}${EOL}`);
};

const core = {
  getInput(name, options = {}) {
    const value = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
    if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`);
    return options.trimWhitespace === false ? value : value.trim();
  },
  getBooleanInput(name, options) {
    const value = core.getInput(name, options);
    if (["true", "True", "TRUE"].includes(value)) return true;
    if (["false", "False", "FALSE"].includes(value)) return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}`);
  },
  setOutput: (name, value) => fileCommand("GITHUB_OUTPUT", name, value),
  exportVariable(name, value) {
    process.env[name] = toCommandValue(value);
    fileCommand("GITHUB_ENV", name, value);
  },
  addPath(p) {
    appendFileSync(process.env.GITHUB_PATH, `${p}${EOL}`);
    process.env.PATH = `${p}${path.delimiter}${process.env.PATH}`;
  },
  setSecret: (secret) => issue("add-mask", secret),
  setFailed(message) {
    process.exitCode = 1;
    core.error(message);
  },
  error: (m) => issue("error", m instanceof Error ? m.toString() : m),
  warning: (m) => issue("warning", m instanceof Error ? m.toString() : m),
  notice: (m) => issue("notice", m instanceof Error ? m.toString() : m),
  info: (m) => process.stdout.write(`${m}${EOL}`),
  debug: (m) => issue("debug", m),
  isDebug: () => process.env.RUNNER_DEBUG === "1",
  startGroup: (name) => issue("group", name),
  endGroup: () => issue("endgroup", ""),
  async group(name, fn) {
    core.startGroup(name);
    try {
      return await fn();
    } finally {
      core.endGroup();
    }
  },
  saveState: (name, value) => fileCommand("GITHUB_STATE", name, value),
  getState: (name) => process.env[`STATE_${name}`] || "",
  summary: {
    buffer: "",
    addRaw(text, eol = false) {
      this.buffer += text + (eol ? EOL : "");
      return this;
    },
    addHeading(text, level = 1) {
      return this.addRaw(`<h${level}>${text}</h${level}>`, true);
    },
    async write() {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, this.buffer);
      this.buffer = "";
      return this;
    },
  },
};

// --------------------------------------------------------------------- @actions/github

class Context {
  constructor() {
    this.payload = process.env.GITHUB_EVENT_PATH
      ? JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"))
      : {};
    this.eventName = process.env.GITHUB_EVENT_NAME;
    this.sha = process.env.GITHUB_SHA;
    this.ref = process.env.GITHUB_REF;
    this.workflow = process.env.GITHUB_WORKFLOW;
    this.action = process.env.GITHUB_ACTION;
    this.actor = process.env.GITHUB_ACTOR;
    this.job = process.env.GITHUB_JOB;
    this.runNumber = parseInt(process.env.GITHUB_RUN_NUMBER, 10);
    this.runId = parseInt(process.env.GITHUB_RUN_ID, 10);
    this.runAttempt = parseInt(process.env.GITHUB_RUN_ATTEMPT, 10);
    this.apiUrl = process.env.GITHUB_API_URL ?? "https://api.github.com";
    this.serverUrl = process.env.GITHUB_SERVER_URL ?? "https://github.com";
    this.graphqlUrl = process.env.GITHUB_GRAPHQL_URL ?? "https://api.github.com/graphql";
  }
  get issue() {
    const p = this.payload;
    return { ...this.repo, number: (p.issue || p.pull_request || p).number };
  }
  get repo() {
    if (process.env.GITHUB_REPOSITORY) {
      const [owner, repo] = process.env.GITHUB_REPOSITORY.split("/");
      return { owner, repo };
    }
    if (this.payload.repository) {
      return { owner: this.payload.repository.owner.login, repo: this.payload.repository.name };
    }
    throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
  }
}

// ------------------------------------------------------------------------- fake Octokit

class RequestError extends Error {
  constructor(message, status, request) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.request = request;
    this.response = { status, data: { message, documentation_url: "https://docs.github.com/rest" } };
  }
}

const token = core.getInput("github-token", { required: true });
const granted = state.tokens[token] && state.tokens[token].permissions;
const BOT = { login: "github-actions[bot]", id: 41898282, type: "Bot" };
const api = `https://api.github.com/repos/${state.repository.full_name}`;

function call(name, params, scopes, level) {
  state.api_calls.push({ method: name, params: { ...params, body: params.body && `${params.body.length} chars` } });
  if (!granted) throw new RequestError("Bad credentials", 401, { method: name });
  if (`${params.owner}/${params.repo}` !== state.repository.full_name) throw new RequestError("Not Found", 404, { method: name });
  const allowed = scopes.some((s) => granted[s] === "write" || (granted[s] === "read" && level === "read"));
  if (!allowed) throw new RequestError("Resource not accessible by integration", 403, { method: name });
}

const ok = (status, data, url) => ({ status, url, headers: {}, data });
const page = (items, p) => {
  const perPage = Math.min(p.per_page || 30, 100);
  const start = ((p.page || 1) - 1) * perPage;
  return items.slice(start, start + perPage);
};
const findComment = (id) => {
  for (const list of Object.values(state.comments)) {
    const c = list.find((x) => x.id === id);
    if (c) return c;
  }
  throw new RequestError("Not Found", 404);
};
const checkBody = (body) => {
  if (typeof body !== "string" || body.length > 65536) {
    throw new RequestError("Validation Failed: body is too long (maximum is 65536 characters)", 422);
  }
};
const publicArtifact = (a, runId, run) => ({
  id: a.id,
  node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
  name: a.name,
  size_in_bytes: a.size_in_bytes,
  url: `${api}/actions/artifacts/${a.id}`,
  archive_download_url: `${api}/actions/artifacts/${a.id}/zip`,
  expired: a.expired,
  digest: a.digest,
  workflow_run: { id: Number(runId), head_sha: run.head_sha },
});

const rest = {
  actions: {
    async listWorkflowRunArtifacts(p) {
      call("actions.listWorkflowRunArtifacts", p, ["actions"], "read");
      const run = state.runs[String(p.run_id)];
      if (!run) throw new RequestError("Not Found", 404);
      const all = run.artifacts.filter((a) => !p.name || a.name === p.name);
      return ok(200, {
        total_count: all.length,
        artifacts: page(all, p).map((a) => publicArtifact(a, p.run_id, run)),
      }, `${api}/actions/runs/${p.run_id}/artifacts`);
    },
    async downloadArtifact(p) {
      call("actions.downloadArtifact", p, ["actions"], "read");
      if (p.archive_format !== "zip") throw new RequestError("Not Found", 404);
      for (const run of Object.values(state.runs)) {
        const a = run.artifacts.find((x) => x.id === p.artifact_id);
        if (!a) continue;
        if (a.expired) throw new RequestError("Artifact has expired", 410);
        const buf = readFileSync(a.zip);
        return ok(200, buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      }
      throw new RequestError("Not Found", 404);
    },
  },
  pulls: {
    async get(p) {
      call("pulls.get", p, ["pull-requests"], "read");
      const pr = state.pulls[String(p.pull_number)];
      if (!pr) throw new RequestError("Not Found", 404);
      return ok(200, pr, `${api}/pulls/${p.pull_number}`);
    },
  },
  issues: {
    async listComments(p) {
      call("issues.listComments", p, ["issues", "pull-requests"], "read");
      if (!state.pulls[String(p.issue_number)]) throw new RequestError("Not Found", 404);
      return ok(200, page(state.comments[String(p.issue_number)] || [], p));
    },
    async createComment(p) {
      call("issues.createComment", p, ["issues", "pull-requests"], "write");
      if (!state.pulls[String(p.issue_number)]) throw new RequestError("Not Found", 404);
      checkBody(p.body);
      state.next_comment_id = (state.next_comment_id || 5_000_000_000) + 1;
      const comment = {
        id: state.next_comment_id,
        body: p.body,
        user: BOT,
        html_url: `https://github.com/${state.repository.full_name}/pull/${p.issue_number}#issuecomment-${state.next_comment_id}`,
      };
      (state.comments[String(p.issue_number)] ||= []).push(comment);
      return ok(201, comment);
    },
    async updateComment(p) {
      call("issues.updateComment", p, ["issues", "pull-requests"], "write");
      checkBody(p.body);
      const comment = findComment(p.comment_id);
      comment.body = p.body;
      comment.updated = (comment.updated || 0) + 1;
      return ok(200, comment);
    },
  },
};

// A method the fake does not have fails the script loudly (a test must extend the fake
// rather than pass by accident).
const strict = (obj, where) =>
  new Proxy(obj, {
    get(target, name) {
      if (name in target || typeof name === "symbol") return target[name];
      return strict(
        () => {
          throw new Error(`the replay's fake GitHub API has no ${where}.${String(name)}`);
        },
        `${where}.${String(name)}`,
      );
    },
  });
for (const name of Object.keys(rest)) rest[name] = strict(rest[name], `github.rest.${name}`);

async function paginate(method, params = {}, mapFn) {
  if (typeof method !== "function") throw new Error("the replay's paginate takes a github.rest method");
  const perPage = params.per_page || 30;
  const out = [];
  for (let n = 1; ; n++) {
    const res = await method({ ...params, per_page: perPage, page: n });
    let items = res.data;
    if (!Array.isArray(items)) items = items[Object.keys(items).find((k) => Array.isArray(items[k]))];
    out.push(...(mapFn ? mapFn({ ...res, data: items }, () => {}) : items));
    if (items.length < perPage) return out;
  }
}

const github = strict({ rest: strict(rest, "github.rest"), paginate }, "github");
const context = new Context();

// ------------------------------------------------------------------------ the script

const nodeRequire = createRequire(path.join(process.cwd(), "noop.js"));
const wrapRequire = new Proxy(nodeRequire, {
  apply: (target, thisArg, [moduleID]) =>
    target.apply(thisArg, [moduleID.startsWith(".") ? path.join(process.cwd(), moduleID) : moduleID]),
});

function save() {
  const tmp = `${statePath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, statePath);
}

try {
  const script = core.getInput("script", { required: true });
  const AsyncFunction = Object.getPrototypeOf(async () => null).constructor;
  const args = {
    require: wrapRequire,
    __original_require__: nodeRequire,
    github,
    context,
    core,
    exec: strict({}, "exec"),
    glob: strict({}, "glob"),
    io: strict({}, "io"),
  };
  const result = await new AsyncFunction(...Object.keys(args), script)(...Object.values(args));
  const encoding = core.getInput("result-encoding") || "json";
  if (encoding !== "json" && encoding !== "string") throw new Error('"result-encoding" must be either "string" or "json"');
  core.setOutput("result", encoding === "json" ? JSON.stringify(result) : String(result));
} catch (err) {
  console.error(err);
  core.setFailed(`Unhandled error: ${err}`);
} finally {
  save();
}
