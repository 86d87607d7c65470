// zh: 每项任务的责任单位及角色(按条款中的顺序)
// en: Each task's responsible bureaus and their roles, in the order the clause names them
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN t.id AS task, t.document AS document, t.number AS number, t.title AS title, b.id AS bureau,
       b.short_name AS short_name, b.name AS name, b.jurisdiction AS jurisdiction, r.role AS role,
       r.span_start AS at
ORDER BY document, number, at
