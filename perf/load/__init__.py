"""Load tests with Locust: the scenario matrix (config), load shapes, locustfiles per area, the
runner behind `perfci load`, exact percentiles from recorded samples, gates and resources.

Modules: `matrix` (the [load] section as scenarios), `shapes` (LoadTestShape classes),
`locustfile` (+ `users_*` per area, `plan` shared by them), `samples` (exact statistics of the
recorded requests), `gates` (k6-like thresholds), `resources` (psutil + /metrics sampling),
`runner` (`run_load`), `table` (terminal output), `cli` (`perfci load`).
"""
