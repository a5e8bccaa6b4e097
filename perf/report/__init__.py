"""Reports of a run directory: HTML, the PR comment, the job summary and trend data.

`render(run_dir)` writes report.html, comment.md, summary.md and benchmark-action.json into the
run directory and returns their paths; it is a pure function of run.json and the files beside it.
"""

from __future__ import annotations

from perf.report.render import COMMENT_MARKER, annotations, emit_annotations, render

__all__ = ["COMMENT_MARKER", "annotations", "emit_annotations", "render"]
