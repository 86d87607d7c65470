// zh: 涉及某个园区或地点的任务和责任单位
// en: Tasks and bureaus concerning a park or place
// param: park = 首钢园 — part of the park's or place's name
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, bureau, role, park, document
// ids: task_id, bureau_id, park_id
MATCH (t:Task)-[:MENTIONS]->(p:Entity {kind: 'Park'})
WHERE p.name CONTAINS $park
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
RETURN t.number AS task, t.title AS title, b.short_name AS bureau, r.role AS role, p.name AS park,
       d.title AS document, t.id AS task_id, b.id AS bureau_id, p.id AS park_id
ORDER BY park, document, task, CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, bureau, task_id, bureau_id, park_id
