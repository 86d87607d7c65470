// zh: 某项任务由哪些单位负责(牵头、配合、指导)?
// en: Who is responsible for a task (lead, support, guide)?
// param: task = 7 — the task's number in its plan
// param: role = "" — lead, support or guide to keep one role; empty for every role
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, bureau, role, full_name, jurisdiction, document
// ids: task_id, bureau_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.number = $task AND ($role = '' OR r.role = $role)
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
RETURN t.number AS task, t.title AS title, b.short_name AS bureau, r.role AS role, b.name AS full_name,
       b.jurisdiction AS jurisdiction, d.title AS document, t.id AS task_id, b.id AS bureau_id
ORDER BY document, CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, r.span_start, task_id, bureau_id
