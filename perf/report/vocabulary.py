"""The words a report uses for an endpoint's verdict, defined once for every output.

`perf.abstats` decides (regression, improvement, suspect, unchanged); a report says what that
decision means for the reader, in one of the verdicts below. Every output (report.html,
comment.md, summary.md, annotations, charts) takes its words, labels and definitions from here,
so that a row's verdict, its reason and the headline cannot use two words for one thing.

"Changed, under the gate" exists because the evaluation runs of 2026-11-29 (slow5-01…10) had
reflection_analyze +5.9 … +8.9 % with CIs clear of zero and a significant rank test, all
reported as "no significant change": below the gate is not the same as no change.
"""

from __future__ import annotations

from dataclasses import dataclass

REGRESSED, IMPROVED = "regressed", "improved"
SLOWER, FASTER = "slower", "faster"  # significant, but within the gate
UNCHANGED, NOISY, NEW, REMOVED = "unchanged", "noisy", "new", "removed"


@dataclass(frozen=True)
class Verdict:
    """One verdict word: `word` is the key (CSS class, count key), `label` what a table shows
    and what a reason starts with, `definition` what the HTML's glossary says (`{gate}` is
    the threshold, `{floor}` the run's noise floors)."""

    word: str
    label: str
    short: str  # the comment's one-line legend
    definition: str


VERDICTS: dict[str, Verdict] = {
    v.word: v
    for v in (
        Verdict(
            REGRESSED,
            "regressed",
            "over the +{gate} gate (CI clear of the noise floor, significant after Holm) "
            "or more statements per request",
            "slower by more than the {gate} gate (change over +{gate}, 95 % CI clear of the "
            "noise floor, rank test significant after Holm's correction), or more SQL "
            "statements per request. Fails the gate.",
        ),
        Verdict(
            IMPROVED,
            "improved",
            "faster by more than the {gate} gate, on the same conditions",
            "faster by more than the {gate} gate (the mirror image of regressed).",
        ),
        Verdict(
            SLOWER,
            "slower (under the gate)",
            "a significant slowdown (Holm, CI clear of the noise floor) under the {gate} gate",
            "a significant slowdown smaller than the {gate} gate: the 95 % CI is above the "
            "noise floor and stays under +{gate}, the rank test is significant (Holm). "
            "Does not fail the gate.",
        ),
        Verdict(
            FASTER,
            "faster (under the gate)",
            "a significant speed-up under the {gate} gate",
            "a significant speed-up smaller than the {gate} gate (the mirror image of slower).",
        ),
        Verdict(
            UNCHANGED,
            "unchanged",
            "no significant change, CI within ±{gate}",
            "no significant change: the 95 % CI reaches the noise floor or the rank test is "
            "not significant, and the CI stays within ±{gate}.",
        ),
        Verdict(
            NOISY,
            "noisy",
            "the CI still reaches past ±{gate} (inconclusive)",
            "inconclusive: not flagged, but the 95 % CI still reaches past ±{gate} (or the "
            "result was borderline and not measured again), so the run cannot rule out a "
            "change of the gate's size.",
        ),
        Verdict(NEW, "new", "in head only", "measured in head only."),
        Verdict(REMOVED, "removed", "in base only", "measured in base only."),
    )
}

# the order of the counts line and the glossary
ORDER = (REGRESSED, IMPROVED, SLOWER, FASTER, UNCHANGED, NOISY, NEW, REMOVED)
# counts always shown; the others only when an endpoint has them
ALWAYS_COUNTED = (REGRESSED, IMPROVED, UNCHANGED, NOISY)

TERMS: dict[str, str] = {
    "change": "the median over blocks of consecutive request pairs of the ratio head/base of "
    "the blocks' medians, minus one; the two arms are called strictly alternately, so machine "
    "drift cancels. The gate decides on this figure and its bootstrap 95 % CI.",
    "P50": "the median of all requests of one arm, unpaired, shown for scale. It can differ "
    "in sign from the change when the change is within the noise: the change compares "
    "neighbouring requests, the P50s whole arms measured at different moments.",
    "gate": "the threshold: a change of more than +{gate} fails the gate (regressed), one "
    "beyond the mirror image 1 / (1 + {gate}) is an improvement; smaller significant changes "
    "are reported as under the gate.",
    "noise floor": "the change an A/A run shows for the endpoint (from the committed noise "
    "floors; in this run {floor}): a CI that reaches it cannot tell a change from noise.",
}


def label(word: str) -> str:
    """The label of a verdict word (the word itself when it is not one of ours)."""
    v = VERDICTS.get(word)
    return v.label if v else word


def percent(fraction: float, digits: int = 0) -> str:
    """A gate or floor as text: 0.1 → "10 %"."""
    return f"{fraction * 100:.{digits}f} %"


def legend(words: list[str], threshold: float) -> str:
    """The short definitions of `words`, for a one-line legend under a table."""
    values = {"gate": percent(threshold)}
    return "; ".join(
        f"{VERDICTS[w].label}: {VERDICTS[w].short.format(**values)}" for w in ORDER if w in words
    )


def definitions(threshold: float, floors: str) -> dict[str, str]:
    """Every verdict and term with its definition, the gate and the run's floors filled in."""
    values = {"gate": percent(threshold), "floor": floors}
    out = {VERDICTS[w].label: VERDICTS[w].definition.format(**values) for w in ORDER}
    out.update({k: v.format(**values) for k, v in TERMS.items()})
    return out
