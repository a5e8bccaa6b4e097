"""`pytest perf/bench` run by hand loads the same fixtures as `perfci bench` (perf.bench.plugin)."""

pytest_plugins = ["perf.bench.plugin"]
