"""pytest-benchmark suites: endpoint benchmarks driven by perfci.toml, and engine benchmarks."""
