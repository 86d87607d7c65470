// zh: 被任务提及最多的赛道
// en: The track most tasks mention
MATCH (:Task)-[m:MENTIONS]->(x:Entity {kind: 'Track'}) RETURN x.name AS v, count(m) AS c ORDER BY c DESC, v LIMIT 1
