// zh: 被提及最多的实体
// en: The entity mentioned most
MATCH ()-[m:MENTIONS]->(x) RETURN x.name AS v, count(m) AS c ORDER BY c DESC, v LIMIT 1
