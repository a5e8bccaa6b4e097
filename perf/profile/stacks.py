"""Sampled stacks from py-spy: its speedscope file made schema-valid, the collapsed stacks
(flamegraph.pl's folded format), a flame graph SVG, and hot functions with their share.

py-spy writes one speedscope file per recording (`--format speedscope`): frames with function
name, file and line, and per thread the sampled stacks root first. Everything else here is
derived from that one file, so the three outputs always describe the same samples.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Frame:
    name: str
    file: str
    line: int | None

    @property
    def label(self) -> str:
        short = shorten(self.file)
        return f"{self.name} ({short}:{self.line})" if self.line else f"{self.name} ({short})"


@dataclass
class Samples:
    """Stacks (root first) with their sample counts, over all threads."""

    frames: list[Frame]
    stacks: Counter = field(default_factory=Counter)  # tuple of frame indices -> samples
    interval: float = 0.01  # seconds per sample
    startup: int = 0  # samples dropped because they were taken during imports

    @property
    def total(self) -> int:
        return sum(self.stacks.values())


def shorten(path: str) -> str:
    """`/…/site-packages/httpx/_client.py` → `httpx/_client.py`; a file of a local package from
    its top package directory (`app/routers/books.py`); the standard library by file name."""
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in path:
            return path.split(marker, 1)[1]
    p = Path(path)
    if p.is_absolute() and p.parent.joinpath("__init__.py").exists():
        top = p.parent
        while top.parent.joinpath("__init__.py").exists():
            top = top.parent
        return str(p.relative_to(top.parent))
    parts = p.parts
    if "lib" in parts and any(x.startswith("python3") for x in parts):
        return p.name
    return "/".join(parts[-2:]) if len(parts) > 2 else path


def is_startup(frame: Frame) -> bool:
    """Import machinery: samples taken while the server was still starting up."""
    return frame.file.startswith("<frozen importlib")


def normalize_speedscope(path: Path) -> dict:
    """Load py-spy's speedscope file and drop what speedscope's own JSON schema rejects
    (`activeProfileIndex: null`, frame fields set to null); rewrite it in place."""
    data = json.loads(path.read_text())
    if data.get("activeProfileIndex") is None:
        data["activeProfileIndex"] = 0
    for frame in data.get("shared", {}).get("frames", []):
        for key in [k for k, v in frame.items() if v is None]:
            del frame[key]
    path.write_text(json.dumps(data))
    return data


def from_speedscope(data: dict) -> Samples:
    frames = [
        Frame(f.get("name", "?"), f.get("file", ""), f.get("line"))
        for f in data.get("shared", {}).get("frames", [])
    ]
    samples = Samples(frames=frames)
    weights_seen: list[float] = []
    for profile in data.get("profiles", []):
        if profile.get("type") != "sampled":
            continue
        for stack, weight in zip(profile["samples"], profile["weights"], strict=True):
            if any(is_startup(frames[i]) for i in stack):
                samples.startup += 1  # the server importing itself: not request work
                continue
            samples.stacks[tuple(stack)] += 1
            weights_seen.append(weight)
    if weights_seen:
        samples.interval = min(weights_seen)
    return samples


def write_collapsed(samples: Samples, path: Path) -> Path:
    """flamegraph.pl's folded format: `root;child;leaf count`, one line per distinct stack."""
    lines = []
    for stack, count in sorted(samples.stacks.items(), key=lambda kv: (-kv[1], kv[0])):
        names = ";".join(samples.frames[i].label.replace(";", ":") for i in stack)
        lines.append(f"{names} {count}")
    path.write_text("\n".join(lines) + ("\n" if lines else ""))
    return path


# --------------------------------------------------------------------------- hot functions


@dataclass
class HotFunction:
    function: str  # "name (file:line)"
    own_code: bool  # in the service's package
    self_samples: int
    total_samples: int
    attributed_samples: int  # the innermost frame of the service's own code in the stack

    def as_dict(self, total: int, interval: float) -> dict:
        share = (lambda n: round(n / total, 4)) if total else (lambda n: 0.0)
        return {
            "function": self.function,
            "own_code": self.own_code,
            "self_share": share(self.self_samples),
            "total_share": share(self.total_samples),
            "attributed_share": share(self.attributed_samples),
            "self_seconds": round(self.self_samples * interval, 3),
            "total_seconds": round(self.total_samples * interval, 3),
            "attributed_seconds": round(self.attributed_samples * interval, 3),
        }


def is_own(frame: Frame, package: str) -> bool:
    """Whether the frame is the service's own code: `package` is its top package's name (a
    service started as an ASGI app), or an absolute directory, the service root (a service
    started by a command), whose files outside installed packages are its own."""
    f = frame.file.replace("\\", "/")
    if package.startswith("/"):
        root = package.rstrip("/") + "/"
        return f.startswith(root) and not any(
            m in f for m in ("/site-packages/", "/dist-packages/")
        )
    return f"/{package}/" in f or f.startswith(f"{package}/")


def own_code_name(package: str) -> str:
    """How reports name the service's own code: the package, or the root directory's name."""
    return Path(package).name if package.startswith("/") else package


def hot_functions(samples: Samples, package: str) -> list[HotFunction]:
    """Per function: samples where it is the leaf (self), anywhere in the stack (total), and the
    innermost frame of `package` (attributed: its own time plus the libraries it called)."""
    table: dict[str, HotFunction] = {}

    def entry(frame: Frame) -> HotFunction:
        key = frame.label
        if key not in table:
            table[key] = HotFunction(key, is_own(frame, package), 0, 0, 0)
        return table[key]

    for stack, count in samples.stacks.items():
        if not stack:
            continue
        frames = [samples.frames[i] for i in stack]
        entry(frames[-1]).self_samples += count
        for frame in {f.label: f for f in frames}.values():
            entry(frame).total_samples += count
        own = [f for f in frames if is_own(f, package)]
        if own:
            entry(own[-1]).attributed_samples += count
    return sorted(
        table.values(), key=lambda h: (-h.attributed_samples, -h.self_samples, h.function)
    )


# --------------------------------------------------------------------------- flame graph SVG

FRAME_HEIGHT = 16
WIDTH = 1200
FONT = 11
MIN_WIDTH = 0.5  # px: narrower frames are not drawn (their time stays in the parent)


@dataclass
class _Node:
    count: int = 0
    children: dict[int, _Node] = field(default_factory=dict)


def frame_box(
    x: float,
    y: float,
    w: float,
    height: int,
    font: int,
    label: str,
    fill: str,
    tip: str,
    stroke: str = "",
) -> str:
    """One frame of a flame graph: its box, its label cut to the width, its tooltip (`tip` is
    plain text; `stroke` extra attributes of the box)."""
    text = ""
    chars = int(w / (font * 0.6))
    if chars >= 3:
        shown = label if len(label) <= chars else label[: chars - 2] + ".."
        text = f'<text x="{x + 3:.1f}" y="{y + height - 4}">{xml_text(shown)}</text>'
    return (
        f"<g><title>{xml_text(tip)}</title>"
        f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{height - 1}" fill="{fill}" '
        f'{stroke}rx="2"/>{text}</g>'
    )


def _color(frame: Frame, own: bool) -> str:
    h = zlib.crc32(frame.name.encode()) & 0xFFFF
    if own:  # the service's code: blue-ish, so it stands out among the warm library frames
        return f"rgb({60 + h % 40},{120 + h % 60},{200 + h % 55})"
    return f"rgb({205 + h % 50},{80 + h % 120},{40 + (h >> 4) % 40})"


# Characters XML 1.0 does not allow: py-spy reads frame names from a live process and now and
# then gets garbage (a frame "*" in file "\0" made one flamegraph.svg unparseable).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` escaped for XML content, characters XML cannot hold replaced by U+FFFD."""
    return html.escape(_NOT_XML.sub("\ufffd", text))


def flamegraph_svg(samples: Samples, title: str, package: str) -> str:
    """A static flame graph (root at the bottom, width ∝ samples) with a tooltip per frame."""
    root = _Node()
    for stack, count in samples.stacks.items():
        node = root
        node.count += count
        for i in stack:
            node = node.children.setdefault(i, _Node())
            node.count += count
    depth = [0]

    def measure(node: _Node, level: int) -> None:
        depth[0] = max(depth[0], level)
        for child in node.children.values():
            measure(child, level + 1)

    measure(root, 0)
    total = max(root.count, 1)
    height = (depth[0] + 1) * FRAME_HEIGHT + 60
    scale = (WIDTH - 20) / total
    rects: list[str] = []

    def draw(node: _Node, index: int | None, x: float, level: int) -> None:
        w = node.count * scale
        if w < MIN_WIDTH:
            return
        y = height - 30 - (level + 1) * FRAME_HEIGHT
        if index is None:
            label, fill = f"all ({total} samples)", "rgb(200,200,200)"
        else:
            frame = samples.frames[index]
            label, fill = frame.label, _color(frame, is_own(frame, package))
        pct = 100.0 * node.count / total
        tip = f"{label} — {node.count} samples, {pct:.2f} %"
        rects.append(frame_box(x, y, w, FRAME_HEIGHT, FONT, label, fill, tip))
        cx = x
        for i, child in sorted(node.children.items(), key=lambda kv: samples.frames[kv[0]].label):
            draw(child, i, cx, level + 1)
            cx += child.count * scale

    draw(root, None, 10.0, 0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Verdana, sans-serif" '
        f'font-size="{FONT}">'
        f'<rect width="100%" height="100%" fill="#fdfdf6"/>'
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="15">'
        f"{xml_text(title)}</text>"
        f'<text x="10" y="{height - 10}" fill="#555">{total} samples; blue frames are '
        f"{xml_text(own_code_name(package))} code; hover for details</text>"
        + "".join(rects)
        + "</svg>\n"
    )
