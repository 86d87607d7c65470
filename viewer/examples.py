"""Example questions for the Ask page and example queries for the console (common Cypher subset)."""

EXAMPLES = ["区科委牵头哪些任务?", "谁负责第7项任务", "虚拟现实相关的任务", "who supports task 12", "哪个单位任务最多",
            "首钢园有哪些任务", "2025年目标"]
CONSOLE_EXAMPLES = {
    "各单位牵头任务数 · leads per bureau": "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.role = 'lead'\n"
                                       "RETURN b.short_name AS bureau, count(t) AS leads ORDER BY leads DESC",
    "区科委的任务(节点)· nodes": "MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE b.short_name = '区科委'\n"
                               "RETURN b, r.role AS role, t LIMIT 50",
    "任务—赛道路径 · paths": "MATCH p = (t:Task)-[:MENTIONS]->(x:Track) WHERE x.name = '虚拟现实' RETURN p LIMIT 25",
    "目标 · targets": "MATCH (g:Target) RETURN g.year AS year, g.text AS text ORDER BY year",
    "节点计数 · counts": "MATCH (n) RETURN n.kind AS kind, count(*) AS nodes ORDER BY nodes DESC",
}
