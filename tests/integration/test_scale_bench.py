"""`balkans-qa bench` end to end at a small size: the real ingest path, a fresh answering process,
the documented JSON shape (its numbers at 100k chunks are in the README, not asserted here)."""

import json

import pytest

from tests.integration.conftest import run_cli

pytestmark = pytest.mark.integration


def test_bench_json_has_the_documented_shape(tmp_path):
    result = run_cli("bench", "--chunks", "500", "--queries", "20", "--json", timeout=900)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"chunks", "ingest_chunks_per_s", "reingest_unchanged_s", "edit_searchable_s", "retrieval", "floor", "rss_mb"}
    assert set(out["retrieval"]) == {"dense", "bm25", "hybrid"}
    assert all(set(v) == {"p50_ms", "p95_ms"} for v in out["retrieval"].values())
    assert set(out["floor"]) == {"chroma_p95_ms", "lexical_p95_ms"}
    assert 450 <= out["chunks"] <= 600
    assert all(out[k] > 0 for k in ("ingest_chunks_per_s", "reingest_unchanged_s", "edit_searchable_s", "rss_mb"))


def test_bench_through_a_chroma_server_prints_its_table():
    result = run_cli("bench", "--chunks", "300", "--queries", "10", "--server", timeout=900)
    assert result.returncode == 0, result.stderr
    assert "a Chroma server (chroma run, localhost)" in result.stdout
    for line in ("retrieval hybrid", "floor: raw Chroma query", "edit of one document", "of the Chroma server"):
        assert line in result.stdout
