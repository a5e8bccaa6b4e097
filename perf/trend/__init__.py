"""The weekly trend, per endpoint and percentile, and a change-point detector that warns on a
real change (issue 16, item 3).

`history` reads what github-action-benchmark stores on gh-pages (`data.js`) into one series
per benchmark name; `detect` finds the weeks where a series shifted and which shift the newest
week brought; `cli` is `perfci trend`; `simulate` compares the detector's false alarms and
detections with the action's point-vs-previous rules on synthetic noisy histories.

Why a change-point detector: the action's own alert compares this week with last week
(`current / previous > alert-threshold`). With this machine's noise (±9-17 % from run to run,
../shared/research/noise-ab.md) a 10 % rule fires on a quarter to a third of identical pairs,
and the 120 % rule the workflow sets still fires on several weeks a year per series; and a
step that the noise hides in the week it lands is never seen again by a rule that only looks
one week back. A change-point test looks at all the weeks before and since.

Why ruptures and not Apache Otava (formerly Hunter), after reading both:

- Otava (`otava/analysis.py`, `otava/change_point_divisive/`) is the algorithm of record for
  this job: E-divisive means candidates, confirmed by a t-test and a merge step with a minimum
  magnitude (Fleming et al., ICPE 2023). But as a dependency it does not fit perfci: the
  `apache-otava` 0.8.0 wheel pins `numpy==2.2.0.*` and `scipy>=1.16,<1.17` (this environment
  and perfci's other dependencies run numpy 2.4 and scipy 1.17: installing it downgrades both)
  and pulls 26 packages for its data sources and notifiers (google-cloud-bigquery, grpcio,
  slack-sdk, pg8000, ruamel.yaml pinned, ...), none of which perfci uses; its public entry
  points are its CLI and config-driven importers, the analysis functions being internals.
- ruptures 1.1.10 (BSD-2) is one wheel whose only dependencies, numpy and scipy, perfci already
  has; it is a maintained change-point library with exact segmentation (PELT) in C. It has no
  significance test of its own (it segments under a penalty), so the test is E-divisive's
  permutation test (Matteson and James) with Student's t as the statistic, inside Otava's merge
  step: each candidate is confirmed when the best split of its two neighbouring segments beats
  the best split of 4,999 shuffles of them (p <= 0.001, Otava's default) and moves the median
  by 5 % or more; the weakest is dropped and its neighbours re-tested (`detect._confirm`, as
  Otava's `merge`). The plain t-test p at the chosen split, as Otava computes it, ignores that
  the split was the best of all, and flagged a spurious shift in the recorded flat history.
  E-divisive's other strength, finding changes of shape as well as of level, is not needed:
  the series are percentiles, and a change of level on log values is what PELT's L2 cost finds.

Limits, by design: a series needs MIN_POINTS (6) weeks; with 3 points nothing is decided (the
series is listed as "too short", exit 0), because a change needs two weeks on each side and a
single week apart is indistinguishable from an outlier. So a step is never flagged in the week
it lands: at ±9 % weekly noise a +15 % step that is found is found a median 5 weeks later
(up to 9), and then reported at the week it happened; in 20 synthetic histories 5 of 20 steps
were found within 10 weeks, with no false alarm in 20 flat ones (`python -m
perf.trend.simulate`). MAX_PVALUE trades the two. Only a shift the newest week brought is
"new" (exit 1 if slower); older ones are listed as history in every later run.
"""
