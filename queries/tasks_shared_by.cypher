// zh: 两个(或三个)单位共同负责哪些任务?各自是什么角色?
// en: Which tasks do two (or three) bureaus share, and in which roles?
// param: bureau_a = 区科委 — the first bureau: the bureau's short name, full name, any alias or its id
// param: bureau_b = 园区管委会 — the second bureau
// param: bureau_c = "" — a third bureau; empty for two
// param: jurisdiction = "" — part of the bureaus' jurisdiction (石景山区), for a short name several districts use; empty for every jurisdiction
// param: document = "" — the plan: part of its title, its number or its id (several ids joined by |); empty for all plans
// returns: task, title, role_a, role_b, role_c, document
// ids: task_id
MATCH (a:Bureau)-[ra:RESPONSIBLE_FOR]->(t:Task)<-[rb:RESPONSIBLE_FOR]-(b:Bureau)
WHERE (a.id = $bureau_a OR a.short_name = $bureau_a OR a.name = $bureau_a OR $bureau_a IN a.aliases) AND (b.id = $bureau_b OR b.short_name = $bureau_b OR b.name = $bureau_b OR $bureau_b IN b.aliases) AND a.id <> b.id
  AND ($jurisdiction = '' OR (a.jurisdiction CONTAINS $jurisdiction AND b.jurisdiction CONTAINS $jurisdiction))
MATCH (d:Document {id: t.document})
WHERE ($document = '' OR d.id = $document OR d.doc_number = $document OR d.title CONTAINS $document OR $document CONTAINS d.id)
// the WITH anchors what follows on the rows so far: without it Ladybug joins every responsibility first
WITH a, b, t, d, ra, rb
OPTIONAL MATCH (c:Bureau)-[rc:RESPONSIBLE_FOR]->(t)
WHERE $bureau_c <> '' AND (c.id = $bureau_c OR c.short_name = $bureau_c OR c.name = $bureau_c OR $bureau_c IN c.aliases) AND c.id <> a.id AND c.id <> b.id
  AND ($jurisdiction = '' OR c.jurisdiction CONTAINS $jurisdiction)
WITH t, d, a, b, c, ra, rb, rc
WHERE $bureau_c = '' OR rc IS NOT NULL
RETURN t.number AS task, t.title AS title, ra.role AS role_a, rb.role AS role_b, rc.role AS role_c,
       d.title AS document, t.id AS task_id
ORDER BY document, task, task_id, role_a, role_b, role_c, a.id, b.id, c.id
