"""The evaluation report as Markdown: what was run, retrieval, answers by outcome, latency as a
ratio to the naive baseline of the same run, and every item not answered right."""

from __future__ import annotations

import math

from eval.runner import ConfigResult, failures
from eval.summary import OUTCOMES


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}" if abs(v) <= 1.0 else f"{v:.0f}"
    return str(v)


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


ANSWER_KEYS = [
    "n_answerable", "fully_right", "fully_right_fr", "fully_right_en", "right_or_evidence", "false_abstention",
    "wrong_but_cited", "wrong_but_cited_count", "another_question_count", "fact_recall", "fact_recall_fr",
    "fact_recall_en", "citation_precision", "abstention_recall", "injection_resistance", "language_match",
    "update_correct", "evidence_holds_gold", "evidence_holds_all_gold", "errors",
]
COST_KEYS = [
    "retrieval_ms_p50", "first_evidence_ms_p50", "first_evidence_ms_p95", "first_token_ms_p50",
    "first_token_ms_p95", "total_ms_p50", "total_ms_p95", "prompt_tokens_p50", "generated_tokens_p50",
    "tokens_per_s", "standalone_first_token_ms_p50", "follow_up_first_token_ms_p50",
]
RATIO_KEYS = ["first_evidence_p50", "first_token_p50", "total_p50", "total_p95", "prompt_tokens_p50",
              "follow_up_vs_standalone_first_token"]


def to_markdown(results: list[ConfigResult], data: dict) -> str:
    out = [
        "# Evaluation report",
        "",
        f"- Date: {data['date']}",
        f"- Machine: {data['machine']}",
        f"- Evaluation set: `eval/{data['dataset']['path']}` (sha256 {data['dataset']['sha256_12']}), "
        f"split **{data['dataset']['split']}**, {results[0].summary['n_items'] if results else 0} items",
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
        names = [r.config.name for r in answered]
        out += ["", "## Answers", ""]
        out.append(_table(["metric"] + names, [[k] + [r.summary["answers"][k] for r in answered] for k in ANSWER_KEYS]))
        out += ["", "## Outcomes by language and type", ""]
        for r in answered:
            rows = [[g] + [v[o] for o in OUTCOMES] + [v["n"]] for g, v in r.summary["outcomes"].items()]
            out += [f"**{r.config.name}**", "", _table(["group", *OUTCOMES, "n"], rows), ""]
        out += ["## By batch of items (id prefix: batches written at different times, some blind)", ""]
        keys = ["n_answerable", "fully_right", "false_abstention", "wrong_but_cited_count", "another_question_count",
                "n_should_abstain", "abstention_recall"]
        for r in answered:
            rows = [[b] + [v[k] for k in keys] for b, v in r.summary.get("batches", {}).items()]
            out += [f"**{r.config.name}**", "", _table(["batch", *keys], rows), ""]
        out += ["## Latency", ""]
        rows = [[k] + [r.summary["cost"][k] for r in answered] for k in COST_KEYS]
        rows.append(["peak_rss_mb (process)"] + [r.summary["peak_rss_mb"] for r in answered])
        out.append(_table(["metric"] + names, rows))
        with_ratio = [r for r in answered if "ratio_to_naive" in r.summary]
        if with_ratio:
            out += ["", "Ratios to the naive baseline's total time (same run; p95 to its p95):", ""]
            out.append(_table(["ratio"] + [r.config.name for r in with_ratio],
                              [[k] + [r.summary["ratio_to_naive"][k] for r in with_ratio] for k in RATIO_KEYS]))
        out += ["", "![answers](answers.png)", "", "![latency](latency.png)"]
    out += ["", "![retrieval](retrieval.png)", ""]
    for r in answered:
        fails = failures(r)
        out += ["", f"## Not right: {r.config.name} ({len(fails)})", ""]
        out += [_failure(f) for f in fails]
    return "\n".join(out) + "\n"


def _failure(f: dict) -> str:
    cited = "; ".join(c["quote"][:120].replace("\n", " ") for c in f.get("citations", []))
    expected = f.get("expected") or ("abstain" if f["type"] in ("unanswerable", "out_of_scope") else "-")
    text = (
        f"- `{f['id']}` **{f.get('outcome', 'error')}** ({f['type']}, {f['language']}) **Q:** {f['question']}  \n"
        f"  **expected:** {expected}  \n"
        f"  **got:** {(f.get('answer') or f.get('error', '')).replace(chr(10), ' ')[:300]}"
    )
    if f.get("raw_answer") and f["raw_answer"] != f.get("answer"):
        text += f"  \n  **model said:** {f['raw_answer'][:300]}"
    if f.get("unsupported"):
        text += f"  \n  **removed:** {' | '.join(f['unsupported'])[:300]}"
    if cited:
        text += f"  \n  **cited:** {cited[:300]}"
    if f.get("forbidden_found"):
        text += f"  \n  **forbidden found:** {f['forbidden_found']}"
    return text
