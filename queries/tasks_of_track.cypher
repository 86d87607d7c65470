// zh: 哪些任务涉及某个产业赛道?由谁牵头?
// en: Which tasks concern an industry track, and who leads them?
// param: track = 虚拟现实 — the track's name (通用人工智能, 工业互联网, 虚拟现实 …)
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, lead, mentions, document
// ids: task_id, bureau_id
MATCH (t:Task)-[m:MENTIONS]->(x:Entity {kind: 'Track'})
WHERE x.name = $track
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH t, d, m
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN t.number AS task, t.title AS title, b.short_name AS lead, m.mentions AS mentions, d.title AS document, t.id AS task_id, b.id AS bureau_id
ORDER BY document, task, lead, task_id, bureau_id
