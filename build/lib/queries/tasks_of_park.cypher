// zh: 涉及某个园区或地点的任务和责任单位
// en: Tasks and bureaus concerning a park or place
// param: park = 首钢园 — part of the park's or place's name
// returns: park, task, title, bureau, role
MATCH (t:Task)-[:MENTIONS]->(p:Park)
WHERE p.name CONTAINS $park
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
RETURN p.name AS park, t.number AS task, t.title AS title, b.short_name AS bureau, r.role AS role
ORDER BY park, task, CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END, bureau
