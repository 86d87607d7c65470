// zh: 哪些单位在最多的方案中承担任务?(方案数、牵头、配合、指导次数)
// en: Which bureaus carry tasks in the most plans (plans, leads, supports, guides)?
// returns: bureau, full_name, jurisdiction, plans, leads, supports, guides, total
// ids: bureau_id
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN b.short_name AS bureau, b.name AS full_name, b.jurisdiction AS jurisdiction, count(DISTINCT t.document) AS plans,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS supports,
       count(CASE WHEN r.role = 'guide' THEN 1 END) AS guides,
       count(*) AS total, b.id AS bureau_id
ORDER BY plans DESC, total DESC, bureau, full_name, jurisdiction, bureau_id
