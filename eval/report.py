"""Write an evaluation run as Markdown, JSON and PNG charts."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

from eval.dataset import QUESTIONS
from eval.report_md import to_markdown
from eval.runner import ConfigResult
from eval.summary import ratios


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def dataset_version() -> str:
    return hashlib.sha256(QUESTIONS.read_bytes()).hexdigest()[:12]


def to_json(results: list[ConfigResult], llm_backend: str, split: str) -> dict:
    naive = next((r for r in results if r.config.naive), None)
    configs = {}
    for r in results:
        entry = {"description": r.config.description, "summary": r.summary, "items": r.items}
        if naive is not None and "cost" in r.summary and r is not naive:
            entry["summary"]["ratio_to_naive"] = ratios(r.summary, naive.summary)
        configs[r.config.name] = entry
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "dataset": {"path": str(QUESTIONS.name), "sha256_12": dataset_version(), "split": split},
        "llm_backend": llm_backend,
        "configs": configs,
    }


def charts(results: list[ConfigResult], out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = []

    def bars(filename, title, series, subset, ylabel="score", ylim=(0, 1.05)):
        fig, ax = plt.subplots(figsize=(max(6, 1.4 * len(subset)), 4))
        width = 0.8 / max(1, len(series))
        for j, (label, getter) in enumerate(series):
            ax.bar([i + j * width for i in range(len(subset))], [getter(r) for r in subset], width, label=label)
        ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(subset))])
        ax.set_xticklabels([r.config.name for r in subset])
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        if ylim:
            ax.set_ylim(*ylim)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = out_dir / filename
        fig.savefig(path, dpi=110)
        plt.close(fig)
        paths.append(path)

    bars("retrieval.png", "Retrieval", [
        ("hit@1", lambda r: r.summary["retrieval_all"]["hit@1"]),
        ("hit@3", lambda r: r.summary["retrieval_all"]["hit@3"]),
        ("MRR", lambda r: r.summary["retrieval_all"]["mrr"]),
        ("hit@3 EN", lambda r: r.summary["retrieval_en"]["hit@3"]),
    ], results)
    answered = [r for r in results if "answers" in r.summary]
    if answered:
        bars("answers.png", "Answers (answerable items)", [
            ("fully right", lambda r: r.summary["answers"]["fully_right"]),
            ("right or quoted evidence", lambda r: r.summary["answers"]["right_or_evidence"]),
            ("fact recall", lambda r: r.summary["answers"]["fact_recall"]),
            ("false abstention", lambda r: r.summary["answers"]["false_abstention"]),
            ("wrong but cited", lambda r: r.summary["answers"]["wrong_but_cited"]),
        ], answered)
        bars("latency.png", "Latency (s)", [
            ("first evidence p50", lambda r: r.summary["cost"]["first_evidence_ms_p50"] / 1000),
            ("first token p50", lambda r: r.summary["cost"]["first_token_ms_p50"] / 1000),
            ("total p50", lambda r: r.summary["cost"]["total_ms_p50"] / 1000),
            ("total p95", lambda r: r.summary["cost"]["total_ms_p95"] / 1000),
        ], answered, ylabel="seconds", ylim=None)
    return paths


def write_report(results: list[ConfigResult], out_dir: Path, llm_backend: str, split: str = "all") -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = to_json(results, llm_backend, split)
    (out_dir / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    (out_dir / "report.md").write_text(to_markdown(results, data), encoding="utf-8")
    charts(results, out_dir)
    return data
