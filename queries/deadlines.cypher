// zh: 哪些任务有完成时限?(可按年份筛选)
// en: Which tasks have a deadline (optionally in one year)?
// param: year = "" — a year such as 2025 to keep deadlines in it; empty for every deadline
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, deadline, lead, document
// ids: task_id, bureau_id
MATCH (t:Task)
MATCH (d:Document {id: t.document})
WHERE t.deadline IS NOT NULL AND t.deadline <> '' AND ($year = '' OR t.deadline STARTS WITH $year) AND ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH t, d
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN t.number AS task, t.title AS title, t.deadline AS deadline, b.short_name AS lead, d.title AS document, t.id AS task_id, b.id AS bureau_id
ORDER BY deadline, document, task, lead, task_id, bureau_id
