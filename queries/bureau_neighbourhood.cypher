// zh: 与某单位相关的一切:负责的任务和保障措施、签发或起草的文件、共同负责的单位、涉及的赛道和园区
// en: Everything connected to one bureau: tasks and measures it owns, documents it issued or drafted, co-owners, tracks and parks
// param: bureau = 区科委 — the bureau's short name, full name or any alias
// returns: relation, role, kind, name, count
// ids: node_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(x)
WHERE b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases
RETURN 'responsible for' AS relation, r.role AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
UNION ALL
MATCH (b:Bureau)-[:ISSUED]->(x:Document)
WHERE b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases
RETURN 'issued' AS relation, '' AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
UNION ALL
MATCH (b:Bureau)-[:DRAFTED]->(x:Document)
WHERE b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases
RETURN 'drafted' AS relation, '' AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
UNION ALL
MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(o:Bureau)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND o.id <> b.id
RETURN 'shares tasks with' AS relation, '' AS role, o.kind AS kind, o.short_name AS name, count(DISTINCT t) AS count, o.id AS node_id
UNION ALL
MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)-[:MENTIONS]->(x)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND (x.kind = 'Track' OR x.kind = 'Park')
RETURN 'concerns' AS relation, '' AS role, x.kind AS kind, x.name AS name, count(DISTINCT t) AS count, x.id AS node_id
