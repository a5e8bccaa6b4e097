"""Every `uses:` in .github/workflows is pinned to a commit SHA that was verified against the
action's tag (ci/action-pins.json), with that tag in a `# vX...` comment on the same line, and
every service container runs the image recorded in ci/service-images.json. No network: the
verification itself is recorded in the JSON files (see ci/action-pins.md for re-checking online).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = ROOT / ".github" / "workflows"
PINS_FILE = ROOT / "ci" / "action-pins.json"
IMAGES_FILE = ROOT / "ci" / "service-images.json"

USES = re.compile(
    r"^(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?P<path>/[^@\s]+)?@(?P<sha>[0-9a-f]{40})$"
)
TAG_COMMENT = re.compile(r"^#\s*(?P<tag>v\d[\w.+-]*)$")
SHA = re.compile(r"^[0-9a-f]{40}$")
TAG = re.compile(r"^v\d+\.\d+\.\d+$")

# The SHA once pinned for benchmark-action/github-action-benchmark v1.20.4: no such commit exists.
BAD_SHA = "d48d326b4ca9ba73ca32a28a0dbe91660ab6f6bd"


def load_workflow(text: str) -> dict:
    data = yaml.safe_load(text)
    if isinstance(data, dict) and True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def uses_refs(text: str) -> list[tuple[int, str, str]]:
    """(1-based line, `uses:` value, comment after it on that line) for every step `uses:` and
    every reusable-workflow `uses:` of a job, in file order."""
    root = yaml.compose(text)
    lines = text.splitlines()
    nodes: list[yaml.Node] = []
    jobs = _value(root, "jobs")
    if isinstance(jobs, yaml.MappingNode):
        for _, job in jobs.value:
            if (node := _value(job, "uses")) is not None:
                nodes.append(node)
            steps = _value(job, "steps")
            if isinstance(steps, yaml.SequenceNode):
                nodes.extend(n for s in steps.value if (n := _value(s, "uses")) is not None)
    out = []
    for node in nodes:
        start, end = node.start_mark, node.end_mark
        rest = lines[end.line][end.column :] if end.line == start.line else ""
        comment = rest.strip() if rest.strip().startswith("#") else ""
        out.append((start.line + 1, str(node.value), comment))
    return out


def check_pins(workflow_texts: dict[str, str], table: list[dict]) -> list[str]:
    """Problems with the `uses:` pins of the given workflows (name -> YAML text) against the
    verified pins table (rows of ci/action-pins.json). An empty list means all is well."""
    rows = {(r["action"], r["sha"], r["tag"]) for r in table}
    problems = []
    for name, text in sorted(workflow_texts.items()):
        data = load_workflow(text)
        if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict):
            problems.append(f"{name}: no `jobs` mapping")
            continue
        for line, ref, comment in uses_refs(text):
            where = f"{name}:{line}: {ref}"
            if ref.startswith("./"):
                continue  # an action or workflow of this repository, pinned by the checkout
            m = USES.match(ref)
            if not m:
                problems.append(f"{where}: not owner/repo[/path]@<40-hex commit SHA>")
                continue
            c = TAG_COMMENT.match(comment)
            if not c:
                problems.append(f"{where}: no `# vX...` tag comment on the same line")
                continue
            action, sha, tag = m["action"], m["sha"], c["tag"]
            if (action, sha, tag) in rows:
                continue
            known = sorted(r["sha"] for r in table if (r["action"], r["tag"]) == (action, tag))
            if known:
                problems.append(
                    f"{where} # {tag}: SHA is not the verified commit of {action} {tag} "
                    f"({known[0]}, ci/action-pins.json)"
                )
            else:
                problems.append(
                    f"{where} # {tag}: ({action}, {sha}, {tag}) is not a row of ci/action-pins.json"
                )
    return problems


def check_service_images(workflow_texts: dict[str, str], images: list[dict]) -> list[str]:
    """Problems with every `jobs.*.services.*.image` against the pinned images (rows of
    ci/service-images.json)."""
    pinned = {e["image"] for e in images}
    problems = []
    for name, text in sorted(workflow_texts.items()):
        data = load_workflow(text) or {}
        for job_id, job in (data.get("jobs") or {}).items():
            for svc_id, svc in ((job or {}).get("services") or {}).items():
                image = (svc or {}).get("image") if isinstance(svc, dict) else None
                if image in pinned:
                    continue
                repo = str(image).split("@")[0].split(":")[0]
                want = sorted(i for i in pinned if i.split("@")[0].split(":")[0] == repo)
                problems.append(
                    f"{name}: jobs.{job_id}.services.{svc_id}.image is {image!r}, "
                    f"not a pinned image ({', '.join(want) or 'none recorded for it'})"
                )
    return problems


def workflow_texts() -> dict[str, str]:
    paths = sorted(WORKFLOW_DIR.glob("*.yml")) + sorted(WORKFLOW_DIR.glob("*.yaml"))
    return {p.name: p.read_text() for p in paths}


@pytest.fixture(scope="module")
def table() -> list[dict]:
    return json.loads(PINS_FILE.read_text())


@pytest.fixture(scope="module")
def images() -> list[dict]:
    return json.loads(IMAGES_FILE.read_text())


def test_pins_table_well_formed(table):
    assert table, "ci/action-pins.json is empty"
    assert [r["action"] for r in table] == sorted(r["action"] for r in table), "not sorted"
    keys = {"action", "tag", "sha", "verified", "snapshot_head"}
    for r in table:
        assert set(r) == keys, r
        assert re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", r["action"]), r
        assert TAG.match(r["tag"]), r
        assert SHA.match(r["sha"]), r
        assert SHA.match(r["snapshot_head"]), r
        assert r["sha"] in r["verified"] and r["tag"] in r["verified"], r
    assert len({(r["action"], r["tag"]) for r in table}) == len(table), "duplicate rows"
    assert BAD_SHA not in {r["sha"] for r in table}


def test_service_images_well_formed(images):
    assert images
    for e in images:
        assert re.fullmatch(r"[a-z0-9._/-]+:[\w.-]+(@sha256:[0-9a-f]{64})?", e["image"]), e
        assert e["verified"] and SHA.match(e["snapshot_head"]), e


def test_workflows_found():
    texts = workflow_texts()
    assert texts, f"no workflows under {WORKFLOW_DIR}"
    assert any(uses_refs(t) for t in texts.values())


def test_every_uses_is_a_verified_pin(table):
    problems = check_pins(workflow_texts(), table)
    assert not problems, "\n".join(problems)


def test_every_pin_row_is_used(table):
    used = set()
    for text in workflow_texts().values():
        for _, ref, _ in uses_refs(text):
            if m := USES.match(ref):
                used.add((m["action"], m["sha"]))
    stale = [r for r in table if (r["action"], r["sha"]) not in used]
    assert not stale, f"rows of ci/action-pins.json no workflow uses: {stale}"


def test_every_service_image_is_pinned(images):
    problems = check_service_images(workflow_texts(), images)
    assert not problems, "\n".join(problems)


GOOD = """\
name: t
on:
  push:
jobs:
  a:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: {image}
    steps:
      - uses: {uses}
      - run: echo hi
  b:
    uses: {reusable}
"""
ROW = {
    "action": "o/r",
    "tag": "v1.2.3",
    "sha": "a" * 40,
    "verified": "x",
    "snapshot_head": "b" * 40,
}
OK_USES = f"o/r@{'a' * 40} # v1.2.3"
OK_REUSABLE = f"o/r/.github/workflows/w.yml@{'a' * 40} # v1.2.3"


def wf(uses: str = OK_USES, reusable: str = OK_REUSABLE, image: str = "postgres:15.19") -> str:
    return GOOD.format(uses=uses, reusable=reusable, image=image)


def test_check_pins_accepts_a_good_workflow():
    assert check_pins({"w.yml": wf()}, [ROW]) == []
    assert check_service_images({"w.yml": wf()}, [{"image": "postgres:15.19"}]) == []


def test_check_pins_reports_the_nonexistent_benchmark_sha(table):
    good = next(r for r in table if r["action"] == "benchmark-action/github-action-benchmark")
    bad = f"benchmark-action/github-action-benchmark@{BAD_SHA} # v1.20.4"
    problems = check_pins({"perf-weekly.yml": wf(uses=bad, reusable=OK_REUSABLE)}, [*table, ROW])
    assert len(problems) == 1, problems
    assert "perf-weekly.yml:11:" in problems[0]
    assert BAD_SHA in problems[0] and good["sha"] in problems[0]


@pytest.mark.parametrize(
    ("uses", "reusable", "expected"),
    [
        (f"o/r@{'c' * 40} # v1.2.3", OK_REUSABLE, "SHA is not the verified commit"),
        (f"o/r@{'a' * 40} # v1.2.4", OK_REUSABLE, "is not a row of ci/action-pins.json"),
        (f"x/y@{'a' * 40} # v1.2.3", OK_REUSABLE, "is not a row of ci/action-pins.json"),
        (f"o/r@{'a' * 40}", OK_REUSABLE, "no `# vX...` tag comment"),
        (f"o/r@{'a' * 40} # pinned", OK_REUSABLE, "no `# vX...` tag comment"),
        ("o/r@v1.2.3 # v1.2.3", OK_REUSABLE, "not owner/repo[/path]@<40-hex"),
        (f"o/r@{'a' * 39} # v1.2.3", OK_REUSABLE, "not owner/repo[/path]@<40-hex"),
        ("docker://postgres:15", OK_REUSABLE, "not owner/repo[/path]@<40-hex"),
        (OK_USES, f"o/r/.github/workflows/w.yml@{'c' * 40} # v1.2.3", "w.yml:14:"),
        (OK_USES, "o/r/.github/workflows/w.yml@main", "not owner/repo[/path]@<40-hex"),
    ],
)
def test_check_pins_reports_bad_refs(uses, reusable, expected):
    problems = check_pins({"w.yml": wf(uses=uses, reusable=reusable)}, [ROW])
    assert len(problems) == 1, problems
    assert expected in problems[0], problems


def test_check_pins_skips_local_refs():
    assert check_pins({"w.yml": wf(reusable="./.github/workflows/local.yml")}, [ROW]) == []


def test_check_service_images_reports_a_floating_tag():
    pinned = [{"image": "postgres:15.19"}]
    problems = check_service_images({"w.yml": wf(image="postgres:15")}, pinned)
    assert problems == [
        "w.yml: jobs.a.services.postgres.image is 'postgres:15', "
        "not a pinned image (postgres:15.19)"
    ]
