"""Replay of the GitHub workflows in .github/workflows/, step by step, as GitHub's runner runs them.

Why: zizmor, check-jsonschema and tests/test_workflows.py read the workflow files; none of them
runs them, and workflows that passed all three would still have failed on GitHub (a variable
nothing set, a job condition false on schedule events, an action pinned to a SHA that does not
exist, the wrong base commit). A replay runs what a GitHub run would run, with the runner's
semantics, against a fake GitHub, and shows what a user would see: job results, the job
summary, annotations, PR comments, artifacts, trend data.

- `contexts`: the expression contexts (github, env, steps, needs, secrets, vars, ...) and their
  evaluation by GitHub's own evaluator, @actions/expressions, in one long-lived Node process
  (ci/replay/eval.mjs).
- `runner`: workflows, jobs and steps: `needs` order, `if:` with the implicit `success()`,
  outputs, `env` levels, the default shells, the file commands (GITHUB_OUTPUT, GITHUB_ENV,
  GITHUB_PATH, GITHUB_STEP_SUMMARY), workflow commands (annotations), timeouts,
  continue-on-error, concurrency, the token's permissions.
- `actions`: the `uses:` steps as their documented contracts (checkout, setup-python,
  upload/download-artifact, github-script run for real in Node, github-action-benchmark),
  each resolved against the verified pin table ci/action-pins.json first.
- `fakegithub`: the GitHub side: the repository as a real git remote (branches, pull requests,
  merge refs), runs and their artifacts, PR comments, the gh-pages trend data, the tokens;
  `fake_octokit.mjs` is the Octokit that github-script steps get over the same state.

The long measuring stages of perfci are fed by a recorded run directory
(PERFCI_RECORDED_RUN); everything else, perfci included, runs for real.
"""
