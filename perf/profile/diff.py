"""A differential profile: where the head's server spends a larger share of its time than the
base's, from both arms' sampled stacks of the same endpoint (perf.ab's profiling pass).

Both recordings are folded into stacks of frames (root first) and normalised to shares of their
own arm's samples, so that the head's extra time reads as a share that grew, whatever the two
recordings' lengths. Frames are matched between the arms by function and file, not line: with
py-spy's `--function` the line is the function's first line, which moves when the change adds
lines above it.

- `top_grown`: the frames whose share grew the most. The service's own frames are preferred and
  ranked by their *attributed* share (samples where the frame is the innermost frame of the
  service's own code: its own lines plus the libraries it calls; as `stacks.hot_functions`), so
  that the function that got slower ranks above its callers, whose inclusive share grows by as
  much. Without an own frame that grew, the other frames by their self share, less the
  interpreter, the server and the framework (`is_infra`).
- `diff_flamegraph_svg`: Brendan Gregg's differential flame graph: the head's stacks (width =
  the head's share), each frame coloured by how its self share changed against the base on the
  same path (red grew, blue shrank, white unchanged). Frames that are only in the base have no
  width in the head and are not drawn.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from perf.profile import stacks

# Frames that say nothing about the service's request work: the interpreter starting, the
# server's event loop and worker threads, the framework's routing.
INFRA_FILES = (
    "/uvicorn/",
    "/uvloop/",
    "/asyncio/",
    "/anyio/",
    "/starlette/",
    "/fastapi/",
    "/h11/",
    "/httptools/",
    "/click/",
    "/concurrent/",
    "/threading.py",
    "/runpy.py",
    "/selectors.py",
)
INFRA_LABELS = (  # the same, for frames read back from collapsed files (shortened paths)
    "uvicorn/",
    "uvloop/",
    "asyncio/",
    "anyio/",
    "starlette/",
    "fastapi/",
    "h11/",
    "httptools/",
    "click/",
    "concurrent/",
    "threading.py",
    "runpy.py",
    "selectors.py",
)
# Leaves of a thread that waits (py-spy counts a few such waits as active): the event loop in
# its selector, a worker thread on its queue. Not request work: dropped before the shares.
IDLE_LEAVES = (
    ("selectors.py", ""),
    ("threading.py", "wait"),
    ("threading.py", "acquire"),
    ("threading.py", "join"),
    ("queue.py", "get"),
)
MIN_GROWTH = 0.005  # a frame must have grown by half a percentage point to be listed

_LINE = re.compile(r":\d+\)$")


def is_infra(frame: stacks.Frame) -> bool:
    f = frame.file.replace("\\", "/")
    return stacks.is_startup(frame) or f.startswith("<") or any(m in f for m in INFRA_FILES)


def is_infra_label(label: str) -> bool:
    """`is_infra` of a collapsed file's label: `name (file:line)`."""
    file = label.rsplit(" (", 1)[-1].rstrip(")")
    return file.startswith("<") or file.startswith(INFRA_LABELS)


def is_idle_label(label: str) -> bool:
    """Whether a stack whose leaf is `label` is a thread waiting, not working."""
    name, _, rest = label.rpartition(" (")
    file = rest.rstrip(")").rsplit(":", 1)[0]
    return any(
        (file == f or file.endswith("/" + f)) and name.rsplit(".", 1)[-1].endswith(n)
        for f, n in IDLE_LEAVES
    )


@dataclass(frozen=True)
class DFrame:
    label: str  # "name (file:line)", as stacks.Frame.label
    own: bool = False  # the service's own code
    infra: bool = False  # interpreter, server, framework

    @property
    def key(self) -> str:
        """The frame as matched between the arms: function and file, not line."""
        return _LINE.sub(")", self.label)


Folded = Counter  # tuple[DFrame, ...] (root first) -> samples


def fold(samples: stacks.Samples, package: str) -> Folded:
    """The samples' stacks (startup already dropped by `stacks.from_speedscope`), less the
    idle ones (`is_idle_label`)."""
    frames = [
        DFrame(f.label.replace(";", ":"), stacks.is_own(f, package), is_infra(f))
        for f in samples.frames
    ]
    out: Folded = Counter()
    for stack, count in samples.stacks.items():
        if stack and not is_idle_label(frames[stack[-1]].label):
            out[tuple(frames[i] for i in stack)] += count
    return out


def parse_collapsed(
    text: str,
    own: Callable[[str], bool] = lambda label: False,
    infra: Callable[[str], bool] = is_infra_label,
) -> Folded:
    """flamegraph.pl's folded format (`root;child;leaf count` per line) into stacks, less the
    idle ones, as `fold` makes them."""
    out: Folded = Counter()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            raise ValueError(f"not a collapsed-stack line: {line[:120]!r}")
        labels = stack.split(";")
        if not is_idle_label(labels[-1]):
            out[tuple(DFrame(x, own(x), infra(x)) for x in labels)] += int(count)
    return out


def collapsed_text(folded: Folded) -> str:
    lines = [
        f"{';'.join(f.label for f in stack)} {count}"
        for stack, count in sorted(
            folded.items(), key=lambda kv: (-kv[1], [f.label for f in kv[0]])
        )
    ]
    return "\n".join(lines) + ("\n" if lines else "")


# --------------------------------------------------------------------------- shares


@dataclass
class Shares:
    """Per frame key, the samples with the frame anywhere in the stack (inclusive), as the
    leaf (self), and as the innermost own frame (attributed)."""

    total: int = 0
    inclusive: Counter = field(default_factory=Counter)
    leaf: Counter = field(default_factory=Counter)
    attributed: Counter = field(default_factory=Counter)
    frames: dict[str, DFrame] = field(default_factory=dict)

    def share(self, table: Counter, key: str) -> float:
        return table.get(key, 0) / self.total if self.total else 0.0


def shares(folded: Folded) -> Shares:
    s = Shares()
    for stack, count in folded.items():
        s.total += count
        for f in stack:
            s.frames.setdefault(f.key, f)
        for key in {f.key for f in stack}:  # a recursive frame counts once per sample
            s.inclusive[key] += count
        s.leaf[stack[-1].key] += count
        own = [f for f in stack if f.own]
        if own:
            s.attributed[own[-1].key] += count
    return s


def top_grown(base: Folded, head: Folded, limit: int = 5) -> list[dict]:
    """The frames whose share grew the most from base to head (see the module's docstring),
    each with its inclusive share of each arm's samples (`base_share`, `head_share`: with its
    callees) and the share it is ranked by (`base_own_share`, `head_own_share`). A frame is
    listed only when both grew."""
    b, h = shares(base), shares(head)
    if not b.total or not h.total:
        return []

    def growth(table: str, key: str) -> float:
        return h.share(getattr(h, table), key) - b.share(getattr(b, table), key)

    keys = set(h.frames) | set(b.frames)
    frame = {k: h.frames.get(k) or b.frames[k] for k in keys}

    def grew(table: str, k: str) -> bool:  # by its ranking share, and with its callees
        return growth(table, k) >= MIN_GROWTH and growth("inclusive", k) > 0

    table = "attributed"
    chosen = [k for k in keys if frame[k].own and grew(table, k)]
    if not chosen:
        table = "leaf"
        chosen = [k for k in keys if not frame[k].infra and grew(table, k)]
    chosen.sort(key=lambda k: (-growth(table, k), k))
    return [
        {
            "frame": frame[k].label,
            "own": frame[k].own,
            "base_share": round(b.share(b.inclusive, k), 4),
            "head_share": round(h.share(h.inclusive, k), 4),
            # the share it is ranked by: as the innermost own frame, or as the leaf ("self")
            "base_own_share": round(b.share(getattr(b, table), k), 4),
            "head_own_share": round(h.share(getattr(h, table), k), 4),
            "grown_by": round(growth(table, k), 4),
            "ranked_by": "own frame" if table == "attributed" else "self",
        }
        for k in chosen[:limit]
    ]


# --------------------------------------------------------------------------- the SVG


@dataclass
class _Node:
    frame: DFrame | None = None
    count: int = 0
    self_count: int = 0
    children: dict[str, _Node] = field(default_factory=dict)


def _path_counts(folded: Folded) -> tuple[Counter, Counter]:
    """Inclusive and self samples per path of frame keys (a node of the flame graph)."""
    inclusive, own = Counter(), Counter()
    for stack, count in folded.items():
        keys = tuple(f.key for f in stack)
        for depth in range(1, len(keys) + 1):
            inclusive[keys[:depth]] += count
        own[keys] += count
    return inclusive, own


def _diff_color(delta: float, scale: float) -> str:
    """Gregg's palette: red for a share that grew, blue for one that shrank, white for none."""
    if scale <= 0 or abs(delta) < 1e-12:
        return "rgb(250,250,250)"
    c = int(210 * (1 - min(abs(delta) / scale, 1.0)))
    return f"rgb(255,{c},{c})" if delta > 0 else f"rgb({c},{c},255)"


def diff_flamegraph_svg(base: Folded, head: Folded, title: str) -> str:
    root = _Node()
    for stack, count in head.items():
        node = root
        node.count += count
        for f in stack:
            node = node.children.setdefault(f.key, _Node(frame=f))
            node.count += count
        node.self_count += count
    b_incl, b_self = _path_counts(base)
    b_total = sum(base.values())
    h_total = max(root.count, 1)

    def b_share(table: Counter, path: tuple[str, ...]) -> float:
        return table.get(path, 0) / b_total if b_total else 0.0

    # the colour scale: the largest change of a self share, on any path of either arm
    _, h_self = _path_counts(head)
    paths = set(h_self) | set(b_self)
    scale = max((abs(h_self.get(p, 0) / h_total - b_share(b_self, p)) for p in paths), default=0.0)
    depth = [0]

    def measure(node: _Node, level: int) -> None:
        depth[0] = max(depth[0], level)
        for child in node.children.values():
            measure(child, level + 1)

    measure(root, 0)
    width, fh, font = stacks.WIDTH, stacks.FRAME_HEIGHT, stacks.FONT
    height = (depth[0] + 1) * fh + 76
    px = (width - 20) / h_total
    rects: list[str] = []

    def draw(node: _Node, path: tuple[str, ...], x: float, level: int) -> None:
        w = node.count * px
        if w < stacks.MIN_WIDTH:
            return
        y = height - 46 - (level + 1) * fh
        if node.frame is None:
            label, fill = f"all (head {h_total} samples, base {b_total})", "rgb(220,220,220)"
            tip = label
        else:
            label = node.frame.label
            hs, bs = node.count / h_total, b_share(b_incl, path)
            hself, bself = node.self_count / h_total, b_share(b_self, path)
            fill = _diff_color(hself - bself, scale)
            tip = (
                f"{label} — head {100 * hs:.1f} % of samples (base {100 * bs:.1f} %); "
                f"self {100 * hself:.1f} % (base {100 * bself:.1f} %)"
            )
        stroke = 'stroke="rgb(200,200,200)" stroke-width="0.5" '
        rects.append(stacks.frame_box(x, y, w, fh, font, label, fill, tip, stroke))
        cx = x
        for key, child in sorted(node.children.items()):
            draw(child, (*path, key), cx, level + 1)
            cx += child.count * px

    draw(root, (), 10.0, 0)
    legend = (
        f"width: the head's samples ({h_total}); colour: the frame's own (self) share against "
        f"the base ({b_total} samples), red grew, blue shrank (darkest: "
        f"{100 * scale:.1f} percentage points); frames only in the base are not drawn"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Verdana, sans-serif" font-size="{font}">'
        f'<rect width="100%" height="100%" fill="#fdfdf6"/>'
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="15">'
        f"{html.escape(title)}</text>"
        f'<text x="10" y="{height - 26}" fill="#555">{html.escape(legend)}</text>'
        f'<text x="10" y="{height - 10}" fill="#555">hover a frame for its shares in both '
        "arms</text>" + "".join(rects) + "</svg>\n"
    )
