"""`balkans-qa`: a thin command line over the ingest, answer, chat and eval services."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.core.errors import UserError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def _settings(args: argparse.Namespace):
    from bot.settings import load_settings

    settings = load_settings()
    if getattr(args, "store", None):
        settings.store.path = Path(args.store)
        settings.store.host = None
    if getattr(args, "llm", None):
        settings.llm.backend = args.llm
    return settings


def _progress_bar(desc: str = "embedding", unit: str = "chunk"):
    """A progress callback (done, total) drawing a tqdm bar on stderr once there is work."""
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, disable=None)
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def cmd_ingest(args: argparse.Namespace) -> int:
    from bot.wiring import ingest_service, open_chunk_store

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [settings.ingest.corpus_dir]
    with open_chunk_store(settings, exclusive=True) as store:
        report = ingest_service(settings, store).ingest(paths, progress=_progress_bar())
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.to_table())
    return 1 if report.failed else 0


def format_answer(answer) -> str:
    """The answer, then its sources (or, after an abstention, the closest evidence) as quotes."""
    lines = [answer.answer, ""]
    sources = answer.citations or answer.evidence
    if sources:
        head = "Sources:" if answer.citations else ("Closest passages:" if answer.language == "en" else "Passages les plus proches :")
        lines.append(head)
        for c in sources:
            where = " > ".join(x for x in (c.chunk.title, c.chunk.section) if x)
            lines.append(f"  [{c.n}] {c.chunk.doc_id} — {where} (chars {c.start}-{c.end})")
            lines.append(f"      « {c.quote.strip()} »")
    t = answer.timings
    lines.append(
        f"({answer.backend}; evidence {t.get('first_evidence_ms', 0):.0f} ms, "
        f"first token {t.get('first_token_ms', 0):.0f} ms, total {t.get('total_ms', 0):.0f} ms)"
    )
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.wiring import answer_service, open_chunk_store

    settings = _settings(args)
    with open_chunk_store(settings, exclusive=False) as store:
        answer = answer_service(settings, store).ask(args.question, lang=args.lang)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    import threading

    from bot.ui.app import ChatUI, credentials, is_loopback
    from bot.wiring import answer_service, ingest_service, open_chunk_store

    settings = _settings(args)
    host = args.host or settings.ui.host
    port = args.port or settings.ui.port
    auth = credentials(settings)
    if not is_loopback(host) and auth is None:
        raise UserError(
            f"refusing to serve on {host} without credentials: set {settings.ui.username_env} and "
            f"{settings.ui.password_env} (or bind to 127.0.0.1)"
        )
    with open_chunk_store(settings, exclusive=True) as store:
        ingest = ingest_service(settings, store)
        # The corpus folder and the store agree before serving (cheap when nothing changed): an
        # upload cut short by a crash is finished, a file removed meanwhile is withdrawn.
        report = ingest.ingest([settings.ingest.corpus_dir], progress=_progress_bar())
        if any(d.status != "unchanged" for d in report.documents):
            print(f"Ingested {settings.ingest.corpus_dir}:\n{report.to_table()}", file=sys.stderr)
        service = answer_service(settings, store)
        threading.Thread(target=_warm_up, args=(service,), daemon=True).start()
        ui = ChatUI(service, ingest, settings)
        from bot.server import create_app, serve

        app = create_app(service, settings, ui=ui, auth=auth)
        print(f"Serving the chat on http://{host}:{port} and its OpenAI-compatible API on http://{host}:{port}/v1",
              file=sys.stderr)
        serve(app, host=host, port=port)
    return 0


def _warm_up(service) -> None:
    try:
        service.warm_up()
    except Exception as exc:  # the chat shows the same error on the first question
        print(f"warning: warm-up failed: {exc}", file=sys.stderr)


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.configs import resolve
    from eval.dataset import load_items
    from eval.report import write_report
    from eval.runner import EvalRunner

    settings = _settings(args)
    backend = args.llm or settings.llm.backend
    names = [n.strip() for n in args.compare.split(",") if n.strip()] if args.compare else [
        "extractive" if backend == "extractive" else "full"
    ]
    configs = resolve(names)
    items = load_items(split=args.split)
    if args.only:
        items = [i for i in items if i.id.startswith(args.only)]
    if args.limit:
        items = items[: args.limit]
    if not items:
        raise UserError("no evaluation item matches: check --split, --only and --limit")
    bars: dict = {}

    def progress(name: str, done: int, total: int) -> None:
        if name not in bars:
            bars[name] = _progress_bar(f"eval {name}", "q")
        bars[name](done, total)

    results = EvalRunner(settings, items, backend, progress).run(configs)
    out = Path(args.out)
    data = write_report(results, out, backend, args.split)
    summary = {name: cfg["summary"] for name, cfg in data["configs"].items()}
    if args.json:
        print(json.dumps({"date": data["date"], "machine": data["machine"], "summaries": summary}, indent=1, default=str))
    else:
        print((out / "report.md").read_text(encoding="utf-8").split("## Not right")[0])
        print(f"Report, JSON and charts in {out}/", file=sys.stderr)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from bot.bench.run import run_bench, to_json, to_table

    keep = Path(args.keep) if args.keep else None
    result = run_bench(
        args.chunks, server=args.server, queries=args.queries, keep=keep,
        progress=None if args.json else _progress_bar("ingest (hashing embedder)"),
    )
    print(json.dumps(to_json(result)) if args.json else to_table(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bot.llm.registry import llm_names

    llms = llm_names()
    parser = argparse.ArgumentParser(
        prog="balkans-qa",
        description="Questions and answers over France's strategy for the Western Balkans.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="chunk, embed and store documents (re-ingest is exact)")
    p.add_argument("paths", nargs="*", help="files or folders (default: the bundled corpus)")
    p.add_argument("--store", help="Chroma persist directory (overrides store.path)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="answer one question, with citations")
    p.add_argument("question")
    p.add_argument("--store", help="Chroma persist directory (overrides store.path)")
    p.add_argument("--llm", choices=llms, help="LLM backend")
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto", help="answer language")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="serve the chat UI and its OpenAI-compatible API at /v1 "
                       "(ingests the default corpus if the store is empty)")
    p.add_argument("--host", help="address to bind (default 127.0.0.1; others need credentials)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--store", help="Chroma persist directory (overrides store.path)")
    p.add_argument("--llm", choices=llms, help="LLM backend")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("eval", help="score the whole system on the evaluation set")
    p.add_argument("--llm", choices=llms, help="backend of the LLM configurations")
    p.add_argument("--compare", help="configurations side by side: dense,bm25,hybrid,extractive,full,naive")
    p.add_argument("--split", choices=["dev", "test", "all"], default="all",
                   help="dev: the items prompts and thresholds are tuned on; test: held out, report only")
    p.add_argument("--out", default="eval/out", help="folder for report.md, report.json and the charts")
    p.add_argument("--limit", type=int, help="only the first N items (a quick look)")
    p.add_argument("--only", metavar="PREFIX", help="only the items whose id starts with PREFIX (e.g. u-en-)")
    p.add_argument("--json", action="store_true", help="print the summaries as JSON")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="measure ingest and retrieval on a synthetic store of N chunks")
    p.add_argument("--chunks", type=int, default=10_000, help="store size in chunks (default 10000)")
    p.add_argument("--server", action="store_true", help="go through a real `chroma run` server")
    p.add_argument("--queries", type=int, default=200, help="questions per retrieval mode (default 200)")
    p.add_argument("--keep", help="build the store in this folder and keep it, with bench.json (every figure)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"balkans-qa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("balkans-qa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
