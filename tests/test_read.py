"""Decoding and NFKC normalisation with offsets back into the original text."""
import codecs

import pytest

from loaders.errors import EmptyDocument, NotText, TooLarge, UndecodableText, DocumentError
from loaders.formats import read_document
from loaders.read import read_text

SAMPLE = "一、重点任务\n1.引进机构。（责任单位：区科委、园区管委会）\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_decodes_common_encodings(encoding, prefix):
    text = read_text(prefix + SAMPLE.encode(encoding))
    assert "(责任单位:区科委、园区管委会)" in text.text


def test_nfkc_keeps_offsets_into_the_original():
    raw = "甲（责任单位：区科委）　乙㎡"
    text = read_text(raw.encode("utf-8"))
    assert text.text == "甲(责任单位:区科委) 乙m2"
    i = text.text.index("区科委")
    s, e = text.raw_span(i, i + 3)
    assert raw[s:e] == "区科委"
    # one original character can become two normalised ones; both map back to it
    j = text.text.index("m2")
    assert text.raw_span(j, j + 2) == (raw.index("㎡"), raw.index("㎡") + 1)


def test_crlf_becomes_newline():
    assert read_text("一\r\n二".encode()).text == "一\n二"


def test_a_printed_page_number_on_its_own_line_is_blanked_in_place():
    raw = "一、任务\r\n(责任单位:区科委、\r\n— 3 —\r\n区财政局)\n- 12 -\n第 3 页 共 10 页\n第3页的内容\n2023-12-31\n"
    text = read_text(raw.encode("utf-8"))
    lines = text.text.split("\n")
    assert [line.strip() for line in lines] == ["一、任务", "(责任单位:区科委、", "", "区财政局)", "", "", "第3页的内容",
                                                "2023-12-31", ""]
    i = text.text.index("区财政局")
    assert raw[slice(*text.raw_span(i, i + 4))] == "区财政局"  # offsets still lead back to the original


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n")
    with pytest.raises(EmptyDocument, match="empty"):
        read_document(p)


def test_binary_file(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(NotText):
        read_document(p)


def test_undecodable_text(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("区科委".encode() + b" \xff\x80 abc")  # invalid UTF-8 and GB18030 (0xFF leads nothing)
    with pytest.raises((UndecodableText, NotText), match="UTF-8"):
        read_document(p)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_too_large(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: instant, no disk used
    with pytest.raises(TooLarge, match="MB"):
        read_document(p)


def test_the_fast_one_to_one_mapping_is_translate_with_the_table():
    import random

    from loaders.read import _ONE_TO_ONE, _map_one_to_one

    table = "".join(map(chr, _ONE_TO_ONE))
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(table + "一、区科委牵头(责任单位:区财政局)\n abc12") for _ in range(rng.randint(0, 80)))
        assert _map_one_to_one(text) == text.translate(_ONE_TO_ONE)
    assert _map_one_to_one("（责任单位：区科委）\t") == "(责任单位:区科委) "
    plain = "1.任务甲。(责任单位:区科委)"
    assert _map_one_to_one(plain) is plain  # nothing to map: the same string, not a copy
