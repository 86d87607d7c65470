// zh: 所有单位(简称、全称、别名、辖区)及其负责事项所在的方案,供问答识别单位
// en: Every bureau with its names, jurisdiction and the plans it has duties in, for the Ask router
MATCH (b:Bureau)
OPTIONAL MATCH (b)-[:RESPONSIBLE_FOR]->(x)
RETURN b.id AS id, b.name AS name, b.short_name AS short_name, b.aliases AS aliases,
       b.jurisdiction AS jurisdiction, collect(DISTINCT x.document) AS documents
ORDER BY short_name, id
