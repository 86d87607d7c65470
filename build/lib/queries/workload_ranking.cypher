// zh: 哪个单位承担的任务最多?(牵头、配合次数)
// en: Which bureau carries the most tasks (lead and support counts)?
// returns: bureau, full_name, jurisdiction, leads, supports, guides, total
MATCH (b:Bureau)-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN b.short_name AS bureau, b.name AS full_name, b.jurisdiction AS jurisdiction,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS supports,
       count(CASE WHEN r.role = 'guide' THEN 1 END) AS guides,
       count(*) AS total
ORDER BY total DESC, leads DESC, bureau, full_name, jurisdiction
