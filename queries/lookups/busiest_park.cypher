// zh: 被任务提及最多的园区
// en: The park most tasks mention
MATCH (:Task)-[m:MENTIONS]->(x:Entity {kind: 'Park'}) RETURN x.name AS v, count(m) AS c ORDER BY c DESC, v LIMIT 1
