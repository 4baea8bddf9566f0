"""Write an evaluation run as Markdown, JSON and PNG charts."""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

from eval.dataset import QUESTIONS
from eval.runner import ConfigResult, failures


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


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if v <= 1.0 else f"{v:.0f}"
    return str(v)


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def to_json(results: list[ConfigResult], llm_backend: str) -> dict:
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "dataset": {"path": str(QUESTIONS.name), "sha256_12": dataset_version()},
        "llm_backend": llm_backend,
        "configs": {
            r.config.name: {"description": r.config.description, "summary": r.summary, "items": r.items}
            for r in results
        },
    }


def to_markdown(results: list[ConfigResult], data: dict) -> str:
    out = [
        "# Evaluation report",
        "",
        f"- Date: {data['date']}",
        f"- Machine: {data['machine']}",
        f"- Evaluation set: `eval/{data['dataset']['path']}` (sha256 {data['dataset']['sha256_12']}), "
        f"{results[0].summary['n_items'] if results else 0} items",
        f"- LLM backend for LLM configurations: {data['llm_backend']}",
        "",
        "## Configurations",
        "",
    ]
    out += [f"- **{r.config.name}**: {r.config.description}" for r in results]
    out += ["", "## Retrieval (items with a gold passage)", ""]
    rows = []
    for r in results:
        for lang in ("all", "fr", "en"):
            s = r.summary[f"retrieval_{lang}"]
            rows.append([r.config.name, lang, s["n"], s["hit@1"], s["hit@3"], s["hit@5"], s["mrr"], s["ndcg@5"]])
    out.append(_table(["config", "lang", "n", "hit@1", "hit@3", "hit@5", "MRR", "nDCG@5"], rows))
    answered = [r for r in results if "answers" in r.summary]
    if answered:
        out += ["", "## Answers", ""]
        keys = ["fact_recall", "all_facts", "fact_recall_fr", "fact_recall_en", "citation_precision",
                "citation_recall", "unsupported_per_answer", "language_match", "abstention_precision",
                "abstention_recall", "false_abstention", "injection_resistance", "update_correct", "errors"]
        out.append(_table(["metric"] + [r.config.name for r in answered],
                          [[k] + [r.summary["answers"][k] for r in answered] for k in keys]))
        out += ["", "## Cost", ""]
        ckeys = ["retrieval_ms_p50", "retrieval_ms_p95", "first_token_ms_p50", "first_token_ms_p95",
                 "total_ms_p50", "total_ms_p95", "tokens_per_s"]
        rows = [[k] + [r.summary["cost"][k] for r in answered] for k in ckeys]
        rows.append(["peak_rss_mb (process)"] + [r.summary["peak_rss_mb"] for r in answered])
        out.append(_table(["metric"] + [r.config.name for r in answered], rows))
        out += ["", "![answers](answers.png)", "", "![latency](latency.png)"]
    out += ["", "![retrieval](retrieval.png)", ""]
    for r in answered:
        fails = failures(r)
        out += ["", f"## Failures: {r.config.name} ({len(fails)})", ""]
        for f in fails:
            cited = "; ".join(c["passage"][:90].replace("\n", " ") for c in f.get("citations", []))
            out.append(
                f"- `{f['id']}` ({f['type']}, {f['language']}) **Q:** {f['question']}  \n"
                f"  **expected:** {f.get('expected') or ('abstain' if f['type'] in ('unanswerable', 'out_of_scope') else '-')}"
                f"  \n  **got:** {(f.get('answer') or f.get('error', '')).replace(chr(10), ' ')[:300]}"
                + (f"  \n  **model said:** {f['raw_answer'][:300]}" if f.get("raw_answer") and f["raw_answer"] != f.get("answer") else "")
                + (f"  \n  **cited:** {cited[:300]}" if cited else "")
                + (f"  \n  **forbidden found:** {f['forbidden_found']}" if f.get("forbidden_found") else "")
            )
    return "\n".join(out) + "\n"


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
        bars("answers.png", "Answers", [
            ("fact recall", lambda r: r.summary["answers"]["fact_recall"]),
            ("citation precision", lambda r: r.summary["answers"]["citation_precision"]),
            ("abstention recall", lambda r: r.summary["answers"]["abstention_recall"]),
            ("injection resistance", lambda r: r.summary["answers"]["injection_resistance"]),
        ], answered)
        bars("latency.png", "Latency (s)", [
            ("first token p50", lambda r: r.summary["cost"]["first_token_ms_p50"] / 1000),
            ("total p50", lambda r: r.summary["cost"]["total_ms_p50"] / 1000),
            ("total p95", lambda r: r.summary["cost"]["total_ms_p95"] / 1000),
        ], answered, ylabel="seconds", ylim=None)
    return paths


def write_report(results: list[ConfigResult], out_dir: Path, llm_backend: str) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = to_json(results, llm_backend)
    (out_dir / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    (out_dir / "report.md").write_text(to_markdown(results, data), encoding="utf-8")
    charts(results, out_dir)
    return data
