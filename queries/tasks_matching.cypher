// zh: 标题或正文含有某个词的任务,及其牵头单位(全文查找)
// en: Tasks whose title or text contains a word, and who leads them (full text)
// param: words = 孵化人才 — a word or phrase of the task's title or text
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, lead, document
// ids: task_id, bureau_id
MATCH (t:Task)
MATCH (d:Document {id: t.document})
WHERE (t.title CONTAINS $words OR t.text CONTAINS $words) AND ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH t, d
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN t.number AS task, t.title AS title, b.short_name AS lead, d.title AS document, t.id AS task_id, b.id AS bureau_id
ORDER BY document, task, lead, task_id, bureau_id
