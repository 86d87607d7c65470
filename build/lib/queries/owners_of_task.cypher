// zh: 某项任务由哪些单位负责(牵头、配合)?
// en: Who is responsible for a task (lead and support)?
// param: task = 7 — the task's number in its plan
// param: document = "" — part of a plan's title or its number, to pick one plan; empty for all plans
// returns: document, task, title, bureau, full_name, role
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.number = $task
MATCH (d:Document {id: t.document})
WHERE $document = '' OR d.title CONTAINS $document OR d.doc_number = $document
RETURN d.title AS document, t.number AS task, t.title AS title, b.short_name AS bureau, b.name AS full_name,
       r.role AS role
ORDER BY document, CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, r.span_start
