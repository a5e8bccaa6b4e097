"""The load A/B: base and head under the same concurrent load in one Locust run, request by
request alternately, compared per endpoint on P50, P95 and P99 (perf/loadab/runner.py)."""
