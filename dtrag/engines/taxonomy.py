"""Taxonomy logic: semantic ordering of version strings and the nested tree built from parent_id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dtrag.db import repo
from dtrag.schemas import TaxonomyNode, TaxonomyTreeResponse, TaxonomyVersionsResponse

LATEST = "latest"


class TaxonomyVersionNotFound(LookupError):
    """The requested taxonomy version has no node."""

    def __init__(self, version: str) -> None:
        super().__init__(f"Taxonomy version '{version}' not found")
        self.version = version


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing dotted versions numerically part by part ("1.10.0" > "1.9.0").

    Numeric parts sort before non-numeric ones at the same position, so every string has a
    key and the order is total.
    """
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in version.split("."))


def sort_versions(versions: Iterable[str]) -> list[str]:
    return sorted(set(versions), key=version_key)


def latest_version(versions: Iterable[str]) -> str | None:
    ordered = sort_versions(versions)
    return ordered[-1] if ordered else None


def build_tree(rows: Sequence[repo.TaxonomyNodeRow]) -> list[TaxonomyNode]:
    """Nest nodes under their parent; nodes whose parent is absent from the version are roots.

    Built iteratively from the roots, so a parent_id cycle in the data cannot loop: nodes only
    reachable through a cycle are attached as roots instead.
    """
    nodes = {
        r.node_id: TaxonomyNode(
            node_id=r.node_id,
            label=r.label,
            canonical_path=r.canonical_path,
            version=r.version,
            parent_id=r.parent_id,
            description=r.description or None,
        )
        for r in rows
    }
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for r in rows:
        if r.parent_id is not None and r.parent_id in nodes and r.parent_id != r.node_id:
            children.setdefault(r.parent_id, []).append(r.node_id)
        else:
            roots.append(r.node_id)

    attached: set[str] = set()

    def attach_from(start: list[str]) -> None:
        stack = list(start)
        attached.update(start)
        while stack:
            node_id = stack.pop()
            for child_id in children.get(node_id, []):
                if child_id not in attached:
                    attached.add(child_id)
                    nodes[node_id].children.append(nodes[child_id])
                    stack.append(child_id)

    attach_from(roots)
    for r in rows:  # cycle members: promote to roots, in the rows' (path) order
        if r.node_id not in attached:
            roots.append(r.node_id)
            attach_from([r.node_id])
    return [nodes[node_id] for node_id in roots]


async def list_versions(db: repo.Db) -> TaxonomyVersionsResponse:
    versions = sort_versions(await repo.fetch_taxonomy_versions(db))
    return TaxonomyVersionsResponse(versions=versions, latest=versions[-1] if versions else None)


async def resolve_version(db: repo.Db, version: str) -> str:
    """The concrete version for `version` ("latest" = newest by semantic version)."""
    versions = await repo.fetch_taxonomy_versions(db)
    if version == LATEST:
        newest = latest_version(versions)
        if newest is None:
            raise TaxonomyVersionNotFound(version)
        return newest
    if version not in versions:
        raise TaxonomyVersionNotFound(version)
    return version


async def get_tree(db: repo.Db, version: str) -> TaxonomyTreeResponse:
    resolved = await resolve_version(db, version)
    rows = await repo.fetch_taxonomy_nodes(db, resolved)
    return TaxonomyTreeResponse(version=resolved, nodes=build_tree(rows), total_nodes=len(rows))
