"""Load tests with Locust: the scenario matrix (config), load shapes, the users, the runner
behind `perfci load`, exact percentiles from recorded samples, gates and resources.

Modules: `matrix` (the [load] section as scenarios), `shapes` (LoadTestShape classes),
`locustfile` (the scenario's users, looked up by name by `catalog` in the service's user
modules and perf's generic `endpoint_user`), `common` (the plan, the base user, the recording
every user shares), `samples` (exact statistics of the recorded requests), `gates` (k6-like
thresholds), `resources` (psutil + the service's pool gauges), `runner` (`run_load`), `table`
(terminal output), `cli` (`perfci load`).
"""
