"""Example questions for the Ask page, and the console's example queries (queries/console/*.cypher, in order)."""
from graph.questions.catalogue import QUERIES_DIR, parse_question

EXAMPLES = ["区科委牵头哪些任务?", "谁负责第7项任务", "虚拟现实相关的任务", "who supports task 12", "谁牵头最多",
            "区科委和区人社局共同负责哪些任务", "工作专班由谁牵头", "首钢园有哪些任务", "2025年目标"]
CONSOLE_EXAMPLES = {f"{q.zh} · {q.en}": q.cypher
                    for q in map(parse_question, sorted((QUERIES_DIR / "console").glob("*.cypher")))}
