// zh: 某单位牵头或配合哪些任务?
// en: Which tasks does a bureau lead or support?
// param: bureau = 区科委 — the bureau's short name, full name or any alias
// returns: document, task, title, role, programme
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases
MATCH (d:Document {id: t.document})
RETURN d.title AS document, t.number AS task, t.title AS title, r.role AS role, t.programme AS programme
ORDER BY document, task
