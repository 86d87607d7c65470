// zh: 与某单位相关的一切:负责的任务和保障措施、签发或起草的文件、共同负责的单位、涉及的赛道和园区
// en: Everything connected to one bureau: tasks and measures it owns, documents it issued or drafted, co-owners, tracks and parks
// param: bureau = 区科委 — the bureau's short name, full name or any alias
// param: jurisdiction = "" — part of the bureau's jurisdiction (石景山区), for a short name several districts use; empty for every jurisdiction
// returns: relation, role, kind, name, count
// ids: node_id
// the bureau's responsibilities one part per role, in the order of the role names (the first sort key; the store's
// check allows no other role): a page sorts the roles it reaches, not every responsibility (1,000 plans: ~5,300)
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(x)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction) AND r.role = 'guide'
RETURN 'responsible for' AS relation, r.role AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
ORDER BY kind, x.document, x.number, node_id, b.id
UNION ALL
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(x)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction) AND r.role = 'lead'
RETURN 'responsible for' AS relation, r.role AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
ORDER BY kind, x.document, x.number, node_id, b.id
UNION ALL
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(x)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction) AND r.role = 'support'
RETURN 'responsible for' AS relation, r.role AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
ORDER BY kind, x.document, x.number, node_id, b.id
UNION ALL
MATCH (b:Bureau)-[:ISSUED]->(x:Document)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction)
RETURN 'issued' AS relation, '' AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
ORDER BY name, node_id, b.id
UNION ALL
MATCH (b:Bureau)-[:DRAFTED]->(x:Document)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction)
RETURN 'drafted' AS relation, '' AS role, x.kind AS kind, x.name AS name, 1 AS count, x.id AS node_id
ORDER BY name, node_id, b.id
UNION ALL
MATCH (b:Bureau)-[c:CO_OWNS]-(o:Bureau)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction)
RETURN 'shares tasks with' AS relation, '' AS role, o.kind AS kind, o.short_name AS name, count(*) AS count, o.id AS node_id
ORDER BY count DESC, name, node_id
UNION ALL
MATCH (b:Bureau)-[:RESPONSIBLE_FOR]->(t:Task)-[:MENTIONS]->(x:Entity)
WHERE (b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction) AND (x.kind = 'Track' OR x.kind = 'Park')
RETURN 'concerns' AS relation, '' AS role, x.kind AS kind, x.name AS name, count(DISTINCT t) AS count, x.id AS node_id
ORDER BY count DESC, kind, name, node_id
