"""Parse time grows linearly with input on shapes that were once quadratic (drafting units, digit runs, mentions)."""
import time

from loaders.entities import find_mentions
from loaders.parse import parse_text
from loaders.targets import find_targets

# Two doublings of the input may take at most 2.2 x 2.2 the time; a quadratic path takes 16 x.
MAX_RATIO = 2.2 * 2.2


def cpu_time(fn, arg) -> float:
    t0 = time.process_time()  # CPU time: other processes on a shared machine do not count
    fn(arg)
    return time.process_time() - t0


def assert_linear(fn, make_input, n, runs=7):
    fn(make_input(n // 4))  # warm caches (the gazetteer, compiled patterns)
    small, large = make_input(n), make_input(4 * n)
    t_small = t_large = float("inf")
    for _ in range(runs):  # interleaved, so both sizes meet the same load; the best run of each counts
        t_small = min(t_small, cpu_time(fn, small))
        t_large = min(t_large, cpu_time(fn, large))
    assert t_large <= MAX_RATIO * t_small + 0.01, (t_small, t_large)  # 10 ms: timer and cache noise
    assert t_large < len(large.encode("utf-8")) / 100_000, f"{t_large:.2f} s for {len(large)} characters"


def test_preamble_without_punctuation():
    # a long unpunctuated run before the plan: the drafting units (…等部门制定) are looked for in it
    assert_linear(lambda text: parse_text(text, require_tasks=False), lambda n: "文" * n + "\n一、重点任务\n"
                  "1.建设平台。(责任单位:区科委)\n", 10_000)


def test_drafting_units_still_found_after_a_long_preamble():
    doc = parse_text("文" * 5000 + "\n为推动发展,区科委、区财政局等部门研究制定了本方案。\n一、重点任务\n1.建设平台。(责任单位:区科委)\n")
    assert [name for name, _, _ in doc.facts.drafters] == ["区科委", "区财政局"]


def test_digit_run_in_a_targets_section():
    assert_linear(lambda text: parse_text(text, require_tasks=False),
                  lambda n: "一、总体要求\n(一)发展目标\n" + "7" * n + "\n一、重点任务\n1.建设平台。(责任单位:区科委)\n",
                  5_000)


def test_digit_run_gives_no_target_and_real_numbers_still_do():
    text = "到2026年," + "3" * 3000 + "家;新增企业50家以上。"
    assert [(t.metric, t.value) for t in find_targets(text, 0, len(text))] == [("企业", 50.0)]


def test_many_mentions():
    line = "依托科技园建设虚拟现实孵化器,打造工业互联网服务平台。\n"
    assert_linear(find_mentions, lambda n: line * n, 250)


def test_many_date_phrases_that_are_no_deadlines():
    from loaders.deadlines import find_deadline

    assert_linear(find_deadline, lambda n: "13月底前," * n + "2025年底前完成", 2_000)
    assert find_deadline("13月底前," * 10 + "2025年底前完成") == "2025-12-31"


def test_unclosed_title_quotes_in_a_preamble():
    assert_linear(lambda text: parse_text(text, require_tasks=False),
                  lambda n: "关于印发《" * n + "\n一、重点任务\n1.建设平台。(责任单位:区科委)\n", 2_000)
