"""Score extracted responsibilities against hand annotations (the corpus README's rules).

For each document the multiset of (unit, role) pairs found is compared with the gold multiset: role F1 over
(unit, role), mention F1 over units regardless of role; true/false positives and false negatives are summed over
documents (micro-average). A negative document only adds false positives.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import ROLES
from loaders.errors import KgError



class ScoreError(KgError):
    """The gold or document folders are missing or malformed."""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    name: str
    negative: bool
    role: Counts
    mention: Counts
    found: int
    expected: int
    missing: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""


@dataclass
class CorpusScore:
    documents: list[DocScore]
    role: Counts
    mention: Counts

    def as_dict(self) -> dict:
        return {
            "role": _counts_dict(self.role), "mention": _counts_dict(self.mention),
            "documents": [{"document": d.name, "negative": d.negative, "found": d.found, "expected": d.expected,
                           "role": _counts_dict(d.role), "mention": _counts_dict(d.mention),
                           "missing": [list(x) for x in d.missing], "extra": [list(x) for x in d.extra],
                           "error": d.error} for d in self.documents]}


def _counts_dict(c: Counts) -> dict:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4), "recall": round(c.recall, 4),
            "f1": round(c.f1, 4)}


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def gold_pairs(gold: dict) -> Counter:
    pairs: Counter = Counter()
    for a in gold.get("assignments", []):
        for role in ROLES:
            for unit in a.get(role, []) or []:
                pairs[(_nfkc(unit), role)] += 1
    return pairs


def compare(found: Counter, expected: Counter) -> Counts:
    tp = sum((found & expected).values())
    return Counts(tp, sum(found.values()) - tp, sum(expected.values()) - tp)


def _units(pairs: Counter) -> Counter:
    out: Counter = Counter()
    for (unit, _), n in pairs.items():
        out[unit] += n
    return out


def extracted_pairs(path: Path) -> Counter:
    """The (unit, role) multiset that `python -m graph extract PATH` prints for one document."""
    from loaders.parse import parse_document

    doc = parse_document(path, require_tasks=False)
    return Counter((r.duty.unit, r.duty.role) for r in doc.responsibilities())


def score_corpus(gold_dir: Path, docs_dir: Path) -> CorpusScore:
    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    for d, what in ((gold_dir, "gold"), (docs_dir, "documents")):
        if not d.is_dir():
            raise ScoreError(f"{d}: no such {what} folder; pass GOLD_DIR DOCS_DIR or --corpus DIR "
                             "(a folder holding docs/ and gold/).")
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise ScoreError(f"{gold_dir}: holds no <stem>.json annotation files; check the folder.")
    docs: list[DocScore] = []
    role_total, mention_total = Counts(), Counts()
    for g in golds:
        try:
            gold = json.loads(g.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ScoreError(f"{g}: is not valid JSON ({exc}); fix or remove the annotation file.") from exc
        doc_path = docs_dir / gold["file"] if gold.get("file") else None
        if doc_path is None or not doc_path.exists():
            matches = sorted(p for p in docs_dir.glob(g.stem + ".*"))
            if not matches:
                raise ScoreError(f"{g}: its document ({gold.get('file') or g.stem + '.*'}) is not in {docs_dir}; "
                                 "put the document there or remove the annotation.")
            doc_path = matches[0]
        negative = bool(gold.get("negative"))
        expected = Counter() if negative else gold_pairs(gold)
        error = ""
        try:
            found = extracted_pairs(doc_path)
        except KgError as exc:
            found, error = Counter(), str(exc)
        role = compare(found, expected)
        mention = compare(_units(found), _units(expected))
        role_total.add(role)
        mention_total.add(mention)
        docs.append(DocScore(doc_path.name, negative, role, mention, sum(found.values()), sum(expected.values()),
                             sorted((expected - found).elements()), sorted((found - expected).elements()), error))
    return CorpusScore(docs, role_total, mention_total)
