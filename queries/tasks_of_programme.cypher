// zh: 某项工程(任务板块)包括哪些任务?各由谁牵头?
// en: Which tasks does a programme hold, and who leads each?
// param: programme = 人才 — part of the programme's name
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, lead, programme, document
// ids: task_id, bureau_id, programme_id
MATCH (t:Task)-[:PART_OF]->(p:Programme)
WHERE p.name CONTAINS $programme
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH t, d, p
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN t.number AS task, t.title AS title, b.short_name AS lead, p.name AS programme, d.title AS document, t.id AS task_id, b.id AS bureau_id, p.id AS programme_id
ORDER BY document, programme, task, lead, task_id, bureau_id, programme_id
