// zh: 任务最多的工程
// en: The programme with the most tasks
MATCH (t:Task)-[:PART_OF]->(p:Programme) RETURN p.name AS v, count(t) AS c ORDER BY c DESC, v LIMIT 1
