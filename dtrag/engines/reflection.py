"""Reflection: a case's performance from its recent execution logs, and the batch pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from dtrag.db import repo
from dtrag.schemas import BatchResponse, CasePerformance, CaseSuggestions, CommonError

BATCH_LOG_LIMIT = 100
LOW_PERFORMANCE_RATE = 50.0  # percent: below it a case gets suggestions
CRITICAL_RATE = 30.0
SLOW_EXECUTION_MS = 5000.0


class CaseNotFound(LookupError):
    def __init__(self, case_id: str) -> None:
        super().__init__(f"Case not found: {case_id}")
        self.case_id = case_id


def summarize_logs(case_id: str, logs: Sequence[repo.LogRow], now: datetime) -> CasePerformance:
    """Success rate (percent), mean execution time and error mix of `logs`, 2 dp.

    An error's percentage is its share of the FAILED rows (failed rows without an error_type
    count in the denominator, not in any error). No log gives zeros.
    """
    groups: Counter[tuple[bool, str | None]] = Counter()
    times: Counter[tuple[bool, str | None]] = Counter()
    for log in logs:
        groups[log.success, log.error_type] += 1
        times[log.success, log.error_type] += log.execution_time_ms
    return summarize_groups(
        case_id,
        [repo.LogGroup(s, e, n, times[s, e]) for (s, e), n in groups.items()],
        now,
    )


def summarize_groups(
    case_id: str, groups: Sequence[repo.LogGroup], now: datetime
) -> CasePerformance:
    """`summarize_logs` of logs given as counts per (success, error_type): the same figures."""
    total = sum(g.count for g in groups)
    successes = sum(g.count for g in groups if g.success)
    failures = total - successes
    errors: Counter[str] = Counter()
    for g in groups:
        if not g.success and g.error_type:
            errors[g.error_type] += g.count
    common = sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))
    total_ms = sum(g.total_execution_time_ms for g in groups)
    return CasePerformance(
        case_id=case_id,
        total_executions=total,
        successful_executions=successes,
        failed_executions=failures,
        success_rate=round(100.0 * successes / total, 2) if total else 0.0,
        avg_execution_time_ms=round(total_ms / total, 2) if total else 0.0,
        common_errors=[
            CommonError(error_type=t, count=c, percentage=round(100.0 * c / failures, 2))
            for t, c in common
        ],
        timestamp=now,
    )


def suggest(perf: CasePerformance) -> list[str]:
    """Rule-based suggestions for a low performer (the original's behaviour without an LLM key)."""
    out: list[str] = []
    if perf.success_rate < CRITICAL_RATE:
        out.append(
            f"critical: success rate {perf.success_rate:.2f}% is below {CRITICAL_RATE:.0f}%, "
            "review or retire this case"
        )
    if perf.common_errors:
        top = perf.common_errors[0]
        out.append(f"Address most frequent error {top.error_type} ({top.percentage:.2f}%)")
    if perf.avg_execution_time_ms > SLOW_EXECUTION_MS:
        out.append("Optimize execution time")
    return out


async def analyze_case(db: repo.Db, case_id: str, limit: int) -> CasePerformance:
    async with repo.connection(db) as conn:
        if not await repo.case_exists(conn, case_id):
            raise CaseNotFound(case_id)
        logs = await repo.fetch_recent_logs(conn, case_id, limit)
    return summarize_logs(case_id, logs, datetime.now(UTC))


async def analyze_batch(db: repo.Db, min_logs: int) -> BatchResponse:
    """Analyze every active case with at least `min_logs` logs and store its success rate.

    Set-based: one statement lists the cases, one summarizes the latest logs of all of them
    (counts per outcome and error type, aggregated by PostgreSQL), and one UPDATE stores every
    success rate, in one transaction (the original's one-case-at-a-time
    loop ran an existence check, a log query and a committed UPDATE per case).
    """
    now = datetime.now(UTC)
    async with repo.connection(db) as conn, conn.transaction():
        case_ids = await repo.fetch_active_cases_with_min_logs(conn, min_logs)
        groups = await repo.fetch_recent_log_groups(conn, case_ids, BATCH_LOG_LIMIT)
        performances = [summarize_groups(case_id, groups[case_id], now) for case_id in case_ids]
        await repo.update_case_success_rates(
            conn, case_ids, [perf.success_rate for perf in performances]
        )
    results = [
        CaseSuggestions(case_id=perf.case_id, performance=perf, suggestions=suggest(perf))
        for perf in performances
        if perf.success_rate < LOW_PERFORMANCE_RATE
    ]
    return BatchResponse(
        analyzed_cases=len(performances),
        low_performance_cases=len(results),
        suggestions=results,
        timestamp=now,
    )
