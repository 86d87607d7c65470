// zh: 某单位在各个方案中牵头、配合或指导哪些任务?
// en: Which tasks does a bureau lead, support or guide, across the plans?
// param: bureau = 区科委 — the bureau's short name, full name, any alias or its id
// param: jurisdiction = "" — part of the bureau's jurisdiction (石景山区), for a short name several districts use; empty for every jurisdiction
// param: role = "" — lead, support or guide to keep one role; empty for every role
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, role, bureau, programme, deadline, document, doc_number
// ids: task_id, bureau_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (b.id = $bureau OR b.short_name = $bureau OR b.name = $bureau OR $bureau IN b.aliases) AND ($jurisdiction = '' OR b.jurisdiction CONTAINS $jurisdiction)
  AND ($role = '' OR r.role = $role)
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
RETURN t.number AS task, t.title AS title, r.role AS role, b.short_name AS bureau, t.programme AS programme,
       t.deadline AS deadline, d.title AS document, d.doc_number AS doc_number, t.id AS task_id, b.id AS bureau_id
ORDER BY document, task, role, task_id, bureau_id
