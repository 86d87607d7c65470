"""One reader per file format; each returns normalised Text."""
from __future__ import annotations

from pathlib import Path

from loaders.errors import UnsupportedFormat
from loaders.read import Text, read_text

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED = sorted(TEXT_SUFFIXES)


def read_file(path: Path) -> Text:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_text(path.read_bytes(), str(path), fmt=suffix.lstrip(".") or "txt")
    raise UnsupportedFormat(f"{path}: '{suffix}' files are not supported; supported: {', '.join(SUPPORTED)}.")
