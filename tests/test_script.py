"""The reading view's fold to Simplified: text OpenCC would leave alone is not handed to it, and the index that says
so is the installed OpenCC's own."""
from pathlib import Path

import opencc
import pytest

from loaders import script
from loaders.script import fold, may_change
from tools.opencc_index import INDEX, build

T2S = opencc.OpenCC("t2s")


def test_the_index_is_the_installed_opencc_s():
    # rebuilt from the wheel's dictionaries: an upgraded opencc with other keys fails here until the index is
    # regenerated (python -m tools.opencc_index)
    assert INDEX.read_text(encoding="utf-8") == build()


def test_every_character_opencc_converts_alone_is_flagged():
    chars = [chr(i) for i in range(0x80, 0x10000) if not 0xD800 <= i < 0xE000]
    for c in chars:
        if T2S.convert(c) != c:
            assert may_change(c), f"U+{ord(c):04X}"


@pytest.mark.parametrize("text", ["回覆", "他回覆了来函", "意志消沈", "想像", "區科委牽頭", "𠮷野家"])
def test_phrases_and_traditional_text_reach_opencc(text):
    assert may_change(text)
    assert fold(text) == T2S.convert(text)


@pytest.mark.parametrize("text", ["区科委牵头,区财政局配合", "责任单位:区经济和信息化局", "abc 123", ""])
def test_simplified_text_is_left_as_it_is_without_opencc(text, monkeypatch):
    calls = []
    real = script._CONVERTER

    class Counting:
        def convert(self, t):
            calls.append(t)
            return real.convert(t)

    monkeypatch.setattr(script, "_CONVERTER", Counting())
    assert not may_change(text)
    assert script._fold(text) == text == T2S.convert(text)
    assert calls == []


def test_the_fold_agrees_with_opencc_on_whole_real_plans():
    docs = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
    assert docs
    s2t = opencc.OpenCC("s2t")
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for variant in (text, s2t.convert(text)):
            assert script._fold(variant) == T2S.convert(variant)
