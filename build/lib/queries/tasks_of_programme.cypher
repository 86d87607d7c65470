// zh: 某项工程(任务板块)包括哪些任务?各由谁牵头?
// en: Which tasks does a programme hold, and who leads each?
// param: programme = 人才 — part of the programme's name
// returns: programme, task, title, lead
MATCH (t:Task)-[:PART_OF]->(p:Programme)
WHERE p.name CONTAINS $programme
OPTIONAL MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t)
WHERE r.role = 'lead'
RETURN p.name AS programme, t.number AS task, t.title AS title, b.short_name AS lead
ORDER BY programme, task, lead
