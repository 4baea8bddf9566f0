"""Aggregate per-item records into the numbers of the report."""

from __future__ import annotations

from eval import metrics as M
from eval.dataset import ABSTAIN, ANSWERABLE

OUTCOMES = ("right", "evidence", "abstained", "wrong_cited", "another_question", "uncited", "wrong")


def summarise(items: list[dict], *, answers: bool) -> dict:
    out: dict = {"n_items": len(items)}
    for lang in ("all", "fr", "en"):
        scored = [i["retrieval"] for i in items if "retrieval" in i and lang in ("all", i["language"])]
        out[f"retrieval_{lang}"] = {
            k: M.mean([s[k] for s in scored]) for k in ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5")
        } | {"n": len(scored)}
    if not answers:
        return out
    ok = [i for i in items if "error" not in i]
    answerable = [i for i in ok if i["type"] in ANSWERABLE]
    should_abstain = [i for i in ok if i["type"] in ABSTAIN]
    injection = [i for i in ok if i["type"] == "injection"]
    updated = [i for i in ok if i["scenario"] == "updated"]
    cits = [c for i in answerable for c in i["citation_ok"]]
    out["answers"] = {
        "errors": len(items) - len(ok),
        "n_answerable": len(answerable),
        "fully_right": _rate(answerable, "right"),
        "fully_right_fr": _rate([i for i in answerable if i["language"] == "fr"], "right"),
        "fully_right_en": _rate([i for i in answerable if i["language"] == "en"], "right"),
        "right_or_evidence": M.mean([float(i["outcome"] in ("right", "evidence")) for i in answerable]),
        "false_abstention": _rate(answerable, "abstained"),
        "wrong_but_cited": _rate(answerable, "wrong_cited"),
        "another_question": M.mean(
            [float(i["outcome"] == "another_question") for i in answerable + should_abstain]
        ),
        "wrong_but_cited_count": sum(i["outcome"] == "wrong_cited" for i in answerable),
        "another_question_count": sum(i["outcome"] == "another_question" for i in answerable + should_abstain),
        "evidence_holds_gold": M.mean([float(i["evidence_holds_gold"]) for i in answerable if i.get("evidence_holds_gold") is not None]),
        "evidence_holds_all_gold": M.mean(
            [float(i["evidence_holds_all_gold"]) for i in answerable if i.get("evidence_holds_all_gold") is not None]
        ),
        "fact_recall": M.mean([i["fact_recall"] for i in answerable]),
        "fact_recall_fr": M.mean([i["fact_recall"] for i in answerable if i["language"] == "fr"]),
        "fact_recall_en": M.mean([i["fact_recall"] for i in answerable if i["language"] == "en"]),
        "citation_precision": M.mean([float(c) for c in cits]),
        "abstention_recall": M.mean([float(i["abstained"]) for i in should_abstain]),
        "injection_resistance": M.mean([float(not i["forbidden_found"]) for i in injection]),
        "language_match": M.mean([float(i["language_ok"]) for i in ok]),
        "update_correct": M.mean([float(i["outcome"] == "right") for i in updated]),
    }
    out["outcomes"] = {
        group: {o: sum(i["outcome"] == o for i in members) for o in OUTCOMES} | {"n": len(members)}
        for group, members in _groups(ok).items()
    }
    out["batches"] = batches(ok)
    out["cost"] = cost(ok)
    return out


def batches(items: list[dict]) -> dict[str, dict]:
    """Outcomes per batch of items, by id prefix ("k" for k-…): batches were written at different
    times (some blind, before anyone saw the system answer them), so each is reported apart."""
    out: dict[str, dict] = {}
    for prefix in sorted({i["id"].split("-")[0] for i in items}):
        members = [i for i in items if i["id"].split("-")[0] == prefix]
        answerable = [i for i in members if i["type"] in ANSWERABLE]
        abstain = [i for i in members if i["type"] in ABSTAIN]
        out[prefix] = {
            "n_answerable": len(answerable),
            "fully_right": _rate(answerable, "right"),
            "false_abstention": _rate(answerable, "abstained"),
            "wrong_but_cited_count": sum(i["outcome"] == "wrong_cited" for i in answerable),
            "another_question_count": sum(i["outcome"] == "another_question" for i in answerable + abstain),
            "n_should_abstain": len(abstain),
            "abstention_recall": M.mean([float(i["abstained"]) for i in abstain]),
        }
    return out


def _rate(items: list[dict], outcome: str) -> float:
    return M.mean([float(i["outcome"] == outcome) for i in items])


def _groups(items: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {"all answerable": [i for i in items if i["type"] in ANSWERABLE]}
    for lang in ("fr", "en"):
        groups[f"answerable {lang}"] = [i for i in groups["all answerable"] if i["language"] == lang]
    for kind in sorted({i["type"] for i in items}):
        groups[kind] = [i for i in items if i["type"] == kind]
    return groups


def cost(items: list[dict]) -> dict:
    timed = [i["timings"] for i in items if i.get("timings")]
    out = {
        f"{key}_{q}": M.percentile([t[key] for t in timed if key in t], p)
        for key in ("retrieval_ms", "first_evidence_ms", "first_token_ms", "total_ms")
        for q, p in (("p50", 0.5), ("p95", 0.95))
    }
    # Only answers the model wrote count for the model's own cost.
    written = [i for i in items if i.get("generated_tokens")]
    gen_ms = sum(i["generation_ms"] for i in written)
    out["tokens_per_s"] = sum(i["generated_tokens"] for i in written) / (gen_ms / 1000) if gen_ms else float("nan")
    out["prompt_tokens_p50"] = M.percentile([i["prompt_tokens"] for i in written if i.get("prompt_tokens")], 0.5)
    out["generated_tokens_p50"] = M.percentile([i["generated_tokens"] for i in written], 0.5)
    follow = [i["timings"]["first_token_ms"] for i in written if i["type"] == "follow-up"]
    alone = [i["timings"]["first_token_ms"] for i in written if i["type"] != "follow-up"]
    out["follow_up_first_token_ms_p50"] = M.percentile(follow, 0.5)
    out["standalone_first_token_ms_p50"] = M.percentile(alone, 0.5)
    return out


def ratios(product: dict, naive: dict) -> dict:
    """Latency of a configuration as a ratio to the naive baseline's, measured in the same run."""
    base = naive["cost"]
    c = product["cost"]
    div = lambda a, b: a / b if b and b == b and a == a else float("nan")  # noqa: E731
    return {
        "first_evidence_p50": div(c["first_evidence_ms_p50"], base["total_ms_p50"]),
        "first_token_p50": div(c["first_token_ms_p50"], base["total_ms_p50"]),
        "total_p50": div(c["total_ms_p50"], base["total_ms_p50"]),
        "total_p95": div(c["total_ms_p95"], base["total_ms_p95"]),
        "prompt_tokens_p50": div(c["prompt_tokens_p50"], base["prompt_tokens_p50"]),
        "follow_up_vs_standalone_first_token": div(
            c["follow_up_first_token_ms_p50"], c["standalone_first_token_ms_p50"]
        ),
    }
