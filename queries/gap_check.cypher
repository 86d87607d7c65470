// zh: 哪些任务只有一个责任单位、没有牵头单位或有多个牵头单位?
// en: Which tasks have a single owner, no lead, or several leads?
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, owners, leads, gap, document
// ids: task_id
MATCH (t:Task)
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH t, d
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WITH t, d, count(b) AS owners, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads
WHERE owners < 2 OR leads <> 1
RETURN t.number AS task, t.title AS title, owners, leads,
       CASE WHEN owners = 0 THEN 'no owner' WHEN leads = 0 THEN 'no lead' WHEN leads > 1 THEN 'several leads'
            ELSE 'single owner' END AS gap, d.title AS document, t.id AS task_id
ORDER BY document, task, task_id
