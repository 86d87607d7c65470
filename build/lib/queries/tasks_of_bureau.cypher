// zh: 某单位在各个方案中牵头或配合哪些任务?
// en: Which tasks does a bureau lead or support, across all plans?
// param: bureau = 区科委 — the bureau's short name, full name or any alias
// returns: document, doc_number, task, title, role, programme, deadline
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases
MATCH (d:Document {id: t.document})
RETURN d.title AS document, d.doc_number AS doc_number, t.number AS task, t.title AS title, r.role AS role,
       t.programme AS programme, t.deadline AS deadline
ORDER BY document, task
